"""Named reads of the process map; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ratusz.audits.models import Audit
from ratusz.core.plugins import ProcessPanel, area_modules
from ratusz.improvement.models import Nonconformity
from ratusz.improvement.policies import ncs_visible_to
from ratusz.processes import drawing, policies
from ratusz.processes.models import Process

# An audit counts as "audited" once it has started; a planned or cancelled one does not.
AUDITED_STATUSES = (Audit.Status.IN_PROGRESS, Audit.Status.CLOSED)
RECENT_AUDITS = 5


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


def process_list(*, user, today: date | None = None) -> QuerySet:
    """Processes the user may see, by code, with owner, unit, last audit and open
    nonconformities. `processes.filters.ProcessFilter` narrows and sorts them."""
    if not policies.can_view_process(user):
        return Process.objects.none()
    today = today or timezone.localdate()
    return (
        Process.objects.select_related("owner", "owner_unit")
        .annotate(last_audited=_last_audited(today), open_nc=_open_nonconformities())
        .order_by("code")
    )


def process_detail(*, user, pk: int) -> Process | None:
    process = Process.objects.select_related("owner", "owner_unit").filter(pk=pk).first()
    if process is None or not policies.can_view_process(user, process):
        return None
    return process


@dataclass
class ProcessPage:
    clauses: list
    feeds: list[Process]  # the processes this one's outputs go to
    fed_by: list[Process]  # the processes whose outputs come in
    recent_audits: list
    open_nonconformities: list
    last_audited: date | None
    panels: list[ProcessPanel]


OPEN_NONCONFORMITIES = 20  # the most urgent first; the register lists them all


def process_page(process: Process, *, user, today: date | None = None) -> ProcessPage:
    """What the process page shows around the process: six small queries, and
    one or two for each area's panel (`process_panels`)."""
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
        feeds=list(process.feeds.only("id", "code", "name", "is_active").order_by("code")),
        fed_by=list(process.fed_by.only("id", "code", "name", "is_active").order_by("code")),
        recent_audits=list(audits.order_by("-planned_start", "-number")[:RECENT_AUDITS]),
        open_nonconformities=list(
            ncs_visible_to(user, process.nonconformities.all())
            .filter(status__in=Nonconformity.OPEN_STATUSES)
            .only("id", "process_id", "year", "number", "title", "status", "target_date")
            .order_by("target_date", "id")[:OPEN_NONCONFORMITIES]
        ),
        last_audited=last,
        panels=process_panels(process, user=user),
    )


def process_panels(process: Process, *, user) -> list[ProcessPanel]:
    """The sections later areas add to a process page (`process_panels.py`), in order."""
    found: list[ProcessPanel] = []
    for _label, module in area_modules("process_panels"):
        found += module.panels(process, user)
    return sorted(found, key=lambda panel: panel.order)  # stable: app order within an order


@dataclass
class MapRow:
    """A process in the table that tells the map in words."""

    process: Process
    fed_by: list[Process]
    feeds: list[Process]


@dataclass
class ProcessMap:
    drawing: drawing.Drawing
    groups: list[tuple[str, str, list[MapRow]]]  # (kind, label, rows) in band order
    links: int


def process_map(*, user) -> ProcessMap | None:
    """The active processes by kind and the interactions between them: two queries."""
    if not policies.can_view_process(user):
        return None
    processes = list(
        Process.objects.filter(is_active=True)
        .only("id", "code", "name", "kind", "inputs", "outputs")
        .order_by("code")
    )
    by_pk = {p.pk: p for p in processes}
    links = [
        (source, target)
        for source, target in Process.feeds.through.objects.filter(
            from_process__is_active=True, to_process__is_active=True
        )
        .order_by("from_process__code", "to_process__code")
        .values_list("from_process_id", "to_process_id")
        if source in by_pk and target in by_pk
    ]
    feeds: dict[int, list[Process]] = {p.pk: [] for p in processes}
    fed_by: dict[int, list[Process]] = {p.pk: [] for p in processes}
    for source, target in links:
        feeds[source].append(by_pk[target])
        fed_by[target].append(by_pk[source])
    groups = []
    for kind, label in Process.Kind.choices:
        members = [p for p in processes if p.kind == kind]
        groups.append(
            (
                kind,
                str(label),
                [MapRow(process=p, fed_by=fed_by[p.pk], feeds=feeds[p.pk]) for p in members],
            )
        )
    picture = drawing.draw(
        [(kind, label, [row.process for row in rows]) for kind, label, rows in groups], links
    )
    return ProcessMap(drawing=picture, groups=groups, links=len(links))
