"""Named reads of objectives and KPIs; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from ratusz.core.models import Attachment
from ratusz.lib import periods, trend
from ratusz.objectives import policies
from ratusz.objectives.models import Kpi, Measurement, Objective
from ratusz.processes.models import Process


def _latest(field: str):
    return Subquery(
        Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-period_start").values(field)[:1]
    )


def kpis_with_latest(qs: QuerySet | None = None) -> QuerySet:
    """KPIs with their latest measured period and value (`last_period`, `last_value`)."""
    qs = Kpi.objects.all() if qs is None else qs
    return qs.annotate(last_period=_latest("period_start"), last_value=_latest("value"))


@dataclass(frozen=True)
class KpiState:
    """Where a KPI stands today: its latest value against target, and what is due."""

    kpi: Kpi
    last_period: date | None
    last_value: Decimal | None
    standing: str  # periods.MET, WARNING, MISSED, or "" before the first measurement
    next_due: date  # the first period after the latest measured one
    overdue: bool  # a measurement is late by more than a period

    @property
    def last_label(self) -> str:
        return periods.label(self.kpi.frequency, self.last_period) if self.last_period else ""

    @property
    def next_label(self) -> str:
        return periods.label(self.kpi.frequency, self.next_due)

    @property
    def at_risk(self) -> bool:
        return self.standing == periods.MISSED or self.overdue


def state_of(kpi: Kpi, today: date) -> KpiState:
    """A KPI annotated by `kpis_with_latest`, read without a query."""
    last_period = getattr(kpi, "last_period", None)
    last_value = getattr(kpi, "last_value", None)
    next_due = periods.next_period(kpi.frequency, last_period) if last_period else kpi.measured_from
    return KpiState(
        kpi=kpi,
        last_period=last_period,
        last_value=last_value,
        standing=kpi.standing(last_value) if last_value is not None else "",
        next_due=next_due,
        overdue=kpi.is_active and periods.is_overdue(kpi.frequency, next_due, today),
    )


# --- objectives -------------------------------------------------------------------------


def objective_list(*, user) -> QuerySet:
    """Objectives the user may see, the latest year first, with their number of KPIs.
    `objectives.filters.ObjectiveFilter` narrows them."""
    if not policies.can_view_objectives(user):
        return Objective.objects.none()
    return (
        Objective.objects.select_related("org_unit", "owner")
        .annotate(kpi_count=Count("kpis", filter=Q(kpis__is_active=True)))
        .order_by("-year", "number")
    )


def objective_detail(*, user, pk: int) -> Objective | None:
    objective = (
        Objective.objects.select_related(
            "org_unit", "owner", "approved_by", "policy_document", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if objective is None or not policies.can_view_objectives(user, objective):
        return None
    return objective


@dataclass
class ObjectivePage:
    processes: list[Process]
    kpis: list[KpiState]


def objective_page(objective: Objective, *, today: date | None = None) -> ObjectivePage:
    """The objective's processes and its KPIs with where each stands: two queries."""
    today = today or timezone.localdate()
    kpis = kpis_with_latest(objective.kpis.select_related("owner")).order_by("-is_active", "id")
    return ObjectivePage(
        processes=list(objective.processes.only("id", "code", "name").order_by("code")),
        kpis=[state_of(kpi, today) for kpi in kpis],
    )


# --- KPIs -------------------------------------------------------------------------------


def kpi_detail(*, user, pk: int) -> Kpi | None:
    kpi = (
        Kpi.objects.select_related("objective__org_unit", "owner")
        .prefetch_related(Prefetch("processes", queryset=Process.objects.order_by("code")))
        .filter(pk=pk)
        .first()
    )
    if kpi is None or not policies.can_view_objectives(user, kpi.objective):
        return None
    return kpi


@dataclass
class KpiPage:
    state: KpiState
    measurements: list[Measurement]  # oldest first
    table: list[Measurement]  # newest first: the latest TABLE_PERIODS, or all on request
    hidden: int  # older measurements left out of the table
    chart: trend.Chart | None
    files: dict[int, list[Attachment]]  # measurement id -> its evidence files
    due: list[date]  # complete periods not measured yet


CHART_PERIODS = 36  # the chart shows the last three years of monthly figures
TABLE_PERIODS = 24  # the table shows two years of monthly figures unless all are asked for


def kpi_page(kpi: Kpi, *, today: date | None = None, show_all: bool = False) -> KpiPage:
    """The KPI's measurements, its chart and its evidence: three queries.

    Ten years of monthly figures are 120 rows, each with its forms: the table shows
    the latest TABLE_PERIODS unless `show_all`."""
    today = today or timezone.localdate()
    measurements = list(kpi.measurements.select_related("entered_by").order_by("period_start"))
    for m in measurements:
        m.kpi = kpi  # the row's KPI is this one: no query per row for its label
    last = measurements[-1] if measurements else None
    kpi.last_period = last.period_start if last else None  # type: ignore[attr-defined]
    kpi.last_value = last.value if last else None  # type: ignore[attr-defined]
    shown = measurements[-CHART_PERIODS:]
    drawn = (
        trend.chart([(m.period_label, m.value) for m in shown], kpi.target, kpi.warning)
        if shown
        else None
    )
    table = measurements[::-1] if show_all else measurements[: -TABLE_PERIODS - 1 : -1]
    files: dict[int, list[Attachment]] = {}
    if table:
        kind = ContentType.objects.get_for_model(Measurement)
        ids = [str(m.pk) for m in table]
        for attachment in Attachment.objects.filter(target_type=kind, target_id__in=ids):
            files.setdefault(int(attachment.target_id), []).append(attachment)
    for m in table:
        m.evidence_files = files.get(m.pk, [])  # type: ignore[attr-defined]
    measured = {m.period_start for m in measurements}
    return KpiPage(
        state=state_of(kpi, today),
        measurements=measurements,
        table=table,
        hidden=len(measurements) - len(table),
        chart=drawn,
        files=files,
        due=periods.due_periods(kpi.frequency, kpi.measured_from, today, measured),
    )


def kpi_table(*, user, year: int | None = None) -> QuerySet:
    """Every active KPI with its objective and latest value, for the table and its export."""
    if not policies.can_view_objectives(user):
        return Kpi.objects.none()
    qs = kpis_with_latest(
        Kpi.objects.filter(is_active=True).select_related("objective__org_unit", "owner")
    ).order_by("-objective__year", "objective__number", "id")
    if year is not None:
        qs = qs.filter(objective__year=year)
    return qs


def kpis_of_process(process: Process, *, today: date | None = None) -> list[KpiState]:
    """The active KPIs that measure a process, with where each stands: one query."""
    today = today or timezone.localdate()
    qs = kpis_with_latest(process.kpis.filter(is_active=True).select_related("objective")).order_by(
        "name"
    )
    return [state_of(kpi, today) for kpi in qs]


def states_for(*, year: int, today: date | None = None) -> list[KpiState]:
    """Where every active KPI of the year's live objectives stands: one query."""
    today = today or timezone.localdate()
    qs = kpis_with_latest(
        Kpi.objects.filter(
            is_active=True,
            objective__year=year,
            objective__status__in=Objective.LIVE_STATUSES,
        ).select_related("objective", "owner")
    ).order_by("objective__number", "id")
    return [state_of(kpi, today) for kpi in qs]
