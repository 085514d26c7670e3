"""Timeliness figures of cases, read from the monthly rollup (`CaseFigure`).

The register may hold millions of cases; a figures page never scans them. Every
import rebuilds the rollup rows of the months it touched (`refresh`), and the pages
add up rollup rows: at most one per month, unit, service and JRWA class. Open cases
are few (they are the recent ones) and are counted live on a partial index.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from ratusz.lib.case_terms import percentile
from ratusz.lib.deadlines import add_months
from ratusz.services.models import Case, CaseFigure, Timeliness

SOON_DAYS = 7  # an open case due within this many days is "due soon"


# The positions of a tally row's counts.
STARTED, SETTLED, ON_TIME, LATE_NOTIFIED, LATE_UNNOTIFIED, DAYS_TOTAL, NO_OUTCOME, DAYS = range(8)
_BY_TIMELINESS = {
    Timeliness.ON_TIME.value: ON_TIME,
    Timeliness.LATE_NOTIFIED.value: LATE_NOTIFIED,
    Timeliness.LATE_UNNOTIFIED.value: LATE_UNNOTIFIED,
}
_FIELDS = (
    "started",
    "settled",
    "on_time",
    "late_notified",
    "late_unnotified",
    "days_total",
    "no_outcome",
)


def _new_row() -> list:
    return [0, 0, 0, 0, 0, 0, 0, Counter()]


class Tally:
    """What an import changes in the rollup, added up in memory and written once.

    A case counts +1 in its starting month and, once settled, in its settlement
    month; an import adds the new state of each case it writes (`sign` +1) and takes
    out the state it replaces (`sign` -1). Memory is bounded by the number of rollup
    rows (months × units × services × JRWA classes), not by the number of cases.
    """

    def __init__(self) -> None:
        self.rows: dict[tuple, list] = defaultdict(_new_row)

    def count(
        self, unit, service, jrwa, started_on, closed_on, timeliness, taken, outcome, sign
    ) -> None:
        self.rows[(started_on.replace(day=1), unit, service, jrwa)][STARTED] += sign
        if closed_on is not None:
            row = self.rows[(closed_on.replace(day=1), unit, service, jrwa)]
            row[SETTLED] += sign
            row[_BY_TIMELINESS[timeliness]] += sign
            row[DAYS_TOTAL] += sign * (taken or 0)
            row[DAYS][taken or 0] += sign
            if not outcome:
                row[NO_OUTCOME] += sign

    def apply(self) -> None:
        """Add the tally to the rollup rows (creating and dropping rows as needed)."""
        if not self.rows:
            return
        merged: dict[tuple, list] = {}
        held: list[int] = []
        months = sorted({key[0] for key in self.rows})
        for start in range(0, len(months), 500):
            for figure in CaseFigure.objects.filter(month__in=months[start : start + 500]):
                key = (figure.month, figure.org_unit_id, figure.service_id, figure.jrwa)
                if key not in self.rows:
                    continue
                held.append(figure.pk)
                counts = [getattr(figure, name) for name in _FIELDS]
                merged[key] = [*counts, Counter({int(d): n for d, n in figure.days.items()})]
        for key, change in self.rows.items():
            row = merged.setdefault(key, _new_row())
            for position in range(DAYS):
                row[position] += change[position]
            row[DAYS].update(change[DAYS])
        for start in range(0, len(held), 900):
            CaseFigure.objects.filter(pk__in=held[start : start + 900]).delete()
        # Tens of thousands of rows at the end of a large import: one prepared INSERT
        # (the model's own table and columns; values as parameters).
        columns = ["month", "org_unit_id", "service_id", "jrwa", *_FIELDS, "days"]
        insert = (
            f"INSERT INTO {CaseFigure._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                insert,
                [
                    (
                        month,
                        unit,
                        service,
                        jrwa,
                        *row[:DAYS],
                        json.dumps({str(d): n for d, n in sorted(row[DAYS].items()) if n}),
                    )  # fmt: skip
                    for (month, unit, service, jrwa), row in merged.items()
                    if row[STARTED] or row[SETTLED]
                ],
            )
        self.rows.clear()


def rebuild(months: Iterable[date] | None = None) -> None:
    """Recount the rollup rows of `months` (all months: None) from the cases themselves.

    Imports keep the rollup current through a `Tally`; this is the slow, certain way
    (`ratusz rebuild_case_figures`), and what the tests hold the tally to.
    """
    figures = CaseFigure.objects.all()
    cases = Case.objects.all()
    if months is not None:
        months = {m.replace(day=1) for m in months}
        if not months:
            return
        figures = figures.filter(month__in=months)
        first, after = min(months), add_months(max(months), 1)
        started_cases = cases.filter(started_on__gte=first, started_on__lt=after)
        settled_cases = cases.filter(closed_on__gte=first, closed_on__lt=after)
    else:
        started_cases = cases
        settled_cases = cases.filter(closed_on__isnull=False)
    figures.delete()
    tally = Tally()
    started = (
        started_cases.annotate(m=TruncMonth("started_on"))
        .values("m", "org_unit_id", "service_id", "jrwa")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in started:
        if months is None or r["m"] in months:
            tally.rows[(r["m"], r["org_unit_id"], r["service_id"], r["jrwa"])][STARTED] += r["n"]
    settled = (
        settled_cases.annotate(m=TruncMonth("closed_on"))
        .values("m", "org_unit_id", "service_id", "jrwa", "timeliness", "handling_days")
        .annotate(n=Count("id"), no_outcome=Count("id", filter=Q(outcome="")))
        .order_by()
    )
    for r in settled:
        if months is not None and r["m"] not in months:
            continue
        row = tally.rows[(r["m"], r["org_unit_id"], r["service_id"], r["jrwa"])]
        n, taken = r["n"], r["handling_days"] or 0
        row[SETTLED] += n
        row[_BY_TIMELINESS[r["timeliness"]]] += n
        row[DAYS_TOTAL] += n * taken
        row[DAYS][taken] += n
        row[NO_OUTCOME] += r["no_outcome"]
    tally.apply()


@dataclass
class Figures:
    """Cases of a selection: how many came in, were settled, and how timely."""

    started: int = 0
    settled: int = 0
    on_time: int = 0
    late_notified: int = 0
    late_unnotified: int = 0
    days_total: int = 0
    no_outcome: int = 0
    days: Counter = field(default_factory=Counter)

    def add(self, row: CaseFigure) -> None:
        self.started += row.started
        self.settled += row.settled
        self.on_time += row.on_time
        self.late_notified += row.late_notified
        self.late_unnotified += row.late_unnotified
        self.days_total += row.days_total
        self.no_outcome += row.no_outcome
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
    rows = CaseFigure.objects.filter(month__gte=first, month__lte=last).only(
        "month", "org_unit_id", "service_id", "jrwa", *_FIELDS, "days"
    )
    if service is not None:
        rows = rows.filter(service_id=service)
    if org_unit is not None:
        rows = rows.filter(org_unit_id=org_unit)
    if jrwa:
        rows = rows.filter(jrwa=jrwa)
    return rows


def rows(*, first: date, last: date, **selection) -> list[CaseFigure]:
    """The rollup rows of the selection (at most one per month, unit, service, class)."""
    return list(_rows(first=first, last=last, **selection).iterator(chunk_size=2000))


def total(*, first: date, last: date, **selection) -> Figures:
    """The figures of every case in the selection, months `first` to `last` included."""
    return grouped(None, first=first, last=last, **selection).get(None, Figures())


def grouped(by: str | None, *, first: date, last: date, **selection) -> dict[object, Figures]:
    """The figures by `by` ("service_id", "org_unit_id", "jrwa" or "month"; None: all
    in one group), adding plain values up (a histogram merge per row, its text keys
    kept to the end) rather than building a model object per rollup row."""
    width = len(_FIELDS)
    groups: dict[object, list] = {}
    rows = _rows(first=first, last=last, **selection).values_list(by or "month", *_FIELDS, "days")
    for key, *counts in rows.iterator(chunk_size=2000):
        key = key if by else None
        acc = groups.get(key)
        if acc is None:
            groups[key] = [*counts[:width], Counter(counts[width])]
            continue
        for i in range(width):
            acc[i] += counts[i]
        acc[width].update(counts[width])
    return {
        key: Figures(*acc[:width], days=Counter({int(k): n for k, n in acc[width].items()}))
        for key, acc in groups.items()
    }


@dataclass
class Breakdown:
    """A selection's figures in total and by service, unit, month and JRWA class."""

    total: Figures
    by_service: dict[int | None, Figures]
    by_unit: dict[int, Figures]
    by_month: dict[date, Figures]
    by_jrwa: dict[str, Figures]


def breakdown(*, first: date, last: date, **selection) -> Breakdown:
    """Every grouping of the figures page in one pass over the rollup.

    Adding each rollup row into five groupings costs five merges of its histogram of
    days; here each row is merged twice, into its month and into its (service, unit,
    class) combination, and the service, unit and class groupings and the total are
    summed from those (a twelfth as many for a year). The histograms keep the
    rollup's text keys until the end.
    """
    width = len(_FIELDS)
    combos: dict[tuple, list] = {}
    months: dict[date, list] = {}
    rows = _rows(first=first, last=last, **selection).values_list(
        "month", "service_id", "org_unit_id", "jrwa", *_FIELDS, "days"
    )
    for month, service, unit, jrwa, *counts in rows.iterator(chunk_size=2000):
        for table, key in ((combos, (service, unit, jrwa)), (months, month)):
            acc = table.get(key)
            if acc is None:
                table[key] = [*counts[:width], Counter(counts[width])]
                continue
            for i in range(width):
                acc[i] += counts[i]
            acc[width].update(counts[width])

    def summed(parts: Iterable[list]) -> Figures:
        sums, days = [0] * width, Counter()
        for acc in parts:
            for i in range(width):
                sums[i] += acc[i]
            days.update(acc[width])
        return Figures(*sums, days=Counter({int(k): n for k, n in days.items()}))

    def grouped_by(position: int) -> dict:
        groups: dict[object, list[list]] = defaultdict(list)
        for key, acc in combos.items():
            groups[key[position]].append(acc)
        return {key: summed(parts) for key, parts in groups.items()}

    return Breakdown(
        total=summed(months.values()),
        by_service=grouped_by(0),
        by_unit=grouped_by(1),
        by_month={month: summed([acc]) for month, acc in months.items()},
        by_jrwa=grouped_by(2),
    )


def settled_without_outcome(*, first: date, last: date) -> tuple[int, int]:
    """(cases settled, of them without an outcome) in months `first` to `last`: one
    aggregate over the rollup, whatever the number of cases."""
    sums = CaseFigure.objects.filter(month__gte=first, month__lte=last).aggregate(
        settled=Sum("settled"), no_outcome=Sum("no_outcome")
    )
    return sums["settled"] or 0, sums["no_outcome"] or 0


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
