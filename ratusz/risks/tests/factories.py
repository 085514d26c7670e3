"""Small builders for the risks tests, through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.risks import services


def make_risk(office, title="Opóźnienie wydania dowodu", **overrides):
    fields = {
        "kind": "risk",
        "category": "operational",
        "cause": "Awaria systemu",
        "event": "Wnioski czekają",
        "effect": "Skargi mieszkańców",
        "org_unit": office.civil,
        "owner": office.owner,
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "residual_likelihood": 2,
        "residual_impact": 3,
        "response": "reduce",
        "review_date": timezone.localdate() + timedelta(days=90),
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_risk(actor=actor, title=title, **fields)


def reassess(office, risk, residual=(2, 3), inherent=(4, 4), actor=None, **extra):
    risk.refresh_from_db()
    return services.assess_risk(
        actor=actor or office.quality,
        risk=risk,
        expected_version=risk.version,
        inherent_likelihood=inherent[0],
        inherent_impact=inherent[1],
        residual_likelihood=residual[0],
        residual_impact=residual[1],
        **extra,
    )
