"""Synthetic residents' submissions for benchmarks: city-L holds 200,000 (DESIGN §7)
over five years, mostly answered, written with bulk_create in batches in date order,
numbered per year as the service would, the series raised to the last number."""

from __future__ import annotations

from datetime import timedelta

from ratusz.core import search
from ratusz.core.services import last_number, raise_series_to
from ratusz.feedback.deadlines import deadline_for
from ratusz.feedback.models import Channel, Kind, Outcome, Submission
from ratusz.feedback.search import submission_row

SUBMISSIONS_AT_L = 200_000
YEARS = 5
BATCH = 5_000
KINDS = [
    (Kind.COMPLAINT, 40),
    (Kind.MOTION, 20),
    (Kind.PETITION, 2),
    (Kind.PUBLIC_INFORMATION, 25),
    (Kind.ACCESSIBILITY, 1),
    (Kind.COMPLIMENT, 4),
    (Kind.SUGGESTION, 8),
]
SUBJECTS = [
    "Długi czas oczekiwania w Biurze Obsługi Mieszkańców",
    "Opóźniona inwestycja drogowa",
    "Źle prowadzony przetarg",
    "Niewyegzekwowane kary umowne",
    "Nieuprzejma obsługa",
    "Wniosek o ławki w parku",
    "Informacja o wydatkach na promocję",
]
S = Submission.Status


def generate(ctx, scale) -> int:
    rng, today = ctx.rng, ctx.today
    total = max(int(SUBMISSIONS_AT_L * scale.factor), 100)
    kinds = [k for k, _w in KINDS]
    weights = [w for _k, w in KINDS]
    channels = Channel.values
    unit_ids = [unit.pk for unit in ctx.units]
    span = 365 * YEARS
    days = sorted(today - timedelta(days=rng.randint(0, span)) for _ in range(total))
    numbers: dict[int, int] = {}
    written = 0
    for start in range(0, total, BATCH):
        batch = []
        for received in days[start : start + BATCH]:
            year = received.year
            numbers[year] = (numbers.get(year) or last_number(f"feedback:{year}")) + 1
            kind = rng.choices(kinds, weights)[0]
            due = deadline_for(kind, received)
            unit_id = rng.choice(unit_ids)
            s = Submission(
                year=year,
                number=numbers[year],
                kind=kind,
                channel=rng.choice(channels),
                received_on=received,
                submitter_name=f"Mieszkaniec {numbers[year]}",
                submitter_address="ul. Przykładowa 1",
                subject=rng.choice(SUBJECTS),
                content="Treść wystąpienia mieszkańca.",
                org_unit_id=unit_id,
                handler=ctx.heads.get(unit_id) or ctx.quality,
                assigned_on=received + timedelta(days=1),
                clock_from=received,
                statutory_deadline=due,
                deadline=due,
                status=S.IN_PROGRESS,
            )
            if (today - received).days > 40 or rng.random() < 0.3:
                late = rng.random() < 0.08
                sent = (
                    due + timedelta(days=rng.randint(1, 10))
                    if late
                    else due - timedelta(days=rng.randint(0, 10))
                )
                sent = min(max(sent, received), today)
                s.status = S.CLOSED
                s.reply_sent_on = s.closed_on = sent
                s.outcome = (
                    rng.choice([Outcome.JUSTIFIED, Outcome.PARTLY, Outcome.UNJUSTIFIED])
                    if kind in (Kind.COMPLAINT, Kind.MOTION, Kind.PETITION)
                    else Outcome.ANSWERED
                )
            batch.append(s)
        Submission.objects.bulk_create(batch)
        for s in batch:
            if s.status != S.CLOSED:
                search.index("submission", **submission_row(s))
        written += len(batch)
    for year, last in numbers.items():
        raise_series_to(f"feedback:{year}", last)
    return written
