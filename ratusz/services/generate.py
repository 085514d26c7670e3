"""Public services of the synthetic benchmark office (`ratusz generate`): service
cards for the generated units and, at city-L, five million cases over ten years,
imported through the import path itself (an EZD export written to a temporary file,
then `importer.import_cases`), so the benchmark measures what an office would run."""

from __future__ import annotations

import tempfile
import time
from decimal import Decimal
from pathlib import Path

from ratusz.services import importer
from ratusz.services.models import LifeSituation, ServiceCard
from ratusz.services.synthetic import write_export

CASES = {"s": 5_000, "m": 500_000, "l": 5_000_000}
CARDS_PER_UNIT = 3


def generate(ctx, scale) -> int:
    units = [u for u in ctx.units if u.code != "SZJ"] or list(ctx.units)
    cards = ServiceCard.objects.bulk_create(
        [
            ServiceCard(
                number=f"KU-{unit.code}-{n:02d}",
                name=f"Usługa {n} – {unit.name}"[:255],
                org_unit=unit,
                on_time_target=Decimal(ctx.rng.choice((80, 85, 90, 95))),
                topic=ctx.rng.choice(LifeSituation.values),
                term=ctx.rng.choice(("14d", "1m", "2m")),
                outcome="Decyzja administracyjna",
                where_to_apply="Sala obsługi mieszkańców, pn.–pt. 8:00–16:00",
                # Published, so the benchmark measures the residents' catalogue too.
                is_published=True,
            )
            for unit in units
            for n in range(1, CARDS_PER_UNIT + 1)
        ]
    )
    rows = CASES.get(scale.name, round(CASES["l"] * scale.factor))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ezd.csv"
        write_export(
            path,
            rows,
            units=[u.code for u in units],
            cards=[(c.number, c.org_unit.code) for c in cards],
            prefix="GEN",
            today=ctx.today,
            seed=scale.seed,
        )
        started = time.perf_counter()
        with path.open("rb") as f:
            result = importer.import_cases(f, today=ctx.today)
        ctx.log(
            f"services: {result.created:,} cases imported in {time.perf_counter() - started:.0f} s"
        )
    return len(cards) + result.created
