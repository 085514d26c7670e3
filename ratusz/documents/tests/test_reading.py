"""“Read and understood” is confirmed after the text, and approval asks who must
read a document, so none comes into force distributed to nobody."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from ratusz.documents import services
from ratusz.documents.models import Acknowledgement, DocumentVersion
from ratusz.documents.tests.factories import bring_into_force, make_document


def _distributed_in_force(office):
    document = make_document(office)
    services.set_distribution(actor=office.owner, document=document, units=[office.civil], roles=[])
    return document, bring_into_force(office, document)


def test_the_reading_list_opens_the_text_instead_of_confirming_it_unseen(office, client_for):
    document, version = _distributed_in_force(office)
    html = client_for(office.employee).get("/documents/to-read/").content.decode()
    assert f"/documents/{document.pk}/v1/#text-heading" in html and "Read and confirm" in html
    assert "/acknowledge/" not in html


def test_the_confirmation_comes_after_the_text_on_the_version_page(office, client_for):
    document, version = _distributed_in_force(office)
    html = client_for(office.employee).get(f"/documents/{document.pk}/v1/").content.decode()
    text, confirmation = (
        html.index('id="text-heading"'),
        html.index("I have read and understood it"),
    )
    assert text < confirmation
    assert f'name="content_hash" value="{version.content_hash}"' in html


def test_an_employee_confirms_at_the_end_of_the_text(office, client_for):
    document, version = _distributed_in_force(office)
    version.refresh_from_db()
    client = client_for(office.employee)
    response = client.post(
        f"/documents/{document.pk}/v1/acknowledge/", {"content_hash": version.content_hash}
    )
    assert response["Location"] == "/documents/to-read/"
    assert Acknowledgement.objects.filter(version=version, user=office.employee).exists()
    assert list(client.get("/documents/to-read/").context["versions"]) == []


def test_a_confirmation_without_the_text_read_is_refused(office, client_for):
    document, version = _distributed_in_force(office)
    client_for(office.employee).post(f"/documents/{document.pk}/v1/acknowledge/")
    assert not Acknowledgement.objects.exists()
    with pytest.raises(ValidationError):
        services.acknowledge(actor=office.employee, version=version, content_hash="")


def _awaiting_approval(office):
    document = make_document(office)
    version = document.versions.get()
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.auditor]
    )
    services.record_review(actor=office.auditor, version=version, agreed=True, comment="")
    services.submit_for_approval(actor=office.owner, version=version, expected_version=None)
    version.refresh_from_db()
    return document, version


def test_approval_asks_who_must_read_it_and_sets_the_distribution(office, client_for):
    document, version = _awaiting_approval(office)
    url = f"/documents/{document.pk}/v1/approve/"
    client = client_for(office.mayor)
    page = client.get(f"/documents/{document.pk}/v1/").content.decode()
    assert "Who must read it" in page and 'name="confirm"' in page
    response = client.post(url, {"version": version.version, "confirm": "on"})
    assert response.status_code == 400 and "distributed to nobody" in response.content.decode()
    response = client.post(
        url, {"version": version.version, "confirm": "on", "units": [office.civil.pk]}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.IN_FORCE
    assert [d.org_unit for d in document.distribution.all()] == [office.civil]


def test_approval_without_the_tick_changes_nothing(office, client_for):
    document, version = _awaiting_approval(office)
    response = client_for(office.mayor).post(
        f"/documents/{document.pk}/v1/approve/",
        {"version": version.version, "roles": ["employee"]},
    )
    assert response.status_code == 400 and "cannot be undone" in response.content.decode()
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.AWAITING_APPROVAL


def test_the_api_refuses_to_approve_for_nobody(office):
    document, version = _awaiting_approval(office)
    api = APIClient()
    api.force_authenticate(office.mayor)
    url = f"/api/v1/document-versions/{version.pk}/approve/"
    response = api.post(url, {"version": version.version}, format="json")
    assert response.status_code == 400 and "units" in response.json()
    response = api.post(url, {"version": version.version, "roles": ["employee"]}, format="json")
    assert response.status_code == 200


def test_a_notification_of_a_superseded_version_leads_to_the_version_in_force(office, client_for):
    from ratusz.core.models import Notification

    document, first = _distributed_in_force(office)
    note = Notification.objects.get(recipient=office.employee, kind="document_to_read")
    services.start_new_version(actor=office.owner, document=document)
    bring_into_force(office, document)
    client = client_for(office.employee)
    response = client.get(f"/notifications/{note.pk}/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/documents/{document.pk}/v2/"
    assert "Version 1 of" in response.content.decode() and "has been superseded" in (
        response.content.decode()
    )
    # Those who keep old versions as evidence still open them.
    assert client_for(office.quality).get(f"/documents/{document.pk}/v1/").status_code == 200
