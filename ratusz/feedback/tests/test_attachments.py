"""Residents attach files to what they send through the portal: limited in number,
size and type (decided by content), stored with the submission, downloaded by staff."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.feedback import services
from ratusz.feedback.models import Submission, SubmissionFile
from ratusz.feedback.tests.test_pages import GOOD

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(name="dziura.png", data=PNG):
    return SimpleUploadedFile(name, data, content_type="image/png")


def _media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_form_is_multipart_and_names_the_limits(client_for):
    page = client_for(None).get("/public/feedback/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="attachments"' in page and "multiple" in page
    assert "Up to 3 files of at most 5 MB each" in page


def test_a_resident_attaches_a_photo_and_staff_download_it(office, client_for):
    response = client_for(None).post(
        "/public/feedback/",
        {**GOOD, "attachments": [_png(), SimpleUploadedFile("skarga.pdf", PDF)]},
    )
    assert response.status_code == 200
    assert b"dziura.png" in response.content  # listed on the receipt
    s = Submission.objects.get()
    files = list(s.files.order_by("pk"))
    assert [(f.original_name, f.mime_type) for f in files] == [
        ("dziura.png", "image/png"),
        ("skarga.pdf", "application/pdf"),
    ]
    # Stored under a random name, not the resident's.
    assert "dziura" not in files[0].file.name
    staff = client_for(office.quality)
    detail = staff.get(s.get_absolute_url()).content.decode()
    assert f"/feedback/{s.pk}/files/{files[0].pk}/" in detail and "dziura.png" in detail
    download = staff.get(f"/feedback/{s.pk}/files/{files[0].pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"].startswith("attachment")


def test_a_file_of_another_submission_is_not_found_under_this_one(office, client_for):
    client = client_for(None)
    client.post("/public/feedback/", {**GOOD, "attachments": [_png()]})
    client.post("/public/feedback/", GOOD)
    with_file, without = Submission.objects.order_by("pk")
    f = with_file.files.get()
    response = client_for(office.quality).get(f"/feedback/{without.pk}/files/{f.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("program.exe", b"MZ\x90\x00"), "program.exe: files of type .exe"),
        (SimpleUploadedFile("foto.png", b"<html><script>x()</script>"), "foto.png: The file"),
        (SimpleUploadedFile("pusty.pdf", b""), "pusty.pdf"),
        (SimpleUploadedFile("list.txt", b"<script>alert(1)</script>"), "list.txt:"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field_and_the_file(client_for, upload, message):
    response = client_for(None).post("/public/feedback/", {**GOOD, "attachments": [upload]})
    assert response.status_code == 400
    errors = response.context["form"].errors["attachments"]
    assert any(message in error for error in errors), errors
    assert message.encode() in response.content  # shown beside the field
    assert not Submission.objects.exists()  # nothing half-saved


def test_too_large_and_too_many_files_are_refused(client_for, settings):
    settings.RATUSZ_FEEDBACK_MAX_FILE_MB = 1
    big = _png("duze.png", PNG + b"\0" * (1024 * 1024))
    response = client_for(None).post("/public/feedback/", {**GOOD, "attachments": [big]})
    assert response.status_code == 400
    assert "duze.png: the file is 1.0 MB; the limit is 1 MB." in str(
        response.context["form"].errors["attachments"]
    )
    four = [_png(f"z{i}.png") for i in range(4)]
    response = client_for(None).post("/public/feedback/", {**GOOD, "attachments": four})
    assert response.status_code == 400
    assert "At most 3 files may be attached; you chose 4." in str(
        response.context["form"].errors["attachments"]
    )
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()


def test_a_refused_submission_leaves_no_file_behind(client_for, settings):
    response = client_for(None).post(
        "/public/feedback/", {**GOOD, "subject": "", "attachments": [_png()]}
    )
    assert response.status_code == 400
    assert not SubmissionFile.objects.exists()
    assert _media_files(settings) == []


def test_anonymising_the_submitter_removes_the_files(
    client_for, settings, django_capture_on_commit_callbacks
):
    data = {**GOOD, "kind": "compliment", "attachments": [_png()]}
    client_for(None).post("/public/feedback/", data)
    s = Submission.objects.get()
    assert len(_media_files(settings)) == 1
    closed = timezone.localdate() - timedelta(days=366 * (services.retention_years() + 2))
    Submission.objects.filter(pk=s.pk).update(status=Submission.Status.CLOSED, closed_on=closed)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.anonymise_expired(timezone.localdate()) == 1
    assert not SubmissionFile.objects.exists()
    assert _media_files(settings) == []
