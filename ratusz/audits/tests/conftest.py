"""Audit fixtures on top of the shared `office`: processes, the pool and a running audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ratusz.audits import services
from ratusz.audits.models import AuditorProfile, QuestionTemplate
from ratusz.core.models import Clause
from ratusz.processes.models import Process


def clause(number: str) -> Clause:
    return Clause.objects.get(standard="ISO 9001", edition="2015", number=number)


class AuditWorld:
    def __init__(self, office) -> None:
        self.office = office
        self.civil_process = Process.objects.create(
            code="P03",
            name="Dowody osobiste",
            owner_unit=office.civil,
            owner=office.owner,
            risk=4,
        )
        self.civil_process.clauses.set([clause("8.5.1"), clause("8.2.1")])
        self.transport_process = Process.objects.create(
            code="P05", name="Rejestracja pojazdów", owner_unit=office.transport, risk=5
        )
        AuditorProfile.objects.create(
            user=office.auditor, trained_on=date(2022, 3, 1), can_lead=True
        )
        QuestionTemplate.objects.create(text="Czy karty usług są aktualne?", clause=clause("8.5.1"))
        QuestionTemplate.objects.create(
            text="Czy wymagania wniosku są przeglądane?", clause=clause("8.2.1")
        )
        QuestionTemplate.objects.create(
            text="Czy dowody wydawane są w terminie?", process=self.civil_process
        )

    def plan(self, **overrides):
        today = timezone.localdate()
        fields = {
            "title": "Audit procesu dowodów osobistych",
            "objectives": "Sprawdzić zgodność z ISO 9001.",
            "scope": "Wydawanie dowodów osobistych.",
            "criteria": "ISO 9001:2015, procedura P-03.",
            "org_units": [self.office.civil],
            "clauses": [clause("8.5.1"), clause("8.2.1")],
            "planned_start": today,
            "planned_end": today + timedelta(days=1),
            "lead_auditor": self.office.auditor,
            "process": self.civil_process,
        }
        fields.update(overrides)
        actor = fields.pop("actor", self.office.quality)
        return services.create_audit(actor=actor, **fields)

    def started(self, **overrides):
        audit = self.plan(**overrides)
        return services.start_audit(actor=self.office.auditor, audit=audit, expected_version=None)

    def answer_all(self, audit, answer="conforms"):
        for item in audit.checklist.all():
            services.answer_question(
                actor=self.office.auditor,
                item=item,
                expected_version=None,
                answer=answer,
                evidence="Sprawdzono próbkę 10 spraw.",
            )

    def closed(self, **overrides):
        audit = self.started(**overrides)
        self.answer_all(audit)
        return services.close_audit(
            actor=self.office.auditor,
            audit=audit,
            expected_version=None,
            closing_meeting=timezone.now(),
            summary="System działa skutecznie.",
        )


@pytest.fixture
def world(office) -> AuditWorld:
    return AuditWorld(office)
