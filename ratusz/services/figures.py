"""Timeliness figures of cases, read from the monthly rollup (`CaseFigure`).

The register may hold millions of cases; a figures page never scans them. Every
import rebuilds the rollup rows of the months it touched (`refresh`), and the pages
add up rollup rows: at most one per month, unit, service and JRWA class. Open cases
are few (they are the recent ones) and are counted live on a partial index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from ratusz.lib.case_terms import percentile
from ratusz.lib.deadlines import add_months
from ratusz.services.models import Case, CaseFigure, Timeliness

SOON_DAYS = 7  # an open case due within this many days is "due soon"


def refresh(months: Iterable[date]) -> None:
    """Rebuild the rollup rows of `months` (first days of months) from the cases."""
    months = {m.replace(day=1) for m in months}
    if not months:
        return
    CaseFigure.objects.filter(month__in=months).delete()
    first, after = min(months), add_months(max(months), 1)
    rows: dict[tuple, dict] = defaultdict(lambda: {"days": Counter()})
    started = (
        Case.objects.filter(started_on__gte=first, started_on__lt=after)
        .annotate(m=TruncMonth("started_on"))
        .values("m", "org_unit_id", "service_id", "jrwa")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in started:
        if r["m"] in months:
            key = (r["m"], r["org_unit_id"], r["service_id"], r["jrwa"])
            rows[key]["started"] = r["n"]
    settled = (
        Case.objects.filter(closed_on__gte=first, closed_on__lt=after)
        .annotate(m=TruncMonth("closed_on"))
        .values("m", "org_unit_id", "service_id", "jrwa", "timeliness", "handling_days")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in settled:
        if r["m"] not in months:
            continue
        row = rows[(r["m"], r["org_unit_id"], r["service_id"], r["jrwa"])]
        n = r["n"]
        row["settled"] = row.get("settled", 0) + n
        row[r["timeliness"]] = row.get(r["timeliness"], 0) + n
        row["days_total"] = row.get("days_total", 0) + n * (r["handling_days"] or 0)
        row["days"][r["handling_days"] or 0] += n
    CaseFigure.objects.bulk_create(
        (
            CaseFigure(
                month=month,
                org_unit_id=unit,
                service_id=service,
                jrwa=jrwa,
                started=row.get("started", 0),
                settled=row.get("settled", 0),
                on_time=row.get(Timeliness.ON_TIME, 0),
                late_notified=row.get(Timeliness.LATE_NOTIFIED, 0),
                late_unnotified=row.get(Timeliness.LATE_UNNOTIFIED, 0),
                days_total=row.get("days_total", 0),
                days={str(d): c for d, c in sorted(row["days"].items())},
            )
            for (month, unit, service, jrwa), row in rows.items()
        ),
        batch_size=2000,
    )


@dataclass
class Figures:
    """Cases of a selection: how many came in, were settled, and how timely."""

    started: int = 0
    settled: int = 0
    on_time: int = 0
    late_notified: int = 0
    late_unnotified: int = 0
    days_total: int = 0
    days: Counter = field(default_factory=Counter)

    def add(self, row: CaseFigure) -> None:
        self.started += row.started
        self.settled += row.settled
        self.on_time += row.on_time
        self.late_notified += row.late_notified
        self.late_unnotified += row.late_unnotified
        self.days_total += row.days_total
        for days, count in row.days.items():
            self.days[int(days)] += count

    @property
    def late(self) -> int:
        return self.late_notified + self.late_unnotified

    @property
    def on_time_share(self) -> Decimal | None:
        """Percent of settled cases settled on time, one decimal place; None: none settled."""
        if not self.settled:
            return None
        share = Decimal(self.on_time * 100) / Decimal(self.settled)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def mean_days(self) -> Decimal | None:
        if not self.settled:
            return None
        mean = Decimal(self.days_total) / Decimal(self.settled)
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def median_days(self) -> int | None:
        return percentile(self.days, 0.5)

    @property
    def p90_days(self) -> int | None:
        return percentile(self.days, 0.9)


def last_twelve_months(today: date) -> tuple[date, date]:
    """The first days of the first and the last of the twelve months up to `today`'s."""
    last = today.replace(day=1)
    return add_months(last, -11), last


def _rows(
    *,
    first: date,
    last: date,
    service: int | None = None,
    org_unit: int | None = None,
    jrwa: str = "",
):
    rows = CaseFigure.objects.filter(month__gte=first, month__lte=last)
    if service is not None:
        rows = rows.filter(service_id=service)
    if org_unit is not None:
        rows = rows.filter(org_unit_id=org_unit)
    if jrwa:
        rows = rows.filter(jrwa=jrwa)
    return rows


def total(*, first: date, last: date, **selection) -> Figures:
    """The figures of every case in the selection, months `first` to `last` included."""
    result = Figures()
    for row in _rows(first=first, last=last, **selection).iterator(chunk_size=2000):
        result.add(row)
    return result


def grouped(by: str, *, first: date, last: date, **selection) -> dict[object, Figures]:
    """The figures by `by` ("service_id", "org_unit_id", "jrwa" or "month")."""
    groups: dict[object, Figures] = defaultdict(Figures)
    for row in _rows(first=first, last=last, **selection).iterator(chunk_size=2000):
        groups[getattr(row, by)].add(row)
    return dict(groups)


@dataclass(frozen=True)
class OpenCases:
    overdue: int
    due_soon: int


def open_cases(today: date, **selection) -> dict[int | None, OpenCases]:
    """Open cases overdue and due soon, by unit (live, on the index of open cases)."""
    cases = Case.objects.filter(closed_on__isnull=True, due_on__lte=today + timedelta(SOON_DAYS))
    if selection.get("service") is not None:
        cases = cases.filter(service_id=selection["service"])
    if selection.get("org_unit") is not None:
        cases = cases.filter(org_unit_id=selection["org_unit"])
    if selection.get("jrwa"):
        cases = cases.filter(jrwa=selection["jrwa"])
    counts = cases.values("org_unit_id").annotate(
        overdue=Count("id", filter=Q(due_on__lt=today)),
        soon=Count("id", filter=Q(due_on__gte=today)),
    )
    return {r["org_unit_id"]: OpenCases(r["overdue"], r["soon"]) for r in counts.order_by()}
