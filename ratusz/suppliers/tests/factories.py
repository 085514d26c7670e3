"""Small builders for the suppliers tests, through the services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ratusz.suppliers import services
from ratusz.suppliers.models import Contract, PenaltyClause


def make_contractor(office, name="Drogbud Sp. z o.o.", **overrides):
    fields = {"nip": "5260250274", "regon": "123456785", "address": "ul. Polna 1, Kalisz"}
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_contractor(actor=actor, name=name, **fields)


def make_contract(office, contractor=None, **overrides):
    """A running works contract of 1 000 000,00 zł net, signed 200 days ago,
    due 50 days ago, with a 20 % cap and a 0.2 % per day clause for late completion."""
    today = timezone.localdate()
    contractor = contractor or make_contractor(office)
    fields = {
        "subject": "Przebudowa ulicy Kwiatowej",
        "kind": Contract.Kind.WORKS,
        "procedure": Contract.Procedure.BASIC,
        "org_unit": office.transport,
        "manager": office.transport_owner,
        "value_net": 100_000_000,
        "value_gross": 123_000_000,
        "offer_price": 123_000_000,
        "signed_on": today - timedelta(days=200),
        "planned_completion": today - timedelta(days=50),
        "cap_percent": Decimal(20),
        "status": Contract.Status.RUNNING,
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    clause = fields.pop("with_clause", True)
    contract = services.create_contract(actor=actor, contractor=contractor, **fields)
    if clause:
        services.add_clause(
            actor=actor,
            contract=contract,
            breach=PenaltyClause.Breach.LATE_COMPLETION,
            basis=PenaltyClause.Basis.PERCENT_PER_DAY,
            base="net",
            rate=Decimal("0.2"),
        )
    contract.refresh_from_db()
    return contract


def final_milestone(contract):
    return contract.milestones.get(is_final=True)


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)
