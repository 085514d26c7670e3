"""Named reads of the contract register; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ratusz.core.models import Attachment
from ratusz.lib.penalties import days_of_delay
from ratusz.suppliers import ledger, policies
from ratusz.suppliers.models import (
    Art446Report,
    Contract,
    Contractor,
    DelayPeriod,
    Evaluation,
    LargeContractThreshold,
    Milestone,
    Penalty,
)


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
    """Penalty totals and the art. 446 large-contract threshold, without a query per row."""
    return qs.annotate(
        penalties_due=_sum("due"),
        penalties_charged=_sum("charged"),
        penalties_waived=_sum("waived"),
        large_threshold=LargeContractThreshold.annotation(),
    )


def _excused_delays() -> Prefetch:
    return Prefetch(
        "delays",
        queryset=DelayPeriod.objects.exclude(cause=DelayPeriod.Cause.CONTRACTOR),
        to_attr="excused_delays",
    )


def contract_list(*, user) -> QuerySet:
    """Contracts the user may see, newest first, with contractor, unit and penalty totals.

    Each row's `days_late` and `report_reasons` need no query: the excused delays are
    prefetched (one query for the whole page) and the penalty totals annotated.
    """
    if not policies.can_view_register(user):
        return Contract.objects.none()
    return with_totals(
        Contract.objects.select_related("contractor", "org_unit", "manager")
        .prefetch_related(_excused_delays())
        .annotate(has_report=Exists(Art446Report.objects.filter(contract=OuterRef("pk"))))
    ).order_by("-year", "-number", "-pk")


def annotate_rows(rows) -> list:
    """The rows of a list as a list (their derived facts come from the model)."""
    return list(rows)


def contract_detail(*, user, pk: int) -> Contract | None:
    contract = (
        Contract.objects.select_related("contractor", "org_unit", "manager", "process")
        .annotate(large_threshold=LargeContractThreshold.annotation())
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
    report_after_days: int = 30
    is_large: bool = False
    notice_448_due: date | None = None
    files: list = field(default_factory=list)


def contract_page(contract: Contract, *, user, today: date | None = None) -> ContractPage:
    """Everything the contract page shows: eight small queries."""
    today = today or timezone.localdate()
    milestones = list(contract.milestones.all())
    delays = list(contract.delays.all())
    penalties = list(
        contract.penalties.select_related("clause", "milestone", "protocol", "decided_by").order_by(
            "event_on", "pk"
        )
    )
    cap = ledger.cap_of(contract).in_grosze(net=contract.value_net, gross=contract.value_gross)
    due = sum(p.due for p in penalties)
    contract.penalties_due = due  # type: ignore[attr-defined]  # as the list annotates it
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
        days_late=ledger.contract_delay(contract, delays, today),
        report_reasons=contract.report_reasons,
        report_after_days=contract.art446_delay_days(),
        is_large=contract.is_large,
        notice_448_due=contract.notice_448_due,
        files=contract_files(contract),
    )


def contract_files(contract: Contract) -> list[Attachment]:
    """The files kept with a contract (the contract, annexes, protocols, delay evidence)."""
    return list(
        Attachment.objects.filter(
            target_type=ContentType.objects.get_for_model(Contract), target_id=str(contract.pk)
        ).order_by("uploaded_at", "pk")
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


def public_contracts() -> QuerySet:
    """What residents see: public contracts only, with their delays and penalty totals."""
    qs = with_totals(
        Contract.objects.filter(is_public=True)
        .exclude(status=Contract.Status.PLANNED)
        .select_related("contractor")
        .prefetch_related(_excused_delays())
    ).order_by("-signed_on", "-pk")
    return qs


# --- what needs doing (dashboard, reminders, readiness) -------------------------------

DUE_SOON_DAYS = 14
PENALTY_GRACE_DAYS = 30  # a penalty due and neither charged nor waived after this is late
ENDING_SOON_DAYS = 30


@dataclass
class Attention:
    milestones_soon: list
    milestones_late: list
    penalties_unhandled: list
    reports_missing: list
    notices_due: list
    securities_to_return: list
    warranties_ending: list

    @property
    def total(self) -> int:
        return sum(
            len(getattr(self, name))
            for name in (
                "milestones_late",
                "penalties_unhandled",
                "reports_missing",
                "notices_due",
                "securities_to_return",
                "warranties_ending",
            )
        )


def _open_penalties():
    return Penalty.objects.filter(due__gt=F("charged") + F("waived"))


def unhandled_penalties(today: date, grace_days: int = PENALTY_GRACE_DAYS) -> QuerySet:
    """Penalties due and neither charged nor waived for more than `grace_days` days."""
    return (
        _open_penalties()
        .filter(event_on__lt=today - timedelta(days=grace_days))
        .select_related("contract", "clause")
        .order_by("event_on", "pk")
    )


def _report_candidates(today: date, only: Q | None = None) -> QuerySet:
    """Contracts that may need an art. 446 report and have none: each flag's condition
    without the excused delays. `certain` marks those a flag needs no delay for."""
    shortest = timedelta(days=min(Contract.art446_thresholds()))
    priced = Q(offer_price__gt=0)
    # Penalties of 10 % of the price: one grouped pass over the penalties, not a sum
    # per contract of the register.
    over_penalised = (
        Penalty.objects.order_by()
        .values("contract")
        .annotate(total10=Sum("due") * 10)
        .filter(total10__gte=F("contract__offer_price"), contract__offer_price__gt=0)
        .values("contract")
    )
    certain = (
        Q(status__in=(Contract.Status.TERMINATED, Contract.Status.WITHDRAWN))
        | (priced & Q(value10__gte=F("price11")))
        | (priced & Q(spent10__gte=F("price11")))
        | Q(pk__in=over_penalised)
    )
    maybe = (
        certain
        | Q(completed_on__isnull=True, planned_completion__lt=today - shortest)
        # Completed late at all (date arithmetic would be a function call per row on
        # SQLite); how late, the model decides.
        | Q(completed_on__isnull=False, completed_on__gt=F("planned_completion"))
    )
    return (
        Contract.objects.exclude(status=Contract.Status.PLANNED)
        .filter(only or Q(), report_446__isnull=True)
        .annotate(
            value10=F("value_gross") * 10,
            spent10=F("spent") * 10,
            price11=F("offer_price") * 11,
            certain=Case(When(certain, then=Value(True)), default=Value(False)),
        )
        .filter(maybe)
    )


def _contracts_in_order(ids: list[int]) -> list[Contract]:
    """The contracts of `ids`, in that order, with what their report flags read."""
    rows = with_totals(
        Contract.objects.filter(pk__in=ids)
        .select_related("contractor")
        .prefetch_related(_excused_delays())
    )
    by_pk = {c.pk: c for c in rows}
    return [by_pk[pk] for pk in ids]


REPORT_CHUNK = 50
REPORT_CHUNK_MAX = 5000


def reports_missing(
    limit: int | None = None, today: date | None = None, only: Q | None = None
) -> list[Contract]:
    """Contracts whose art. 446 report is required but not written (`only` narrows them),
    longest overdue first.

    The database narrows the register to the contracts that may need one; the model
    then decides exactly. With a `limit` (the dashboard) the candidates are read a
    chunk at a time until that many are found: at city-L thousands may qualify.
    """
    today = today or timezone.localdate()
    # The candidates' ids first (no totals computed for the rows not shown), then the
    # contracts themselves.
    ids = _report_candidates(today, only).order_by("planned_completion", "pk")
    ids = ids.values_list("pk", flat=True)
    found: list[Contract] = []
    start, size = 0, max(REPORT_CHUNK, (limit or REPORT_CHUNK_MAX) * 4)
    while limit is None or len(found) < limit:
        size = min(size, REPORT_CHUNK_MAX)  # within SQLite's limit of parameters
        chunk = list(ids[start : start + size])
        found.extend(c for c in _contracts_in_order(chunk) if c.report_reasons)
        if len(chunk) < size:
            break
        start, size = start + size, size * 2
    return found[:limit] if limit else found


def count_reports_missing(today: date | None = None) -> int:
    """How many contracts `reports_missing()` lists, without building them: the flags
    that need no delay are counted by the database; for the rest only the days of
    zwłoka are computed (from plain values and the excused periods)."""
    today = today or timezone.localdate()
    candidates = _report_candidates(today)
    count = candidates.filter(certain=True).count()
    doubtful = list(
        candidates.filter(certain=False)
        .annotate(large_threshold=LargeContractThreshold.annotation())
        .values_list("pk", "planned_completion", "completed_on", "value_net", "large_threshold")
    )
    excused: dict[int, list[tuple[date, date]]] = {}
    periods = DelayPeriod.objects.exclude(cause=DelayPeriod.Cause.CONTRACTOR).filter(
        contract__in=candidates.filter(certain=False).values("pk")
    )
    for contract, starts, ends in periods.values_list("contract_id", "starts_on", "ends_on"):
        excused.setdefault(contract, []).append((starts, ends))
    for pk, planned, completed, value_net, large_from in doubtful:
        limit = Contract.delay_limit(value_net, large_from)
        late = days_of_delay(planned, completed or today, excused=excused.get(pk, ()))
        count += late > limit
    return count


def attention(*, today: date | None = None, user=None, limit: int = 10) -> Attention:
    """What the contract people must act on; a fixed number of queries.

    Office-wide, or with `user` only the contracts that user manages.
    """
    today = today or timezone.localdate()
    mine = Q() if user is None else Q(manager=user)
    via = Q() if user is None else Q(contract__manager=user)
    running = Milestone.objects.filter(
        via, completed_on__isnull=True, contract__status=Contract.Status.RUNNING
    ).select_related("contract__manager", "contract__org_unit__head")
    contracts = Contract.objects.filter(mine).select_related(
        "contractor", "manager", "org_unit__head"
    )
    return Attention(
        milestones_soon=list(
            running.filter(
                planned_on__gte=today, planned_on__lte=today + timedelta(DUE_SOON_DAYS)
            ).order_by("planned_on")[:limit]
        ),
        milestones_late=list(running.filter(planned_on__lt=today).order_by("planned_on")[:limit]),
        penalties_unhandled=list(unhandled_penalties(today).filter(via)[:limit]),
        reports_missing=reports_missing(limit, today, mine),
        notices_due=list(
            contracts.filter(
                final_accepted_on__isnull=False, notice_448_sent_on__isnull=True
            ).order_by("final_accepted_on")[:limit]
        ),
        securities_to_return=list(
            contracts.filter(
                security_amount__gt=0,
                security_return_on__gte=today,
                security_return_on__lte=today + timedelta(ENDING_SOON_DAYS),
            ).order_by("security_return_on")[:limit]
        ),
        warranties_ending=list(
            contracts.filter(
                warranty_ends__gte=today, warranty_ends__lte=today + timedelta(ENDING_SOON_DAYS)
            ).order_by("warranty_ends")[:limit]
        ),
    )
