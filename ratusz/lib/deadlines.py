"""Statutory deadlines for a Polish city office, computed the way the law counts them.

A deadline that an office misses by one day is a breach of the law (and a complaint
about inaction), while one computed a day too early needlessly shortens a party's
rights. The counting rules are therefore encoded here once, next to the tests that
pin them to the real calendar, instead of being re-derived in every view or model.

The rules come from art. 57 of the Code of Administrative Procedure (k.p.a.):

* §1 - a period in days starts on the day after the event; the event day is not counted;
* §3 - a period in months ends on the day of the last month that corresponds to the
  start day, or on the last day of that month when it has no such day;
* §4 - a period that ends on a statutory day off or on a Saturday ends on the next day
  that is neither.

Regulation (EEC, Euratom) No 1182/71, which governs periods in the GDPR, counts days
and months the same way and does not move periods expressed in hours, which is why the
72-hour data-breach notification is the only deadline here that never shifts.

This module deliberately does not import Django: it is used by models, management
commands and reports alike, and must stay testable without settings or a database.
Human-readable names of the deadlines are translated in the Django layer; this module
knows only stable codes and legal bases.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Final

import holidays

__all__ = [
    "STATUTORY_DEADLINES",
    "StatutoryDeadline",
    "add_months",
    "deadline_in_days",
    "deadline_in_hours",
    "deadline_in_months",
    "is_working_day",
    "next_working_day",
    "polish_holidays",
    "shift_to_working_day",
    "statutory_deadline",
]

_SATURDAY: Final = 5
_SUNDAY: Final = 6


def add_months(start: date, months: int) -> date:
    """Return the same day ``months`` calendar months later (or earlier, if negative).

    When the target month is too short, the result is its last day (31 January + 1
    month = 28 or 29 February), which is the rule of art. 57 §3 k.p.a. and of
    art. 3(2)(c) of Regulation 1182/71; ``timedelta`` cannot express this at all.
    """
    month_index = start.year * 12 + (start.month - 1) + months
    year, month_zero_based = divmod(month_index, 12)
    month = month_zero_based + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


@functools.lru_cache(maxsize=64)
def polish_holidays(year: int) -> frozenset[date]:
    """Return the Polish public holidays (days free from work by statute) in ``year``.

    The list comes from the maintained ``holidays`` package rather than a hand-written
    table, because Parliament does change it: 24 December became a public holiday from
    2025 on. The result is cached per year and returned as an immutable set, so that no
    caller can alter the cached value and no lookup silently extends it to other years
    (a ``holidays.HolidayBase`` object does both).
    """
    return frozenset(holidays.country_holidays("PL", years=year).keys())


def _is_statutory_day_off(d: date) -> bool:
    """Tell whether ``d`` is a "dzień ustawowo wolny od pracy".

    Under art. 1 of the act of 18 January 1951 on days free from work, every Sunday is
    such a day, in addition to the listed public holidays.
    """
    return d.weekday() == _SUNDAY or d in polish_holidays(d.year)


def is_working_day(d: date) -> bool:
    """Tell whether the office works on ``d``: not a Saturday, Sunday or public holiday."""
    return d.weekday() != _SATURDAY and not _is_statutory_day_off(d)


def shift_to_working_day(d: date) -> date:
    """Apply art. 57 §4 k.p.a. to a deadline whose last day is ``d``.

    A deadline that ends on a statutory day off (which includes every Sunday) or on a
    Saturday ends on the next day that is neither; a deadline that ends on any other
    day is left alone. The loop matters for runs such as 1 May (holiday), 2 May
    (Saturday) and 3 May (Sunday and holiday) in 2026.
    """
    while d.weekday() == _SATURDAY or _is_statutory_day_off(d):
        d += timedelta(days=1)
    return d


def next_working_day(d: date) -> date:
    """Return ``d`` if the office works on it, otherwise the first working day after it.

    Working days are exactly the days that are neither Saturdays nor statutory days off,
    so this is the same computation as :func:`shift_to_working_day`; the separate name
    exists for callers that schedule work rather than apply the k.p.a. rule.
    """
    return shift_to_working_day(d)


def _require_non_negative(value: int, unit: str) -> None:
    """Reject negative lengths, which would silently produce a date in the past."""
    if value < 0:
        raise ValueError(f"a deadline cannot be {value} {unit} long")


def deadline_in_days(start: date, days: int) -> date:
    """Return the last day of a period of ``days`` days that starts with the event ``start``.

    Art. 57 §1 k.p.a.: the day of the event (e.g. delivery of a decision) is not counted,
    so the period ends ``days`` days after it; art. 57 §4 then moves the end off a
    Saturday or a statutory day off.
    """
    _require_non_negative(days, "days")
    return shift_to_working_day(start + timedelta(days=days))


def deadline_in_months(start: date, months: int) -> date:
    """Return the last day of a period of ``months`` months that starts on ``start``.

    Art. 57 §3 k.p.a.: the period ends on the day of the last month that corresponds to
    the start day, or on the last day of that month if it has no such day; art. 57 §4
    then moves the end off a Saturday or a statutory day off.
    """
    _require_non_negative(months, "months")
    return shift_to_working_day(add_months(start, months))


def deadline_in_hours(start: datetime, hours: int) -> datetime:
    """Return the moment ``hours`` elapsed hours after ``start``, never shifted.

    Periods in hours (the 72-hour personal-data-breach notification of art. 33 GDPR)
    run through nights, weekends and holidays. For a timezone-aware ``start`` the
    arithmetic is done in UTC, so that a period spanning a daylight-saving change is
    still 72 real hours long; the result is returned in the time zone of ``start``.
    """
    _require_non_negative(hours, "hours")
    delta = timedelta(hours=hours)
    if start.tzinfo is None or start.utcoffset() is None:
        return start + delta
    return (start.astimezone(UTC) + delta).astimezone(start.tzinfo)


@dataclass(frozen=True, kw_only=True, slots=True)
class StatutoryDeadline:
    """One named deadline imposed on the office by law.

    Exactly one of ``days``, ``months`` and ``hours`` is set. ``legal_basis`` is a
    citation in the form used in Polish law (it is quoted, not translated).
    ``extension_months`` is how many further months the law lets the office add, with a
    notice to the requester, on top of the basic period (0 when no such extension
    exists in that form). ``shifts`` tells whether the art. 57 §4 k.p.a. rule moves the
    end off Saturdays and statutory days off.
    """

    code: str
    days: int = 0
    months: int = 0
    hours: int = 0
    legal_basis: str
    shifts: bool
    extension_months: int = 0

    def __post_init__(self) -> None:
        """Refuse ambiguous or empty definitions, which would compute a wrong date."""
        lengths = (self.days, self.months, self.hours)
        if any(length < 0 for length in lengths) or sum(1 for n in lengths if n) != 1:
            raise ValueError(f"{self.code}: set exactly one of days, months or hours")
        if self.hours and self.shifts:
            raise ValueError(f"{self.code}: periods in hours do not shift to working days")

    def compute(self, start: date | datetime) -> date | datetime:
        """Return the end of this deadline for an event that happened at ``start``.

        Periods in hours need the moment of the event and return a moment; periods in
        days and months need only the date (a datetime is reduced to its own date, so
        pass it in local time) and return the last day.
        """
        if self.hours:
            if not isinstance(start, datetime):
                raise TypeError(f"{self.code} is counted in hours and needs a datetime")
            return deadline_in_hours(start, self.hours)
        start_day = start.date() if isinstance(start, datetime) else start
        if self.months:
            end = add_months(start_day, self.months)
        else:
            end = start_day + timedelta(days=self.days)
        return shift_to_working_day(end) if self.shifts else end


_KPA: Final = "ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego"
_GDPR: Final = "rozporządzenia (UE) 2016/679 (RODO)"

_DEADLINES: Final = (
    # Cases that need explanatory proceedings; a simple case is settled "without undue
    # delay" (art. 35 §2), which is not a computable date and so has no entry here.
    StatutoryDeadline(
        code="case_explanatory", months=1, legal_basis=f"art. 35 § 3 {_KPA}", shifts=True
    ),
    StatutoryDeadline(
        code="case_complicated", months=2, legal_basis=f"art. 35 § 3 {_KPA}", shifts=True
    ),
    StatutoryDeadline(code="complaint", months=1, legal_basis=f"art. 237 § 1 {_KPA}", shifts=True),
    StatutoryDeadline(
        code="motion",
        months=1,
        legal_basis=f"art. 244 § 1 w związku z art. 237 § 1 {_KPA}",
        shifts=True,
    ),
    # Art. 13 ust. 2 allows up to 2 months from the request in total, not 2 more months.
    StatutoryDeadline(
        code="public_information",
        days=14,
        legal_basis=(
            "art. 13 ust. 1 ustawy z dnia 6 września 2001 r. o dostępie do informacji publicznej"
        ),
        shifts=True,
    ),
    StatutoryDeadline(
        code="petition",
        months=3,
        legal_basis="art. 10 ust. 1 ustawy z dnia 11 lipca 2014 r. o petycjach",
        shifts=True,
    ),
    StatutoryDeadline(code="certificate", days=7, legal_basis=f"art. 217 § 3 {_KPA}", shifts=True),
    StatutoryDeadline(code="appeal", days=14, legal_basis=f"art. 129 § 2 {_KPA}", shifts=True),
    StatutoryDeadline(
        code="gdpr_request",
        months=1,
        legal_basis=f"art. 12 ust. 3 {_GDPR}",
        shifts=True,
        extension_months=2,
    ),
    StatutoryDeadline(
        code="data_breach", hours=72, legal_basis=f"art. 33 ust. 1 {_GDPR}", shifts=False
    ),
    StatutoryDeadline(
        code="accessibility_request",
        days=7,
        legal_basis=(
            "art. 18 ust. 1 ustawy z dnia 4 kwietnia 2019 r. o dostępności cyfrowej "
            "stron internetowych i aplikacji mobilnych podmiotów publicznych"
        ),
        shifts=True,
    ),
)

STATUTORY_DEADLINES: Final = MappingProxyType({d.code: d for d in _DEADLINES})
"""The named deadlines by code; read-only so no caller can redefine the law at run time."""


def statutory_deadline(code: str, start: date | datetime) -> date | datetime:
    """Return the end of the named statutory deadline for an event at ``start``.

    Raises ``KeyError`` for an unknown code, so a typo fails loudly instead of yielding
    some default period.
    """
    try:
        deadline = STATUTORY_DEADLINES[code]
    except KeyError:
        raise KeyError(f"unknown statutory deadline code: {code!r}") from None
    return deadline.compute(start)
