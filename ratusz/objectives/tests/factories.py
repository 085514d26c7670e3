"""Small builders for the objectives tests, through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ratusz.objectives import services
from ratusz.objectives.models import Kpi, Measurement, Objective


def make_objective(office, year: int = 2026, **overrides) -> Objective:
    fields = {
        "title": "Skrócić czas wydawania dowodów osobistych",
        "org_unit": office.civil,
        "owner": office.owner,
        "due_date": date(year, 12, 31),
        "evaluation": "Pełnomocnik ocenia w styczniu na podstawie rejestru spraw.",
        "resources": "Dwa stanowiska obsługi.",
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_objective(actor=actor, year=year, **fields)


def make_kpi(office, objective: Objective, **overrides) -> Kpi:
    fields = {
        "name": "Wnioski załatwione w terminie",
        "unit": "%",
        "target": Decimal("95"),
        "warning": Decimal("90"),
        "frequency": "monthly",
        "measured_from": date(objective.year, 1, 1),
        "owner": office.owner,
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_kpi(actor=actor, objective=objective, **fields)


def approved(office, objective: Objective) -> Objective:
    return services.approve_objective(
        actor=office.mayor, objective=objective, expected_version=objective.version
    )


def measure(office, kpi: Kpi, start: date, value: str, **overrides) -> Measurement:
    fields = {"unit": kpi.unit, "note": "Rejestr spraw, zestawienie miesięczne."}
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.record_measurement(
        actor=actor, kpi=kpi, period_start=start, value=Decimal(value), **fields
    )
