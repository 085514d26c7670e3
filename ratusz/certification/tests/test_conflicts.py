"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.certification.models import ExternalAudit
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
