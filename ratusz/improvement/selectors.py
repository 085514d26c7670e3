"""Named reads of nonconformities and ideas; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from ratusz.core import access
from ratusz.core.models import Action, Attachment, OrgUnit
from ratusz.improvement import policies
from ratusz.improvement.models import Idea, Nonconformity, Source

NC = Nonconformity.Status


def nc_list(*, user) -> QuerySet:
    """The nonconformities the user may see, the newest first.
    `improvement.filters.NcFilter` narrows and sorts them."""
    return policies.ncs_visible_to(
        user,
        Nonconformity.objects.select_related(
            "org_unit", "process", "clause", "owner", "recurrence_of"
        ),
    ).order_by("-year", "-number")


def nc_detail(*, user, pk: int) -> Nonconformity | None:
    nc = (
        Nonconformity.objects.select_related(
            "org_unit__head",
            "process",
            "clause",
            "owner",
            "reported_by",
            "recurrence_of",
            "analysed_by",
            "verified_by",
            "closed_by",
        )
        .filter(pk=pk)
        .first()
    )
    if nc is None or not policies.can_view_nc(user, nc):
        return None
    return nc


def actions_of(record) -> QuerySet:
    return (
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(type(record)), source_id=str(record.pk)
        )
        .select_related("owner")
        .order_by("due_date", "id")
    )


def action_evidence(*, user, actions: list[Action]) -> list[Attachment]:
    """Files attached to these actions that the user may open, each with its
    `action`, the oldest first (one query)."""
    visible = {action.pk: action for action in actions if access.can_view_action(user, action)}
    if not visible:
        return []
    files = list(
        Attachment.objects.filter(
            target_type=ContentType.objects.get_for_model(Action),
            target_id__in=[str(pk) for pk in visible],
        )
        .select_related("uploaded_by")
        .order_by("uploaded_at", "id")
    )
    for attachment in files:
        attachment.action = visible[int(attachment.target_id)]  # type: ignore[attr-defined]
    return files


def audit_finding_of(nc: Nonconformity):
    """The audit finding that raised this nonconformity, if any."""
    try:
        return nc.audit_finding
    except Exception:  # noqa: BLE001 - no finding (RelatedObjectDoesNotExist) or no audits app
        return None


def idea_list(*, user) -> QuerySet:
    """The ideas the user may see, the newest first; `improvement.filters.IdeaFilter`
    narrows them down."""
    return policies.ideas_visible_to(
        user, Idea.objects.select_related("org_unit", "submitted_by", "process")
    ).order_by("-year", "-number")


def idea_detail(*, user, pk: int) -> Idea | None:
    idea = (
        Idea.objects.select_related("org_unit", "process", "clause", "submitted_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if idea is None or not policies.can_view_idea(user, idea):
        return None
    return idea


# --- the dashboard card ---------------------------------------------------------------


def dashboard_counts(*, user, today: date | None = None) -> dict[str, int]:
    """One query: what waits for the quality manager, or the user's own open ones."""
    today = today or timezone.localdate()
    if policies.can_triage(user):
        return Nonconformity.objects.aggregate(
            awaiting_triage=Count("id", filter=Q(status=NC.REPORTED)),
            awaiting_verification=Count("id", filter=Q(status=NC.VERIFICATION)),
            overdue=Count(
                "id", filter=Q(status__in=Nonconformity.OPEN_STATUSES, target_date__lt=today)
            ),
        )
    return Nonconformity.objects.filter(owner=user).aggregate(
        mine_open=Count("id", filter=Q(status__in=Nonconformity.OPEN_STATUSES)),
        mine_overdue=Count(
            "id", filter=Q(status__in=Nonconformity.OPEN_STATUSES, target_date__lt=today)
        ),
    )


# --- statistics (10.2, 9.1.3) -------------------------------------------------------


@dataclass
class StatsFilters:
    date_from: date
    date_to: date
    unit: OrgUnit | None = None


@dataclass
class Statistics:
    filters: StatsFilters
    total: int = 0
    closed: int = 0
    open: int = 0
    avg_days_to_close: float | None = None
    closed_with_target: int = 0
    closed_on_time: int = 0
    effective_first_time: int = 0
    by_unit: list[dict] = field(default_factory=list)
    by_process: list[dict] = field(default_factory=list)
    by_clause: list[dict] = field(default_factory=list)
    by_source: list[dict] = field(default_factory=list)
    by_month: list[dict] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.closed_on_time, self.closed_with_target)

    @property
    def effectiveness_rate(self) -> float | None:
        return _rate(self.effective_first_time, self.closed)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last 24 months: from the first day of the month 23 months ago to today."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - 23
    return date(months // 12, months % 12 + 1, 1), today


def _month_starts(date_from: date, date_to: date) -> list[date]:
    months, current = [], date(date_from.year, date_from.month, 1)
    while current <= date_to:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _counts(qs: QuerySet, *keys: str) -> list[dict]:
    return list(
        qs.values(*keys)
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(status__in=Nonconformity.OPEN_STATUSES)),
            closed=Count("id", filter=Q(status=NC.CLOSED)),
        )
        .order_by("-total", *keys)
    )


def statistics(*, user, filters: StatsFilters) -> Statistics:
    """Figures over the nonconformities the user may see (as in the register), every
    one aggregated by the database: the same queries whatever the number of rows."""
    qs = policies.ncs_visible_to(
        user,
        Nonconformity.objects.filter(
            detected_on__gte=filters.date_from, detected_on__lte=filters.date_to
        ).exclude(status=NC.REJECTED),
    )
    if filters.unit is not None:
        qs = qs.filter(org_unit__path__startswith=filters.unit.path)
    closed = Q(status=NC.CLOSED)
    days_to_close = ExpressionWrapper(
        Cast("closed_at", DateField()) - F("detected_on"), output_field=DurationField()
    )
    summary = qs.aggregate(
        total=Count("id"),
        closed=Count("id", filter=closed),
        open=Count("id", filter=Q(status__in=Nonconformity.OPEN_STATUSES)),
        avg_close=Avg(days_to_close, filter=closed),
        closed_with_target=Count("id", filter=closed & Q(target_date__isnull=False)),
        closed_on_time=Count("id", filter=closed & Q(closed_at__date__lte=F("target_date"))),
        effective_first_time=Count("id", filter=closed & Q(failed_verifications=0)),
    )
    avg = summary.pop("avg_close")
    stats = Statistics(filters=filters, **summary)
    if avg is not None:
        stats.avg_days_to_close = round(avg.total_seconds() / 86400, 1)
    stats.by_unit = [
        {"label": row["org_unit__name"], **row} for row in _counts(qs, "org_unit__name")
    ]
    stats.by_process = [
        {
            "label": f"{row['process__code']} {row['process__name']}"
            if row["process__code"]
            else None,
            **row,
        }
        for row in _counts(qs, "process__code", "process__name")
    ]
    stats.by_clause = [
        {"label": row["clause__number"], **row} for row in _counts(qs, "clause__number")
    ]
    sources = dict(Source.choices)
    stats.by_source = [
        {"label": str(sources.get(row["source"], row["source"])), **row}
        for row in _counts(qs, "source")
    ]
    per_month = {
        row["month"]: row for row in _counts(qs.annotate(month=TruncMonth("detected_on")), "month")
    }
    stats.by_month = []
    for month in _month_starts(filters.date_from, filters.date_to):
        row = per_month.get(month) or {"total": 0, "open": 0, "closed": 0}
        stats.by_month.append({**row, "month": month, "label": month})
    return stats
