"""Small builders for the audits tests, through the services, on top of the shared `office`."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.audits import services
from ratusz.audits.models import Audit, AuditorProfile, QuestionTemplate
from ratusz.core.models import User
from ratusz.core.tests.factories import clause
from ratusz.processes.tests.factories import make_process


def auditor(
    office, user: User, *, trained_on: date = date(2022, 3, 1), can_lead: bool = True
) -> AuditorProfile:
    """`user` in the auditor pool, added by the quality manager."""
    return services.save_auditor(
        actor=office.quality, user=user, trained_on=trained_on, can_lead=can_lead
    )


def question(office, text: str, **fields) -> QuestionTemplate:
    """A question template for a clause or a process (`clause=` or `process=`)."""
    return services.create_question_template(actor=office.quality, text=text, **fields)


def plan(office, **overrides) -> Audit:
    """A planned audit of civil affairs led by the office's auditor, starting today."""
    today = timezone.localdate()
    fields = {
        "title": "Audit procesu dowodów osobistych",
        "objectives": "Sprawdzić zgodność z ISO 9001.",
        "scope": "Wydawanie dowodów osobistych.",
        "criteria": "ISO 9001:2015, procedura P-03.",
        "org_units": [office.civil],
        "clauses": [clause("8.5.1"), clause("8.2.1")],
        "planned_start": today,
        "planned_end": today + timedelta(days=1),
        "lead_auditor": office.auditor,
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_audit(actor=actor, **fields)


def start(audit: Audit, *, actor: User | None = None) -> Audit:
    return services.start_audit(
        actor=actor or audit.lead_auditor, audit=audit, expected_version=None
    )


def answer_all(audit: Audit, answer: str = "conforms", *, actor: User | None = None) -> None:
    for item in audit.checklist.all():
        services.answer_question(
            actor=actor or audit.lead_auditor,
            item=item,
            expected_version=None,
            answer=answer,
            evidence="Sprawdzono próbkę 10 spraw.",
        )


def close(audit: Audit, *, actor: User | None = None) -> Audit:
    """Answer what is still open and issue the report (by the lead auditor by default)."""
    actor = actor or audit.lead_auditor
    answer_all(audit, actor=actor)
    return services.close_audit(
        actor=actor,
        audit=audit,
        expected_version=None,
        closing_meeting=timezone.now(),
        summary="System działa skutecznie.",
    )


class AuditWorld:
    """Two processes, the office's auditor in the pool and question templates for
    clauses 8.5.1 and 8.2.1 and the civil affairs process: most audit tests start here."""

    def __init__(self, office) -> None:
        self.office = office
        self.civil_process = make_process(
            office,
            code="P03",
            name="Dowody osobiste",
            risk=4,
            description="",
            clauses=[clause("8.5.1"), clause("8.2.1")],
        )
        self.transport_process = make_process(
            office,
            code="P05",
            name="Rejestracja pojazdów",
            owner_unit=office.transport,
            owner=None,
            risk=5,
            description="",
            clauses=[],
        )
        auditor(office, office.auditor)
        question(office, "Czy karty usług są aktualne?", clause=clause("8.5.1"))
        question(office, "Czy wymagania wniosku są przeglądane?", clause=clause("8.2.1"))
        question(office, "Czy dowody wydawane są w terminie?", process=self.civil_process)

    def plan(self, **overrides) -> Audit:
        return plan(self.office, **{"process": self.civil_process, **overrides})

    def started(self, **overrides) -> Audit:
        return start(self.plan(**overrides), actor=self.office.auditor)

    def answer_all(self, audit: Audit, answer: str = "conforms") -> None:
        answer_all(audit, answer, actor=self.office.auditor)

    def closed(self, **overrides) -> Audit:
        return close(self.started(**overrides), actor=self.office.auditor)
