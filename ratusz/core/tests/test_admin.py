"""The Django admin corrects plain data only: evidence, numbers and workflow stay as the
services left them."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.core import services
from ratusz.core.models import Action, Attachment, NumberSeries, User


@pytest.fixture
def admin_client(db, client):
    superuser = User.objects.create_superuser("root", "root@example.org", "secret-pass-123")
    client.force_login(superuser, backend="ratusz.core.auth.RatuszBackend")
    return client


def _evidence(office) -> Attachment:
    return services.attach_file(
        actor=office.quality,
        target=office.action(),
        upload=SimpleUploadedFile("a1.txt", b"Protokol z kontroli."),
    )


def test_an_administrator_cannot_replace_an_evidence_file_behind_its_hash(
    office, admin_client, form_on_page
):
    attachment = _evidence(office)
    url = f"/admin/core/attachment/{attachment.pk}/change/"
    posted = form_on_page(admin_client.get(url))
    posted.update(
        {
            "file": SimpleUploadedFile("a1.txt", b"<html>" + b"x" * 80_000),
            "sha256": "0" * 64,
            "size": "1",
            "original_name": "inne.txt",
            "description": "Protokół z kontroli danych",
        }
    )

    assert admin_client.post(url, posted).status_code == 302

    saved = Attachment.objects.get(pk=attachment.pk)
    assert saved.description == "Protokół z kontroli danych"
    assert saved.file.name == attachment.file.name and saved.original_name == "a1.txt"
    assert (saved.sha256, saved.size) == (attachment.sha256, attachment.size)
    with saved.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == attachment.sha256


def test_an_administrator_cannot_move_an_action_past_its_steps_or_name_its_verifier(
    office, admin_client, form_on_page
):
    action = office.action()
    url = f"/admin/core/action/{action.pk}/change/"
    posted = form_on_page(admin_client.get(url))
    posted.update(
        {
            "status": Action.Status.CLOSED,
            "verified_by": str(office.employee.pk),
            "effectiveness_result": "effective",
            "title": "Uzupełnić karty usług wydziału",
        }
    )

    assert admin_client.post(url, posted).status_code == 302

    saved = Action.objects.get(pk=action.pk)
    assert saved.title == "Uzupełnić karty usług wydziału"
    assert saved.status == Action.Status.OPEN
    assert saved.verified_by is None and saved.effectiveness_result == ""


def test_a_correction_in_the_admin_makes_an_open_form_report_a_conflict(
    office, admin_client, form_on_page
):
    action = office.action()
    url = f"/admin/core/action/{action.pk}/change/"
    posted = form_on_page(admin_client.get(url))
    posted["due_date"] = (timezone.localdate() + timedelta(days=20)).isoformat()

    admin_client.post(url, posted)

    assert Action.objects.get(pk=action.pk).version == action.version + 1


def test_the_admin_adds_no_records_the_services_number_or_file(admin_client):
    for path in ("/admin/core/action/add/", "/admin/core/attachment/add/"):
        assert admin_client.get(path).status_code == 403, path


def test_the_number_series_are_shown_but_not_changed_in_the_admin(db, admin_client):
    series = NumberSeries.objects.create(key="nonconformity:2026", last=7)
    url = f"/admin/core/numberseries/{series.pk}/change/"

    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"key": "nonconformity:2026", "last": "1"})

    assert NumberSeries.objects.get(pk=series.pk).last == 7
