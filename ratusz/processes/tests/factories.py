"""Small builders for the processes tests, through the services."""

from __future__ import annotations

from ratusz.core.tests.factories import clause
from ratusz.processes import services


def make_process(office, code="P03", **overrides):
    fields = {
        "name": "Dowody osobiste i ewidencja ludności",
        "owner_unit": office.civil,
        "owner": office.owner,
        "kind": "core",
        "risk": 4,
        "description": "Wydawanie dowodów osobistych.",
        "clauses": [clause("8.2"), clause("8.5.1")],
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_process(actor=actor, code=code, **fields)
