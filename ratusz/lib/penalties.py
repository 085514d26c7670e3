"""Contractual penalties of a public contract, computed the way the contract and the law count them.

A penalty clause (kara umowna) names a breach and how much it costs: a percentage of the
contract's net or gross value for each day of delay, a fixed amount for each day, a
one-off percentage, or a one-off amount. Art. 436 pkt 3 of the Public Procurement Law
(PZP) makes every contract state the total maximum of its penalties, either as an amount
or as a percentage of its value, and art. 433 pkt 1 allows penalties only for delay the
contractor is to blame for (zwłoka), not for every late day (opóźnienie).

All money here is in grosze (integers), so that no sum is ever off by a fraction of a
grosz; a percentage is a ``Decimal`` (``Decimal("0.2")`` is 0.2 %). An amount is rounded
half up to the grosz once, at the end of each penalty's computation.

Days of delay are counted as the Civil Code counts a term (art. 111 and art. 115 k.c.):
a term ending on a Saturday or a public holiday ends on the next working day, and the
first day of delay is the day after that; days covered by a delay period the contractor
is not to blame for (the office's fault, force majeure, weather) are not counted.

Worked examples (value net 1 000 000,00 zł = 100 000 000 gr, gross 1 230 000,00 zł):

* 0.2 % of the net value per day, 10 days of zwłoka:
  100 000 000 × 0.2 / 100 × 10 = 2 000 000 gr (20 000,00 zł).
* 500,00 zł per day, 7 days: 50 000 × 7 = 350 000 gr (3 500,00 zł).
* one-off 10 % of the gross value for withdrawal caused by the contractor:
  123 000 000 × 10 / 100 = 12 300 000 gr (123 000,00 zł).
* cap 20 % of the net value = 20 000 000 gr; events in date order due 12 000 000 and
  12 000 000 gr: the first is due whole, the second only 8 000 000 gr, and the cap is
  reached on the second event's date; any later event is due 0.
* planned completion Saturday 2 May 2026: the term ends on Monday 4 May (1 May is a
  holiday, 3 May a Sunday and a holiday), so completion on 14 May is 10 days late.

This module does not import Django, so models, reports and tests use it alike.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from ratusz.lib.deadlines import shift_to_working_day

__all__ = [
    "Base",
    "Basis",
    "Cap",
    "Clause",
    "Event",
    "Ledger",
    "PenaltyLine",
    "compute",
    "days_of_delay",
    "effective_term",
    "raw_amount",
]

_HUNDRED = Decimal(100)


class Basis(enum.StrEnum):
    """How a clause prices a breach."""

    PERCENT_PER_DAY = "percent_per_day"
    AMOUNT_PER_DAY = "amount_per_day"
    ONE_OFF_PERCENT = "one_off_percent"
    ONE_OFF_AMOUNT = "one_off_amount"

    @property
    def per_day(self) -> bool:
        return self in (Basis.PERCENT_PER_DAY, Basis.AMOUNT_PER_DAY)

    @property
    def percentage(self) -> bool:
        return self in (Basis.PERCENT_PER_DAY, Basis.ONE_OFF_PERCENT)


class Base(enum.StrEnum):
    """Which value of the contract a percentage is taken of."""

    NET = "net"
    GROSS = "gross"


@dataclass(frozen=True, kw_only=True, slots=True)
class Clause:
    """One penalty clause: a percentage (with its base) or an amount in grosze."""

    basis: Basis
    rate: Decimal
    base: Base | None = None

    def __post_init__(self) -> None:
        if self.rate <= 0:
            raise ValueError("a penalty rate must be greater than zero")
        if self.basis.percentage and self.base is None:
            raise ValueError("a percentage rate needs its base (net or gross value)")
        if not self.basis.percentage and self.rate != self.rate.to_integral_value():
            raise ValueError("an amount is given in whole grosze")


@dataclass(frozen=True, kw_only=True, slots=True)
class Cap:
    """The contract's total maximum of penalties: an amount in grosze or a percentage."""

    amount: int | None = None
    percent: Decimal | None = None
    base: Base = Base.NET

    def __post_init__(self) -> None:
        if (self.amount is None) == (self.percent is None):
            raise ValueError("a cap is either an amount or a percentage, exactly one")
        if (self.amount is not None and self.amount < 0) or (
            self.percent is not None and self.percent <= 0
        ):
            raise ValueError("a cap must be greater than zero")

    def in_grosze(self, *, net: int, gross: int) -> int:
        if self.amount is not None:
            return self.amount
        assert self.percent is not None
        value = net if self.base is Base.NET else gross
        return _round(Decimal(value) * self.percent / _HUNDRED)


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """A breach under one clause: on a date, lasting ``days`` days of zwłoka (per-day clauses)."""

    key: object
    clause: Clause
    on: date
    days: int = 0

    def __post_init__(self) -> None:
        if self.days < 0:
            raise ValueError("days of delay cannot be negative")


@dataclass(frozen=True, kw_only=True, slots=True)
class PenaltyLine:
    """One penalty: what the clause gives (``raw``) and what is due under the cap."""

    key: object
    on: date
    raw: int
    due: int
    capped: bool
    """True when the cap cut this penalty (partly or wholly)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Ledger:
    lines: tuple[PenaltyLine, ...]
    cap: int
    total_due: int
    cap_reached_on: date | None
    """The date of the event at which the total reached the cap, or None if it has not."""

    @property
    def cap_reached(self) -> bool:
        return self.cap_reached_on is not None

    @property
    def remaining(self) -> int:
        return self.cap - self.total_due


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def raw_amount(clause: Clause, *, days: int, net: int, gross: int) -> int:
    """The penalty a clause gives before the cap, in grosze."""
    if clause.basis.percentage:
        value = net if clause.base is Base.NET else gross
        amount = Decimal(value) * clause.rate / _HUNDRED
    else:
        amount = clause.rate
    if clause.basis.per_day:
        amount *= days
    return _round(amount)


def compute(events: Iterable[Event], *, cap: Cap, net: int, gross: int) -> Ledger:
    """Price every event and apply the cap cumulatively in date order.

    Events on the same date keep the order they were given in. Once the cap is reached,
    every later event is due 0 (and marked ``capped``).
    """
    if net < 0 or gross < 0:
        raise ValueError("a contract value cannot be negative")
    limit = cap.in_grosze(net=net, gross=gross)
    total = 0
    reached: date | None = None
    lines = []
    for event in sorted(events, key=lambda e: e.on):
        raw = raw_amount(event.clause, days=event.days, net=net, gross=gross)
        due = min(raw, limit - total)
        total += due
        if reached is None and total >= limit and raw > 0:
            reached = event.on
        lines.append(PenaltyLine(key=event.key, on=event.on, raw=raw, due=due, capped=due < raw))
    return Ledger(lines=tuple(lines), cap=limit, total_due=total, cap_reached_on=reached)


def effective_term(planned: date) -> date:
    """The last day of a term ending on ``planned`` (art. 115 k.c.: off a Saturday or holiday)."""
    return shift_to_working_day(planned)


def days_of_delay(
    planned: date,
    done: date,
    *,
    excused: Sequence[tuple[date, date]] = (),
) -> int:
    """Days of zwłoka between the term ``planned`` and ``done`` (the day performed, or today).

    The first late day is the day after the effective term; ``done`` itself counts.
    ``excused`` are inclusive (from, to) periods of delay the contractor is not to
    blame for: their days are not counted.
    """
    start = effective_term(planned) + timedelta(days=1)
    if done < start:
        return 0
    late = (done - start).days + 1
    covered: set[date] = set()
    for begin, end in excused:
        if end < begin:
            raise ValueError("a delay period cannot end before it starts")
        lo, hi = max(begin, start), min(end, done)
        covered.update(lo + timedelta(days=i) for i in range((hi - lo).days + 1))
    return late - len(covered)
