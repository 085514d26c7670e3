"""Measurement periods of a KPI (ISO 9001 9.1.1): months, quarters and years.

A period is named by its first day; its frequency says how long it runs. The
rules here decide which periods a KPI is due for, whether a date starts a
period, and how a value stands against its target and warning threshold.
No Django: the KPI pages, the daily run and the readiness rules all ask here.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

MONTHLY, QUARTERLY, YEARLY = "monthly", "quarterly", "yearly"
FREQUENCIES = (MONTHLY, QUARTERLY, YEARLY)
MONTHS = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}

MET, WARNING, MISSED = "met", "warning", "missed"


def _months(frequency: str) -> int:
    try:
        return MONTHS[frequency]
    except KeyError:
        raise ValueError(f"unknown frequency: {frequency!r}") from None


def period_start(frequency: str, day: date) -> date:
    """The first day of the period that holds `day`."""
    step = _months(frequency)
    month = (day.month - 1) // step * step + 1
    return date(day.year, month, 1)


def is_period_start(frequency: str, day: date) -> bool:
    return period_start(frequency, day) == day


def next_period(frequency: str, start: date) -> date:
    """The first day of the period after the one starting on `start`."""
    index = start.year * 12 + start.month - 1 + _months(frequency)
    return date(index // 12, index % 12 + 1, 1)


def previous_period(frequency: str, start: date) -> date:
    index = start.year * 12 + start.month - 1 - _months(frequency)
    return date(index // 12, index % 12 + 1, 1)


def period_end(frequency: str, start: date) -> date:
    """The last day of the period starting on `start`."""
    return next_period(frequency, start) - timedelta(days=1)


def last_complete(frequency: str, today: date) -> date:
    """The first day of the latest period that has ended before `today`."""
    return previous_period(frequency, period_start(frequency, today))


def is_complete(frequency: str, start: date, today: date) -> bool:
    """Whether the period has ended, so it can be measured."""
    return period_end(frequency, start) < today


def periods(frequency: str, first: date, last: date) -> list[date]:
    """The starts of the periods from the one holding `first` to the one holding `last`."""
    current, end = period_start(frequency, first), period_start(frequency, last)
    found = []
    while current <= end:
        found.append(current)
        current = next_period(frequency, current)
    return found


def due_periods(frequency: str, since: date, today: date, measured: set[date]) -> list[date]:
    """Complete periods from `since` on that have no measurement yet, oldest first."""
    if since > today:
        return []
    return [
        start
        for start in periods(frequency, since, last_complete(frequency, today))
        if start not in measured
    ]


def is_overdue(frequency: str, start: date, today: date) -> bool:
    """A period is overdue once a whole further period has ended without its measurement."""
    return is_complete(frequency, next_period(frequency, start), today)


def label(frequency: str, start: date) -> str:
    """A short name of the period: 2026-03, 2026 Q1, 2026."""
    if frequency == MONTHLY:
        return f"{start.year}-{start.month:02d}"
    if frequency == QUARTERLY:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    _months(frequency)
    return str(start.year)


def standing(
    value: Decimal, target: Decimal, warning: Decimal | None, *, higher_is_better: bool
) -> str:
    """How a value stands: MET the target, WARNING (missed, but not past the
    threshold) or MISSED (past the warning threshold, or missed with no threshold)."""
    if higher_is_better:
        if value >= target:
            return MET
        return WARNING if warning is not None and value >= warning else MISSED
    if value <= target:
        return MET
    return WARNING if warning is not None and value <= warning else MISSED


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in per cent, to one decimal place; None when there is no whole."""
    if whole <= 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))
