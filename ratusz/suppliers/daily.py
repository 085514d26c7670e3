"""Daily run (`ratusz remind`): the penalty ledger brought up to today, and what is owed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ratusz.suppliers import selectors, services
from ratusz.suppliers.models import Contract


def run() -> dict[str, int]:
    today = timezone.localdate()
    # Per-day penalties of open milestones grow each day until the milestone is done.
    open_ledgers = Contract.objects.filter(
        status=Contract.Status.RUNNING, penalties__milestone__completed_on__isnull=True
    ).distinct()
    for contract in open_ledgers:
        with transaction.atomic():
            services.recompute_ledger(contract=contract, today=today)
    found = selectors.attention(today=today, limit=10_000)
    return {
        "late milestones": len(found.milestones_late),
        "milestones due soon": len(found.milestones_soon),
        "penalties due and not charged": len(found.penalties_unhandled),
        "art. 446 reports missing": len(found.reports_missing),
        "art. 448 notices due": len(found.notices_due),
        "securities to return": len(found.securities_to_return),
        "warranties ending": len(found.warranties_ending),
    }
