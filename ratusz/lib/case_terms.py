"""When an administrative case is due, and whether it was settled on time.

The office's cases are handled in its document management system (EZD); Ratusz
imports them and judges their timeliness by the Code of Administrative Procedure
(k.p.a.):

* art. 35 §2-3: a case is settled without undue delay (``immediate``), within one
  month when it needs explanatory proceedings (``1m``) and within two months when it
  is particularly complicated (``2m``); an appeal within one month; special statutes
  set their own periods (``7d``, ``14d``, or any ``Nd`` / ``Nm``);
* art. 35 §5: periods set by law for particular steps, periods of suspension and
  delays caused by the party or beyond the office's control are not counted; the
  export gives them as ``suspended_days``, which lengthen the period day for day;
* art. 36: a case not settled in time needs a notice to the parties with the reason
  and a new date; a notice counts only if it was given by the due date;
* art. 57: a period in days starts the day after the event, a period in months ends
  on the corresponding day, and a period that ends on a Saturday or a statutory day
  off ends on the next working day (``ratusz.lib.deadlines``).

"Without undue delay" is not a date. An office judges such cases against its own
allowance in days (``immediate_days``; 0 means the day the case started, moved to the
next working day when that is a day off).

Worked examples (1 May 2026 is a Friday holiday, 3 May 2026 a Sunday holiday):

>>> from datetime import date
>>> due_date(parse_term("14d"), date(2026, 4, 17))    # 1 May, a holiday, then 2-3 May
datetime.date(2026, 5, 4)
>>> due_date(parse_term("1m"), date(2025, 1, 31))     # no 31 February: its last day
datetime.date(2025, 2, 28)
>>> due_date(parse_term("1m"), date(2025, 1, 31), suspended_days=10)
datetime.date(2025, 3, 10)
>>> assess(due=date(2025, 3, 10), closed_on=date(2025, 3, 12),
...        delay_notice_on=date(2025, 3, 7)).value
'late_notified'

This module does not import Django, so the import can run it for millions of rows
and its tests need no database.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ratusz.lib.deadlines import add_months, shift_to_working_day

__all__ = [
    "Term",
    "TermError",
    "Timeliness",
    "assess",
    "due_date",
    "handling_days",
    "parse_term",
    "percentile",
]

IMMEDIATE: Final = "immediate"
_TERM: Final = re.compile(r"^(\d{1,3})\s*([dm])$")


class TermError(ValueError):
    """A term the import cannot read; ``str()`` is the text it was given."""


@dataclass(frozen=True, slots=True)
class Term:
    """A period for settling a case: ``days`` or ``months`` (both 0: immediate)."""

    days: int = 0
    months: int = 0

    @property
    def immediate(self) -> bool:
        return not self.days and not self.months

    @property
    def code(self) -> str:
        """The term as the export writes it: ``immediate``, ``14d``, ``2m``."""
        if self.months:
            return f"{self.months}m"
        if self.days:
            return f"{self.days}d"
        return IMMEDIATE


def parse_term(text: str) -> Term:
    """Read a term of the export: ``immediate``, ``7d``, ``14d``, ``1m``, ``2m``, ``Nd``, ``Nm``.

    Case and spaces do not matter (``" 14 D "`` is ``14d``); a zero or unknown period
    raises ``TermError`` so that a typo is reported instead of read as some default.
    """
    cleaned = text.strip().lower()
    if cleaned == IMMEDIATE:
        return Term()
    match = _TERM.match(cleaned)
    if match is None or int(match.group(1)) == 0:
        raise TermError(text)
    length = int(match.group(1))
    return Term(months=length) if match.group(2) == "m" else Term(days=length)


def due_date(
    term: Term, started_on: date, *, suspended_days: int = 0, immediate_days: int = 0
) -> date:
    """The last day on which a case started on ``started_on`` is settled on time.

    Days not counted under art. 35 §5 (``suspended_days``) are added to the end of the
    period before art. 57 §4 moves it off a Saturday or a statutory day off.
    """
    if suspended_days < 0:
        raise ValueError("suspended days cannot be negative")
    if term.months:
        end = add_months(started_on, term.months)
    elif term.days:
        end = started_on + timedelta(days=term.days)
    else:
        end = started_on + timedelta(days=immediate_days)
    return shift_to_working_day(end + timedelta(days=suspended_days))


class Timeliness(enum.Enum):
    """Where a case stands against its due date."""

    ON_TIME = "on_time"  # settled by the due date
    LATE_NOTIFIED = "late_notified"  # settled late, with an art. 36 notice given in time
    LATE_UNNOTIFIED = "late_unnotified"  # settled late without a timely notice
    OPEN = "open"  # not settled, not yet due soon
    DUE_SOON = "due_soon"  # not settled, due within the warning period
    OVERDUE = "overdue"  # not settled after the due date

    @property
    def late(self) -> bool:
        return self in (Timeliness.LATE_NOTIFIED, Timeliness.LATE_UNNOTIFIED, Timeliness.OVERDUE)


def assess(
    *,
    due: date,
    closed_on: date | None,
    delay_notice_on: date | None = None,
    today: date | None = None,
    soon_days: int = 7,
) -> Timeliness:
    """Judge one case: settled cases against ``due``, open ones against ``today``.

    An art. 36 notice counts only when given on or before the due date: a notice sent
    after the deadline has passed does not make a late case a notified one.
    """
    if closed_on is not None:
        if closed_on <= due:
            return Timeliness.ON_TIME
        if delay_notice_on is not None and delay_notice_on <= due:
            return Timeliness.LATE_NOTIFIED
        return Timeliness.LATE_UNNOTIFIED
    if today is None:
        raise ValueError("an open case is judged against today's date")
    if today > due:
        return Timeliness.OVERDUE
    if (due - today).days <= soon_days:
        return Timeliness.DUE_SOON
    return Timeliness.OPEN


def handling_days(started_on: date, closed_on: date, suspended_days: int = 0) -> int:
    """Days the office took to settle a case, not counting the suspended days.

    A case settled on the day it started took 0 days; the result is never negative.
    """
    return max(0, (closed_on - started_on).days - suspended_days)


def percentile(counts: Mapping[int, int], fraction: float) -> int | None:
    """The nearest-rank percentile of values given as {value: how many}.

    The smallest value at or below which at least ``fraction`` of all values lie
    (``fraction`` 0.5: the median; 0.9: the 90th percentile); None for no values.

    >>> percentile({3: 5, 10: 4, 40: 1}, 0.9)
    10
    >>> percentile({3: 5, 10: 4, 40: 1}, 0.95)
    40
    """
    if not 0 < fraction <= 1:
        raise ValueError("the fraction lies in (0, 1]")
    total = sum(counts.values())
    if not total:
        return None
    rank = math.ceil(fraction * total)
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the counts sum to total")
