"""Named reads of the contract register; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.suppliers import ledger, policies
from ratusz.suppliers.models import (
    Art446Report,
    Contract,
    Contractor,
    DelayPeriod,
    Evaluation,
    Penalty,
)

NOTICE_448_DAYS = 30


def art446_delay_days(contract: Contract) -> int:
    """30 days (90 for a large contract), both set in settings."""
    large = getattr(settings, "RATUSZ_ART446_LARGE_CONTRACT_NET", 2_400_000_000)
    if contract.value_net >= large:
        return int(getattr(settings, "RATUSZ_ART446_DELAY_DAYS_LARGE", 90))
    return int(getattr(settings, "RATUSZ_ART446_DELAY_DAYS", 30))


def art446_reasons(contract: Contract, *, penalties_due: int, days_late: int) -> list[str]:
    """Why the art. 446 PZP report is required on this contract (empty: it is not)."""
    reasons = []
    price = contract.offer_price
    if price and contract.value_gross * 10 >= price * 11:
        reasons.append(_("The value reached 10 % over the offer price."))
    if price and contract.spent * 10 >= price * 11:
        reasons.append(_("Spending reached 10 % over the offer price."))
    if price and penalties_due * 10 >= price:
        reasons.append(_("Penalties reached 10 % of the price."))
    if days_late > art446_delay_days(contract):
        reasons.append(_("The delay passed %(days)s days.") % {"days": art446_delay_days(contract)})
    if contract.status in (Contract.Status.TERMINATED, Contract.Status.WITHDRAWN):
        reasons.append(_("The contract was terminated or withdrawn from."))
    return reasons


def notice_448_due(contract: Contract) -> date | None:
    """Art. 448 PZP: the completion notice within 30 days of the final acceptance."""
    if contract.final_accepted_on is None:
        return None
    return contract.final_accepted_on + timedelta(days=NOTICE_448_DAYS)


def _sum(field_name: str):
    rows = (
        Penalty.objects.filter(contract=OuterRef("pk"))
        .order_by()
        .values("contract")
        .annotate(total=Sum(field_name))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=BigIntegerField()), 0)


def with_totals(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        penalties_due=_sum("due"),
        penalties_charged=_sum("charged"),
        penalties_waived=_sum("waived"),
    )


def _excused_delays() -> Prefetch:
    return Prefetch(
        "delays",
        queryset=DelayPeriod.objects.exclude(cause=DelayPeriod.Cause.CONTRACTOR),
        to_attr="excused_delays",
    )


def contract_list(*, user) -> QuerySet:
    """Contracts the user may see, newest first, with contractor, unit and penalty totals.

    Each row gets `days_late` through `annotate_rows` (the excused delays are prefetched:
    one query for the whole page).
    """
    if not policies.can_view_register(user):
        return Contract.objects.none()
    return with_totals(
        Contract.objects.select_related("contractor", "org_unit", "manager")
        .prefetch_related(_excused_delays())
        .annotate(has_report=Exists(Art446Report.objects.filter(contract=OuterRef("pk"))))
    ).order_by("-year", "-number", "-pk")


def annotate_rows(rows, today: date | None = None) -> list:
    """Days of zwłoka and the art. 446 flag of each contract of a page (no queries)."""
    today = today or timezone.localdate()
    rows = list(rows)
    for row in rows:
        row.days_late = ledger.contract_delay(row, row.excused_delays, today)
        row.report_reasons = art446_reasons(
            row, penalties_due=row.penalties_due, days_late=row.days_late
        )
        row.current_completion = row.completed_on or max(row.planned_completion, today)
    return rows


def contract_detail(*, user, pk: int) -> Contract | None:
    contract = (
        Contract.objects.select_related("contractor", "org_unit", "manager", "process")
        .filter(pk=pk)
        .first()
    )
    if contract is None or not policies.can_view_register(user, contract):
        return None
    return contract


@dataclass
class ContractPage:
    milestones: list
    annexes: list
    delays: list
    protocols: list
    clauses: list
    penalties: list
    evaluations: list
    report: Art446Report | None
    cap: int
    due: int
    charged: int
    waived: int
    open: int
    cap_reached: bool
    days_late: int
    report_reasons: list[str] = field(default_factory=list)
    notice_448_due: date | None = None


def contract_page(contract: Contract, *, user, today: date | None = None) -> ContractPage:
    """Everything the contract page shows: eight small queries."""
    today = today or timezone.localdate()
    milestones = list(contract.milestones.all())
    delays = list(contract.delays.all())
    penalties = list(
        contract.penalties.select_related("clause", "milestone", "decided_by").order_by(
            "event_on", "pk"
        )
    )
    cap = ledger.cap_of(contract).in_grosze(net=contract.value_net, gross=contract.value_gross)
    due = sum(p.due for p in penalties)
    days_late = ledger.contract_delay(contract, delays, today)
    return ContractPage(
        milestones=milestones,
        annexes=list(contract.annexes.select_related("milestone")),
        delays=delays,
        protocols=list(contract.protocols.select_related("milestone")),
        clauses=list(contract.clauses.all()),
        penalties=penalties,
        evaluations=list(contract.evaluations.select_related("evaluator")),
        report=Art446Report.objects.filter(contract=contract).first(),
        cap=cap,
        due=due,
        charged=sum(p.charged for p in penalties),
        waived=sum(p.waived for p in penalties),
        open=sum(p.open for p in penalties),
        cap_reached=bool(penalties) and due >= cap,
        days_late=days_late,
        report_reasons=art446_reasons(contract, penalties_due=due, days_late=days_late),
        notice_448_due=notice_448_due(contract),
    )


def contractor_list(*, user) -> QuerySet:
    if not policies.can_view_register(user):
        return Contractor.objects.none()
    last = (
        Evaluation.objects.filter(contractor=OuterRef("pk"))
        .order_by("-evaluated_on", "-pk")
        .values("score")[:1]
    )
    return Contractor.objects.annotate(
        contract_count=Count("contracts", distinct=True),
        last_score=Subquery(last),
        last_evaluated=Max("evaluations__evaluated_on"),
    ).order_by("name", "pk")


def contractor_detail(*, user, pk: int) -> Contractor | None:
    contractor = Contractor.objects.filter(pk=pk).first()
    if contractor is None or not policies.can_view_register(user, contractor):
        return None
    return contractor


def contractor_page(contractor: Contractor) -> dict:
    return {
        "contracts": annotate_rows(
            with_totals(
                contractor.contracts.select_related("org_unit").prefetch_related(_excused_delays())
            )
        ),
        "evaluations": list(
            contractor.evaluations.select_related("evaluator", "contract").prefetch_related(
                "scores__criterion"
            )
        ),
    }


def public_contracts(today: date | None = None) -> list:
    """What residents see: public contracts only, with their delays and penalty totals."""
    qs = with_totals(
        Contract.objects.filter(is_public=True)
        .exclude(status=Contract.Status.PLANNED)
        .select_related("contractor")
        .prefetch_related(_excused_delays())
    ).order_by("-signed_on", "-pk")
    return annotate_rows(qs, today)
