"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.documents import services
from ratusz.documents.models import Document, DocumentType, DocumentVersion

CONFLICT = "Someone else saved this record"


def _draft(office) -> Document:
    return services.create_document(
        actor=office.owner,
        doc_type=DocumentType.objects.get(code="procedure"),
        title="Obsługa skarg",
        owner_unit=office.civil,
        owner=office.employee,  # the author (owner) and the document's owner edit the draft
        body="Treść procedury.",
    )


def test_after_a_conflict_on_a_draft_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    document = _draft(office)
    url = f"/documents/{document.pk}/v1/edit/"
    client = client_for(office.owner)
    mine = form_on_page(client.get(url))
    version = document.versions.get()
    services.update_draft(
        actor=office.employee,
        version=version,
        expected_version=1,
        body="Tekst właściciela dokumentu",
        change_summary="Poprawki",
    )

    mine["body"] = ["Mój tekst procedury"]
    conflict = client.post(url, mine)

    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict)
    assert again["body"] == ["Mój tekst procedury"]
    assert client.post(url, again).status_code == 302
    assert DocumentVersion.objects.get(pk=version.pk).body == "Mój tekst procedury"


def test_after_a_conflict_on_the_register_entry_saving_again_succeeds(
    office, client_for, form_on_page
):
    document = _draft(office)
    url = f"/documents/{document.pk}/edit/"
    client = client_for(office.owner)
    mine = form_on_page(client.get(url))
    services.update_document(
        actor=office.quality, document=document, expected_version=1, title="Skargi i wnioski"
    )

    mine["title"] = ["Rozpatrywanie skarg"]
    conflict = client.post(url, mine)

    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict)
    assert again["title"] == ["Rozpatrywanie skarg"]
    assert client.post(url, again).status_code == 302
    assert Document.objects.get(pk=document.pk).title == "Rozpatrywanie skarg"


def test_after_a_conflict_on_a_review_request_sending_again_succeeds(
    office, client_for, form_on_page
):
    document = _draft(office)
    version = document.versions.get()
    page_url = f"/documents/{document.pk}/v1/"
    step_url = f"/documents/{document.pk}/v1/submit-review/"
    client = client_for(office.owner)
    mine = form_on_page(client.get(page_url), step_url)
    services.update_draft(
        actor=office.employee,
        version=version,
        expected_version=1,
        body="Tekst właściciela dokumentu",
        change_summary="Poprawki",
    )

    mine["reviewers"] = [str(office.auditor.pk)]
    conflict = client.post(step_url, mine)

    assert conflict.status_code == 400
    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict, step_url)
    assert again["reviewers"] == [str(office.auditor.pk)]
    assert client.post(step_url, again).status_code == 302
    assert DocumentVersion.objects.get(pk=version.pk).status == DocumentVersion.Status.IN_REVIEW
