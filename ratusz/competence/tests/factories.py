"""Small builders for the competence tests, through the services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ratusz.competence import services
from ratusz.competence.models import Competence, CompetenceRecord, Position, Training


def make_competence(office, **overrides) -> Competence:
    fields = {
        "name": "Upoważnienie do wydawania dowodów osobistych",
        "kind": Competence.Kind.AUTHORISATION,
        "evidenced_by": "Upoważnienie Prezydenta Miasta",
        "validity_months": 24,
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_competence(actor=actor, **fields)


def make_position(office, competences: list[Competence], **overrides) -> Position:
    fields = {"name": "Inspektor ds. dowodów osobistych", "org_unit": office.civil}
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_position(actor=actor, competences=competences, **fields)


def place(office, person, position: Position) -> None:
    services.place_person(
        actor=office.quality, person=person, position=position, since=date(2020, 1, 1)
    )


def make_record(office, person, competence: Competence, **overrides) -> CompetenceRecord:
    fields = {"issued_on": timezone.localdate() - timedelta(days=30), "evidence": "Nr 1/2026"}
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_record(actor=actor, person=person, competence=competence, **fields)


def make_training(office, competence: Competence | None, attendees, **overrides) -> Training:
    fields = {
        "topic": "Ustawa o dowodach osobistych — zmiany",
        "held_on": timezone.localdate() - timedelta(days=40),
        "hours": Decimal("4"),
        "provider": "Krajowa Szkoła Administracji",
        "org_unit": office.civil,
        "evaluate_after_days": 30,
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.owner)
    return services.create_training(
        actor=actor, competence=competence, attendees=list(attendees), **fields
    )


def setup(office):
    """An authorisation required by the employee's position, not yet held."""
    competence = make_competence(office)
    position = make_position(office, [competence])
    place(office, office.employee, position)
    return competence, position


def make_assessment(office, kind: str = "control", year: int | None = None):
    return services.start_assessment(
        actor=office.quality, kind=kind, year=year or timezone.localdate().year
    )


def answer_all(assessment, person, value: str = "yes", **by_question):
    """Answer every question of the person's version with `value` (or per pk)."""
    from ratusz.competence import policies

    role = services.role_in(assessment, person)
    answers = {
        q.pk: by_question.get(str(q.pk), value) for q in policies.questions_for(assessment, role)
    }
    return services.answer(actor=person, assessment=assessment, answers=answers)
