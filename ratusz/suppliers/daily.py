"""Daily run (`ratusz remind`): the penalty ledger brought up to today, what is owed,
and the contract manager told (in the app and by the e-mail digest) of a milestone
due soon, the art. 448 notice due, a security to return and a warranty ending —
once each: a date moved by an annex is a new reminder."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.services import notify
from ratusz.suppliers import selectors, services
from ratusz.suppliers.models import Contract

MESSAGES = {
    "contract_milestone_soon": _("Contract %(ref)s: “%(milestone)s” is due on %(due)s."),
    "contract_448_notice_due": _(
        "Contract %(ref)s: the art. 448 PZP completion notice is due by %(due)s."
    ),
    "contract_security_return": _(
        "Contract %(ref)s: the performance security is to be returned on %(due)s."
    ),
    "contract_warranty_ending": _("Contract %(ref)s: the warranty ends on %(due)s."),
}


def _recipient(contract: Contract):
    """The contract manager; without one, the head of the responsible unit."""
    if contract.manager is not None:
        return contract.manager
    unit = contract.org_unit
    return unit.head if unit is not None else None


def _tell(contract: Contract, kind: str, due, key: str, **params) -> bool:
    recipient = _recipient(contract)
    if recipient is None or due is None:
        return False
    sent = notify(
        recipient=recipient,
        kind=kind,
        url=contract.get_absolute_url(),
        params={"ref": contract.reference, "due": due.isoformat(), **params},
        dedupe_key=f"{kind}:{key}:{due.isoformat()}",
    )
    return sent is not None


def notify_managers(found: selectors.Attention) -> int:
    told = 0
    for milestone in found.milestones_soon:
        told += _tell(
            milestone.contract,
            "contract_milestone_soon",
            milestone.planned_on,
            str(milestone.pk),
            milestone=milestone.label,
        )
    for contract in found.notices_due:
        told += _tell(
            contract, "contract_448_notice_due", contract.notice_448_due, str(contract.pk)
        )
    for contract in found.securities_to_return:
        told += _tell(
            contract, "contract_security_return", contract.security_return_on, str(contract.pk)
        )
    for contract in found.warranties_ending:
        told += _tell(
            contract, "contract_warranty_ending", contract.warranty_ends, str(contract.pk)
        )
    return told


def run() -> dict[str, int]:
    today = timezone.localdate()
    # Per-day penalties of open milestones grow each day until the milestone is done,
    # and those of defects until they are repaired.
    open_ledgers = Contract.objects.filter(
        Q(status=Contract.Status.RUNNING, penalties__milestone__completed_on__isnull=True)
        | Q(penalties__protocol__isnull=False, penalties__protocol__repaired_on__isnull=True)
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
        "contract managers told": notify_managers(found),
    }
