"""Tests for ratusz.lib.penalties; every expected figure was worked out by hand (see comments)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ratusz.lib.penalties import (
    Base,
    Basis,
    Cap,
    Clause,
    Event,
    compute,
    days_of_delay,
    effective_term,
    raw_amount,
)

NET = 100_000_000  # 1 000 000,00 zł
GROSS = 123_000_000  # 1 230 000,00 zł


def test_a_percentage_of_the_net_value_per_day_multiplies_by_the_days() -> None:
    clause = Clause(basis=Basis.PERCENT_PER_DAY, rate=Decimal("0.2"), base=Base.NET)
    # 100 000 000 × 0.2 % = 200 000 gr a day; × 10 days = 2 000 000 gr.
    assert raw_amount(clause, days=10, net=NET, gross=GROSS) == 2_000_000


def test_a_percentage_of_the_gross_value_uses_the_gross_value() -> None:
    clause = Clause(basis=Basis.PERCENT_PER_DAY, rate=Decimal("0.1"), base=Base.GROSS)
    # 123 000 000 × 0.1 % = 123 000 gr a day; × 3 days = 369 000 gr.
    assert raw_amount(clause, days=3, net=NET, gross=GROSS) == 369_000


def test_a_fixed_amount_per_day_ignores_the_value() -> None:
    clause = Clause(basis=Basis.AMOUNT_PER_DAY, rate=Decimal(50_000))
    # 500,00 zł × 7 days = 3 500,00 zł.
    assert raw_amount(clause, days=7, net=NET, gross=GROSS) == 350_000


def test_a_one_off_percentage_ignores_the_days() -> None:
    clause = Clause(basis=Basis.ONE_OFF_PERCENT, rate=Decimal(10), base=Base.GROSS)
    # 10 % of 1 230 000,00 zł = 123 000,00 zł, however many days.
    assert raw_amount(clause, days=40, net=NET, gross=GROSS) == 12_300_000


def test_a_one_off_amount_is_the_amount() -> None:
    clause = Clause(basis=Basis.ONE_OFF_AMOUNT, rate=Decimal(1_000_000))
    assert raw_amount(clause, days=0, net=NET, gross=GROSS) == 1_000_000


def test_a_fraction_of_a_grosz_is_rounded_half_up() -> None:
    clause = Clause(basis=Basis.PERCENT_PER_DAY, rate=Decimal("0.05"), base=Base.NET)
    # 12 345 gr × 0.05 % = 6.1725 gr a day; × 2 days = 12.345 gr → 12 gr.
    assert raw_amount(clause, days=2, net=12_345, gross=12_345) == 12
    # × 3 days = 18.5175 gr → 19 gr.
    assert raw_amount(clause, days=3, net=12_345, gross=12_345) == 19


def test_a_percentage_without_its_base_is_refused() -> None:
    with pytest.raises(ValueError, match="base"):
        Clause(basis=Basis.PERCENT_PER_DAY, rate=Decimal("0.2"))


def test_a_rate_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="greater than zero"):
        Clause(basis=Basis.ONE_OFF_AMOUNT, rate=Decimal(0))


def test_a_cap_must_be_an_amount_or_a_percentage() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Cap()
    with pytest.raises(ValueError, match="exactly one"):
        Cap(amount=10, percent=Decimal(1))


def test_the_cap_cuts_the_penalty_that_crosses_it_and_every_later_one() -> None:
    daily = Clause(basis=Basis.PERCENT_PER_DAY, rate=Decimal("0.2"), base=Base.NET)
    events = [
        # Given out of order: the ledger sorts by date.
        Event(key="c", clause=daily, on=date(2026, 9, 1), days=5),
        Event(key="a", clause=daily, on=date(2026, 6, 1), days=60),
        Event(key="b", clause=daily, on=date(2026, 7, 1), days=60),
    ]
    ledger = compute(events, cap=Cap(percent=Decimal(20)), net=NET, gross=GROSS)
    # Cap: 20 % of 100 000 000 = 20 000 000 gr. a: 200 000 × 60 = 12 000 000 due whole;
    # b: 12 000 000 but only 8 000 000 left; c: 1 000 000 but nothing left.
    assert [(line.key, line.raw, line.due, line.capped) for line in ledger.lines] == [
        ("a", 12_000_000, 12_000_000, False),
        ("b", 12_000_000, 8_000_000, True),
        ("c", 1_000_000, 0, True),
    ]
    assert ledger.cap == 20_000_000
    assert ledger.total_due == 20_000_000
    assert ledger.cap_reached_on == date(2026, 7, 1)
    assert ledger.remaining == 0


def test_below_the_cap_everything_is_due_and_the_cap_is_not_reached() -> None:
    fixed = Clause(basis=Basis.AMOUNT_PER_DAY, rate=Decimal(50_000))
    ledger = compute(
        [Event(key=1, clause=fixed, on=date(2026, 3, 1), days=7)],
        cap=Cap(amount=5_000_000),
        net=NET,
        gross=GROSS,
    )
    assert ledger.total_due == 350_000
    assert not ledger.cap_reached
    assert ledger.remaining == 4_650_000


def test_a_cap_as_a_percentage_of_the_gross_value() -> None:
    # 10 % of 123 000 000 = 12 300 000 gr.
    assert Cap(percent=Decimal(10), base=Base.GROSS).in_grosze(net=NET, gross=GROSS) == 12_300_000


def test_a_term_ending_on_a_saturday_ends_on_the_next_working_day() -> None:
    # 2 May 2026 is a Saturday, 3 May a Sunday and a holiday: the term ends on Monday 4 May.
    assert effective_term(date(2026, 5, 2)) == date(2026, 5, 4)
    # So completion on 14 May is late by 5..14 May = 10 days, not 12.
    assert days_of_delay(date(2026, 5, 2), date(2026, 5, 14)) == 10


def test_completion_on_the_term_is_not_late() -> None:
    # Tuesday 10 March 2026 is a working day.
    assert days_of_delay(date(2026, 3, 10), date(2026, 3, 10)) == 0
    assert days_of_delay(date(2026, 3, 10), date(2026, 3, 11)) == 1


def test_days_the_contractor_is_not_to_blame_for_are_not_counted() -> None:
    # Late 11..30 March = 20 days; 15..19 March excused (5 days) → 15 days of zwłoka.
    excused = [(date(2026, 3, 15), date(2026, 3, 19))]
    assert days_of_delay(date(2026, 3, 10), date(2026, 3, 30), excused=excused) == 15


def test_an_excused_period_counts_only_its_days_inside_the_delay() -> None:
    # 5..12 March excused, but only 11 and 12 March were late days → 20 − 2 = 18;
    # a period overlapping another is not subtracted twice.
    excused = [(date(2026, 3, 5), date(2026, 3, 12)), (date(2026, 3, 12), date(2026, 3, 12))]
    assert days_of_delay(date(2026, 3, 10), date(2026, 3, 30), excused=excused) == 18
