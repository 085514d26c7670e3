"""Management reviews of the synthetic benchmark office (`ratusz generate`): one a
year, held, recorded and signed, with their decisions as actions, and the next
one planned. Written through the services, so each held review freezes the inputs
compiled from the generated registers, as a real one does."""

from __future__ import annotations

from datetime import date, timedelta

from ratusz.core.models import Role
from ratusz.reviews import services

YEARS = {"s": 2, "m": 5, "l": 10}
DECISIONS = 5


def generate(ctx, scale) -> int:
    quality = ctx.quality
    chair = next(
        (
            user
            for user in ctx.heads.values()
            if user.role_assignments.filter(role=Role.TOP_MANAGEMENT).exists()
        ),
        None,
    )
    if quality is None or chair is None:
        return 0
    attendees = list(ctx.heads.values())[:8]
    years = YEARS.get(scale.name, max(round(YEARS["l"] * scale.factor), 1))
    made = 0
    for back in range(years, 0, -1):
        day = date(ctx.today.year - back, 11, 10)
        review = services.plan_review(
            actor=quality, planned_date=day, chair=chair, attendees=attendees
        )
        review = services.hold_review(
            actor=quality,
            review=review,
            expected_version=None,
            present=[chair, *attendees[:5]],
            today=day,
        )
        review = services.save_record(
            actor=quality,
            review=review,
            expected_version=None,
            suitability="System przydatny.",
            adequacy="System adekwatny.",
            effectiveness="System skuteczny.",
            alignment="Zgodny ze strategią.",
        )
        for n in range(DECISIONS):
            owner = attendees[n % len(attendees)]
            services.add_decision(
                actor=quality,
                review=review,
                kind=("improvement", "change", "resources")[n % 3],
                text=f"Decyzja {n + 1} przeglądu {day.year}.",
                owner=owner,
                due_date=day + timedelta(days=90 + 30 * n),
                confirmed=True,
            )
        services.sign_review(actor=chair, review=review, expected_version=None)
        made += 1 + DECISIONS
    services.plan_review(
        actor=quality,
        planned_date=ctx.today + timedelta(days=30),
        chair=chair,
        attendees=attendees,
    )
    return made + 1
