"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.certification.models import Certificate, ExternalAudit
from ratusz.certification.tests import factories


def test_after_a_conflict_on_an_external_audit_saving_again_succeeds(
    office, client_for, form_on_page
):
    audit = factories.audit(
        factories.certificate(factories.body()), status=ExternalAudit.Status.PLANNED, result=""
    )
    url = f"/certification/audits/{audit.pk}/edit/"
    client = client_for(office.quality)
    mine = form_on_page(client.get(url))
    colleague = form_on_page(client.get(url))
    colleague["lead_auditor"] = ["A. Nowak"]
    assert client.post(url, colleague).status_code == 302

    mine["lead_auditor"] = ["B. Kowalska"]
    conflict = client.post(url, mine)

    assert "Someone else saved this record" in conflict.content.decode()
    again = form_on_page(conflict)
    assert again["lead_auditor"] == ["B. Kowalska"]
    assert client.post(url, again).status_code == 302
    assert ExternalAudit.objects.get(pk=audit.pk).lead_auditor == "B. Kowalska"


def test_after_a_conflict_on_a_certificate_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    cert = factories.certificate(factories.body())
    url = f"/certification/certificates/{cert.pk}/edit/"
    client = client_for(office.quality)
    mine = form_on_page(client.get(url))
    colleague = form_on_page(client.get(url))
    colleague["sites"] = ["ul. Rynek 1"]
    assert client.post(url, colleague).status_code == 302

    mine["sites"] = ["ul. Rynek 1 i ul. Polna 5"]
    conflict = client.post(url, mine)

    assert "Someone else saved this record" in conflict.content.decode()
    assert Certificate.objects.get(pk=cert.pk).sites == "ul. Rynek 1"
    again = form_on_page(conflict)
    assert again["sites"] == ["ul. Rynek 1 i ul. Polna 5"]
    assert client.post(url, again).status_code == 302
    assert Certificate.objects.get(pk=cert.pk).sites == "ul. Rynek 1 i ul. Polna 5"


def test_a_certificate_update_through_the_api_based_on_an_old_version_is_refused(
    office, client_for
):
    cert = factories.certificate(factories.body())
    client = client_for(office.quality)
    url = f"/api/v1/certificates/{cert.pk}/"
    loaded = client.get(url).json()
    factories.change_certificate(cert, sites="ul. Rynek 1")

    stale = client.put(url, {**loaded, "sites": "ul. Polna 5"}, content_type="application/json")
    fresh = client.get(url).json()
    again = client.put(url, {**fresh, "sites": "ul. Polna 5"}, content_type="application/json")

    assert stale.status_code == 409
    assert again.status_code == 200 and again.json()["version"] == fresh["version"] + 1
    assert Certificate.objects.get(pk=cert.pk).sites == "ul. Polna 5"
