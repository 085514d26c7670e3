"""Named reads of the process map; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ratusz.audits.models import Audit
from ratusz.core.models import OrgUnit
from ratusz.core.selectors import subtree_ids
from ratusz.improvement.models import Nonconformity
from ratusz.improvement.policies import ncs_visible_to
from ratusz.processes import policies
from ratusz.processes.models import Process

# An audit counts as "audited" once it has started; a planned or cancelled one does not.
AUDITED_STATUSES = (Audit.Status.IN_PROGRESS, Audit.Status.CLOSED)
RECENT_AUDITS = 5

SORTS = {
    "code": ("code",),
    "name": ("name", "code"),
    "unit": ("owner_unit__path", "code"),
    "-risk": ("-risk", "code"),
    "risk": ("risk", "code"),
    # Never audited first: those are what the audit programme must catch up on.
    "last_audited": (F("last_audited").asc(nulls_first=True), "code"),
    "-open_nc": ("-open_nc", "code"),
}
ACTIVE_FILTERS = ("active", "inactive", "all")


@dataclass
class ProcessFilters:
    unit: OrgUnit | None = None
    kind: str = ""
    risk: int | None = None
    active: str = "active"  # active, inactive, all
    q: str = ""
    sort: str = "code"


def _last_audited(today: date):
    audits = (
        Audit.objects.filter(
            process=OuterRef("pk"), status__in=AUDITED_STATUSES, planned_start__lte=today
        )
        .order_by()
        .values("process")
        .annotate(last=Max("planned_start"))
        .values("last")
    )
    return Subquery(audits)


def _open_nonconformities():
    open_ncs = (
        Nonconformity.objects.filter(process=OuterRef("pk"), status__in=Nonconformity.OPEN_STATUSES)
        .order_by()
        .values("process")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(open_ncs, output_field=IntegerField()), 0)


def process_list(*, user, filters: ProcessFilters, today: date | None = None) -> QuerySet:
    """Processes the user may see, with owner, unit, last audit and open nonconformities."""
    if not policies.can_view_process(user):
        return Process.objects.none()
    today = today or timezone.localdate()
    qs = Process.objects.select_related("owner", "owner_unit").annotate(
        last_audited=_last_audited(today), open_nc=_open_nonconformities()
    )
    if filters.unit is not None:
        qs = qs.filter(owner_unit_id__in=subtree_ids([filters.unit.path]))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.risk is not None:
        qs = qs.filter(risk=filters.risk)
    if filters.active == "active":
        qs = qs.filter(is_active=True)
    elif filters.active == "inactive":
        qs = qs.filter(is_active=False)
    if filters.q:
        qs = qs.filter(
            Q(code__icontains=filters.q)
            | Q(name__icontains=filters.q)
            | Q(description__icontains=filters.q)
        )
    return qs.order_by(*SORTS.get(filters.sort, SORTS["code"]))


def process_detail(*, user, pk: int) -> Process | None:
    process = Process.objects.select_related("owner", "owner_unit").filter(pk=pk).first()
    if process is None or not policies.can_view_process(user, process):
        return None
    return process


@dataclass
class ProcessPage:
    clauses: list
    recent_audits: list
    open_nonconformities: list
    last_audited: date | None


OPEN_NONCONFORMITIES = 20  # the most urgent first; the register lists them all


def process_page(process: Process, *, user, today: date | None = None) -> ProcessPage:
    """What the process page shows around the process: four small queries."""
    today = today or timezone.localdate()
    # process_id stays loaded: the related manager sets it on each row, and a
    # deferred field would cost one query per row.
    audits = process.audits.only(
        "id", "process_id", "year", "number", "title", "status", "planned_start"
    )
    last = (
        audits.filter(status__in=AUDITED_STATUSES, planned_start__lte=today)
        .order_by("-planned_start")
        .values_list("planned_start", flat=True)
        .first()
    )
    return ProcessPage(
        clauses=list(process.clauses.all()),
        recent_audits=list(audits.order_by("-planned_start", "-number")[:RECENT_AUDITS]),
        open_nonconformities=list(
            ncs_visible_to(user, process.nonconformities.all())
            .filter(status__in=Nonconformity.OPEN_STATUSES)
            .only("id", "process_id", "year", "number", "title", "status", "target_date")
            .order_by("target_date", "id")[:OPEN_NONCONFORMITIES]
        ),
        last_audited=last,
    )
