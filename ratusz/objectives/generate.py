"""Objectives of the synthetic benchmark office (`ratusz generate`): at city-L 500
objectives over ten years, 2,000 monthly KPIs and ten years of their
measurements, written with bulk_create."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ratusz.core.services import last_number, raise_series_to
from ratusz.lib import periods
from ratusz.objectives.models import Kpi, Measurement, Objective

COUNTS = {"s": 20, "m": 100, "l": 500}
KPIS_PER_OBJECTIVE = 4
YEARS = 10
BATCH = 5000


def generate(ctx, scale) -> int:
    rng = ctx.rng
    total = COUNTS.get(scale.name, max(round(COUNTS["l"] * scale.factor), 20))
    today = ctx.today
    first_year = today.year - YEARS + 1
    units = list(ctx.units)
    owner_of = {u.pk: ctx.heads.get(u.pk) or ctx.quality for u in units}
    quality = ctx.quality
    objectives = []
    numbers: dict[int, int] = {}
    for i in range(total):
        year = first_year + i % YEARS
        numbers[year] = numbers.get(year) or last_number(f"objective:{year}")
        numbers[year] += 1
        unit = units[i % len(units)] if i % 10 else None
        objectives.append(
            Objective(
                year=year,
                number=numbers[year],
                title=f"Cel jakościowy {i + 1}: {unit.name if unit else 'cały urząd'}",
                description="Cel wygenerowany dla testów wydajności.",
                org_unit=unit,
                owner=owner_of[unit.pk] if unit else quality,
                due_date=date(year, 12, 31),
                evaluation="Ocena roczna na przeglądzie zarządzania.",
                status=Objective.Status.APPROVED
                if year >= today.year
                else Objective.Status.ACHIEVED,
                approved_by=quality,
                created_by=quality,
            )
        )
    Objective.objects.bulk_create(objectives, batch_size=BATCH)
    for year, number in numbers.items():
        raise_series_to(f"objective:{year}", number)
    since = date(first_year, 1, 1)
    kpis = [
        Kpi(
            objective=objective,
            name=f"Wskaźnik {k + 1} celu {objective.reference}",
            unit="%",
            higher_is_better=True,
            target=Decimal(95),
            warning=Decimal(90),
            frequency=periods.MONTHLY,
            measured_from=since,
            owner=objective.owner,
        )
        for objective in objectives
        for k in range(KPIS_PER_OBJECTIVE)
    ]
    Kpi.objects.bulk_create(kpis, batch_size=BATCH)
    starts = periods.due_periods(periods.MONTHLY, since, today, set())
    made = len(objectives) + len(kpis)
    batch: list[Measurement] = []
    for kpi in kpis:
        for start in starts:
            batch.append(
                Measurement(
                    kpi=kpi,
                    period_start=start,
                    value=Decimal(rng.randint(800, 1000)) / 10,
                    note="Wygenerowane.",
                )
            )
            if len(batch) >= BATCH:
                Measurement.objects.bulk_create(batch)
                made += len(batch)
                batch = []
    Measurement.objects.bulk_create(batch)
    made += len(batch)
    ctx.log(f"objectives: {len(objectives)} objectives, {len(kpis)} KPIs")
    return made
