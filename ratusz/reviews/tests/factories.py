"""Small builders for the reviews tests, through the services."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.reviews import services


def plan(office, planned_date: date | None = None, **overrides):
    fields = {
        "planned_date": planned_date or timezone.localdate(),
        "chair": office.mayor,
        "attendees": [office.owner, office.quality],
        "location": "Sala Sesyjna",
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.plan_review(actor=actor, **fields)


def held(office, planned_date: date | None = None, **overrides):
    review = plan(office, planned_date, **overrides)
    return services.hold_review(
        actor=office.quality,
        review=review,
        expected_version=None,
        present=[office.mayor, office.owner],
        today=review.planned_date,
    )


def recorded(office, **overrides):
    review = held(office, **overrides)
    return services.save_record(
        actor=office.quality,
        review=review,
        expected_version=None,
        suitability="Odpowiedni.",
        adequacy="Adekwatny.",
        effectiveness="Skuteczny.",
        alignment="Zgodny ze strategią.",
    )


def decide(office, review, due_in: int = 30, **overrides):
    fields = {
        "kind": "improvement",
        "text": "Wdrożyć ankietę elektroniczną.",
        "owner": office.owner,
        "due_date": timezone.localdate() + timedelta(days=due_in),
        "confirmed": True,
    }
    fields.update(overrides)
    return services.add_decision(actor=office.quality, review=review, **fields)
