"""An audit performed through the API: start, answer, close, acknowledge — same rules as pages."""

from __future__ import annotations

from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.audits.models import Audit, ReportAcknowledgement


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_audit_runs_start_to_acknowledgement_through_the_api(world):
    office = world.office
    audit = world.plan()
    auditor = _api(office.auditor)
    started = auditor.post(f"/api/v1/audits/{audit.pk}/start/", {"version": audit.version})
    assert started.status_code == 200 and started.json()["status"] == "in_progress"
    questions = auditor.get(f"/api/v1/audits/{audit.pk}/checklist/").json()
    assert len(questions) == audit.checklist.count() >= 2
    refused = auditor.post(
        f"/api/v1/audits/{audit.pk}/close/",
        {"version": started.json()["version"], "summary": "Wnioski"},
        format="json",
    )
    assert refused.status_code == 400  # questions are still unanswered
    for question in questions:
        answered = auditor.post(
            f"/api/v1/audit-checklist/{question['id']}/answer/",
            {"version": question["version"], "answer": "conforms", "evidence": "Próbka 10 spraw."},
            format="json",
        )
        assert answered.status_code == 200 and answered.json()["answer"] == "conforms"
    version = Audit.objects.get(pk=audit.pk).version
    closed = auditor.post(
        f"/api/v1/audits/{audit.pk}/close/",
        {
            "version": version,
            "summary": "System działa skutecznie.",
            "closing_meeting": timezone.now().isoformat(),
        },
        format="json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    ack = _api(office.owner).post(
        f"/api/v1/audits/{audit.pk}/acknowledge/", {"org_unit": office.civil.pk}, format="json"
    )
    assert ack.status_code == 200
    assert ReportAcknowledgement.objects.filter(audit=audit, org_unit=office.civil).exists()


def test_a_stale_answer_through_the_api_is_a_conflict_and_changes_nothing(world):
    office = world.office
    audit = world.started()
    question = audit.checklist.first()
    client = _api(office.auditor)
    first = client.post(
        f"/api/v1/audit-checklist/{question.pk}/answer/",
        {"version": question.version, "answer": "nonconforms", "evidence": "Brak podpisu."},
        format="json",
    )
    assert first.status_code == 200
    stale = client.post(
        f"/api/v1/audit-checklist/{question.pk}/answer/",
        {"version": question.version, "answer": "conforms", "evidence": ""},
        format="json",
    )
    assert stale.status_code == 409
    question.refresh_from_db()
    assert question.answer == "nonconforms" and question.evidence == "Brak podpisu."
