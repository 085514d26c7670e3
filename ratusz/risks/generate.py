"""Risks of the synthetic benchmark office (`ratusz generate`): 5,000 at city-L,
each with two to five assessments over the past years, spread over the
generated processes and units. Written with bulk_create in batches; numbers
continue each year's series."""

from __future__ import annotations

from datetime import timedelta

from ratusz.core.services import last_number, raise_series_to
from ratusz.lib import risk_scoring
from ratusz.processes.models import Process
from ratusz.risks.models import Assessment, Risk

COUNTS = {"s": 200, "m": 1000, "l": 5000}
BATCH = 1000
CATEGORIES = [c for c, _label in Risk.Category.choices]
STEMS = [
    ("Przekroczenie terminu", "Braki kadrowe", "Sprawy czekają", "Skargi mieszkańców"),
    ("Błąd w decyzji", "Złożone przepisy", "Decyzja uchylona", "Ponowne postępowanie"),
    ("Awaria systemu", "Przestarzały sprzęt", "Przerwa w obsłudze", "Zaległości"),
    ("Wyciek danych", "Phishing", "Nieuprawniony dostęp", "Kara UODO"),
    ("Opóźnienie dostawy", "Słaby rynek wykonawców", "Umowa niedotrzymana", "Utrata dotacji"),
]


def _levels(rng, cap: int = 5) -> tuple[int, int]:
    return rng.randint(1, cap), rng.randint(1, cap)


def generate(ctx, scale) -> int:
    rng = ctx.rng
    total = COUNTS.get(scale.name, max(round(COUNTS["l"] * scale.factor), 50))
    processes = list(Process.objects.select_related("owner_unit").order_by("pk"))
    if not processes or ctx.quality is None:
        return 0
    numbers: dict[int, int] = {}
    written = 0
    for start in range(0, total, BATCH):
        risks = []
        for i in range(start, min(start + BATCH, total)):
            process = processes[i % len(processes)]
            stem = STEMS[i % len(STEMS)]
            kind = Risk.Kind.OPPORTUNITY if i % 6 == 0 else Risk.Kind.RISK
            inherent = _levels(rng)
            residual = (rng.randint(1, inherent[0]), rng.randint(1, inherent[1]))
            assessed = ctx.today - timedelta(days=rng.randint(0, 360))
            year = assessed.year
            numbers[year] = (numbers.get(year) or last_number(f"risk:{year}")) + 1
            risks.append(
                Risk(
                    year=year,
                    number=numbers[year],
                    title=f"{stem[0]}: {process.name}"[:200],
                    kind=kind,
                    category=CATEGORIES[i % len(CATEGORIES)],
                    cause=stem[1],
                    event=stem[2],
                    effect=stem[3],
                    process=process,
                    org_unit=process.owner_unit,
                    owner=process.owner or ctx.quality,
                    inherent_likelihood=inherent[0],
                    inherent_impact=inherent[1],
                    residual_likelihood=residual[0],
                    residual_impact=residual[1],
                    inherent_level=risk_scoring.level(*inherent),
                    residual_level=risk_scoring.level(*residual),
                    appetite=rng.choice((4, 6, 8, 9)),
                    response="exploit" if kind == Risk.Kind.OPPORTUNITY else "reduce",
                    review_date=assessed + timedelta(days=365),
                    assessed_on=assessed,
                    status=Risk.Status.CLOSED if i % 25 == 0 else Risk.Status.OPEN,
                )
            )
        Risk.objects.bulk_create(risks)
        Assessment.objects.bulk_create(_history(rng, risks, ctx.quality))
        written += len(risks)
    for year, last in numbers.items():
        raise_series_to(f"risk:{year}", last)
    return written


def _history(rng, risks: list[Risk], assessor) -> list[Assessment]:
    """Earlier assessments a year apart, the residual level a little higher each
    year back, ending with the risk's current one."""
    rows = []
    for risk in risks:
        for back in range(rng.randint(1, 4), -1, -1):
            likelihood = min(
                risk.residual_likelihood + (1 if back else 0), risk.inherent_likelihood
            )
            rows.append(
                Assessment(
                    risk=risk,
                    assessed_on=risk.assessed_on - timedelta(days=365 * back),
                    assessed_by=risk.owner if back == 0 else assessor,
                    inherent_likelihood=risk.inherent_likelihood,
                    inherent_impact=risk.inherent_impact,
                    residual_likelihood=likelihood,
                    residual_impact=risk.residual_impact,
                    inherent_level=risk.inherent_level,
                    residual_level=likelihood * risk.residual_impact,
                )
            )
    return rows
