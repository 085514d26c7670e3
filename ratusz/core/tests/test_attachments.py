"""Evidence files: checked by content, limited in size, always downloaded."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.core import services
from ratusz.core.models import Attachment
from ratusz.core.tests.factories import clause

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_a_pdf_is_stored_with_its_sha256_and_size(office):
    action = office.action()
    att = services.attach_file(actor=office.employee, target=action, upload=upload("p.pdf", PDF))
    assert att.sha256 == hashlib.sha256(PDF).hexdigest()
    assert att.size == len(PDF)
    assert att.mime_type == "application/pdf"


def test_a_word_document_is_recognised_by_its_content(office):
    action = office.action()
    att = services.attach_file(
        actor=office.employee, target=action, upload=upload("raport.docx", docx_bytes())
    )
    assert att.mime_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("invoice.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not a .pdf"),
        ("notes.txt", b"<html><body><script>steal()</script></body></html>", "markup"),
        ("photo.png", PDF, "not a .png"),
        ("page.html", b"<html></html>", "not accepted"),
        ("tool.exe", b"MZ\x90\x00", "not accepted"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_disguised_or_unsupported_files_are_refused_with_a_reason(office, name, content, message):
    action = office.action()
    with pytest.raises(ValidationError) as exc:
        services.attach_file(actor=office.employee, target=action, upload=upload(name, content))
    assert message in " ".join(exc.value.message_dict["file"])
    assert Attachment.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(office, settings):
    settings.RATUSZ_MAX_UPLOAD_BYTES = 1024 * 1024
    action = office.action()
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        services.attach_file(actor=office.employee, target=action, upload=upload("big.pdf", big))
    assert "limit is 1 MB" in exc.value.message_dict["file"][0]
    media = settings.MEDIA_ROOT
    assert not any(media.rglob("*.pdf")) if media.exists() else True
    assert Attachment.objects.count() == 0


def test_the_upload_page_names_the_problem(office, client_for):
    action = office.action()
    response = client_for(office.employee).post(
        f"/actions/{action.pk}/attach/",
        {"file": upload("invoice.pdf", b"<html>fake</html>"), "description": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "is not a .pdf file" in response.content.decode()


def test_files_are_always_served_as_downloads_never_inline(office, client_for):
    action = office.action()
    att = services.attach_file(actor=office.employee, target=action, upload=upload("p.pdf", PDF))
    response = client_for(office.owner).get(f"/attachments/{att.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_an_employee_of_another_unit_cannot_download_the_evidence(office, client_for):
    action = office.action()
    att = services.attach_file(actor=office.employee, target=action, upload=upload("p.pdf", PDF))
    assert client_for(office.outsider).get(f"/attachments/{att.pk}/").status_code == 404


def test_a_file_can_be_linked_to_the_clauses_it_is_evidence_for(office, client_for):
    action = office.action()
    improvement = clause("10.2")
    response = client_for(office.employee).post(
        f"/actions/{action.pk}/attach/",
        {"file": upload("p.pdf", PDF), "description": "Protokół", "clauses": [improvement.pk]},
    )
    assert response.status_code == 302
    assert list(Attachment.objects.get().clauses.all()) == [improvement]
    page = client_for(office.owner).get(f"/actions/{action.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "ISO clauses: 10.2" in page.content.decode()
