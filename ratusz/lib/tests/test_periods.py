"""Measurement periods of a KPI, computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ratusz.lib import periods
from ratusz.lib.periods import MET, MISSED, MONTHLY, QUARTERLY, WARNING, YEARLY


@pytest.mark.parametrize(
    ("frequency", "day", "start", "end"),
    [
        (MONTHLY, date(2026, 2, 17), date(2026, 2, 1), date(2026, 2, 28)),
        (MONTHLY, date(2024, 2, 29), date(2024, 2, 1), date(2024, 2, 29)),
        (MONTHLY, date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 31)),
        (QUARTERLY, date(2026, 5, 2), date(2026, 4, 1), date(2026, 6, 30)),
        (QUARTERLY, date(2026, 12, 1), date(2026, 10, 1), date(2026, 12, 31)),
        (YEARLY, date(2026, 7, 4), date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_a_day_falls_in_the_period_that_starts_and_ends_as_counted(frequency, day, start, end):
    assert periods.period_start(frequency, day) == start
    assert periods.period_end(frequency, start) == end


def test_the_next_and_previous_period_cross_the_year():
    assert periods.next_period(MONTHLY, date(2026, 12, 1)) == date(2027, 1, 1)
    assert periods.previous_period(MONTHLY, date(2026, 1, 1)) == date(2025, 12, 1)
    assert periods.next_period(QUARTERLY, date(2026, 10, 1)) == date(2027, 1, 1)
    assert periods.previous_period(QUARTERLY, date(2026, 1, 1)) == date(2025, 10, 1)
    assert periods.next_period(YEARLY, date(2026, 1, 1)) == date(2027, 1, 1)


def test_only_the_first_day_of_a_period_starts_it():
    assert periods.is_period_start(MONTHLY, date(2026, 3, 1))
    assert not periods.is_period_start(MONTHLY, date(2026, 3, 2))
    assert periods.is_period_start(QUARTERLY, date(2026, 4, 1))
    assert not periods.is_period_start(QUARTERLY, date(2026, 3, 1))
    assert not periods.is_period_start(YEARLY, date(2026, 2, 1))


def test_a_period_is_complete_only_after_its_last_day():
    assert not periods.is_complete(MONTHLY, date(2026, 3, 1), date(2026, 3, 31))
    assert periods.is_complete(MONTHLY, date(2026, 3, 1), date(2026, 4, 1))
    assert periods.last_complete(MONTHLY, date(2026, 4, 15)) == date(2026, 3, 1)
    assert periods.last_complete(QUARTERLY, date(2026, 4, 1)) == date(2026, 1, 1)
    assert periods.last_complete(YEARLY, date(2026, 6, 1)) == date(2025, 1, 1)


def test_due_periods_are_the_complete_unmeasured_ones_since_the_start():
    measured = {date(2026, 2, 1)}
    due = periods.due_periods(MONTHLY, date(2026, 1, 1), date(2026, 5, 10), measured)
    # January to April have ended; February is measured; May is still running.
    assert due == [date(2026, 1, 1), date(2026, 3, 1), date(2026, 4, 1)]
    assert periods.due_periods(QUARTERLY, date(2026, 1, 1), date(2026, 3, 31), set()) == []
    assert periods.due_periods(MONTHLY, date(2027, 1, 1), date(2026, 5, 10), set()) == []


def test_a_period_is_overdue_once_the_next_one_has_also_ended():
    # March is due from 1 April; it is overdue once April is over too.
    assert not periods.is_overdue(MONTHLY, date(2026, 3, 1), date(2026, 4, 30))
    assert periods.is_overdue(MONTHLY, date(2026, 3, 1), date(2026, 5, 1))
    assert not periods.is_overdue(QUARTERLY, date(2026, 1, 1), date(2026, 6, 30))
    assert periods.is_overdue(QUARTERLY, date(2026, 1, 1), date(2026, 7, 1))


def test_periods_are_named_as_people_write_them():
    assert periods.label(MONTHLY, date(2026, 3, 1)) == "2026-03"
    assert periods.label(QUARTERLY, date(2026, 10, 1)) == "2026 Q4"
    assert periods.label(YEARLY, date(2026, 1, 1)) == "2026"
    with pytest.raises(ValueError):
        periods.label("weekly", date(2026, 1, 1))


def test_periods_between_two_days_include_both_ends():
    assert periods.periods(QUARTERLY, date(2025, 11, 5), date(2026, 4, 1)) == [
        date(2025, 10, 1),
        date(2026, 1, 1),
        date(2026, 4, 1),
    ]


@pytest.mark.parametrize(
    ("value", "higher", "expected"),
    [
        ("95", True, MET),
        ("96.5", True, MET),
        ("92", True, WARNING),
        ("90", True, WARNING),
        ("89.9", True, MISSED),
    ],
)
def test_higher_is_better_stands_against_target_95_and_warning_90(value, higher, expected):
    assert periods.standing(Decimal(value), Decimal(95), Decimal(90), higher_is_better=higher) == (
        expected
    )


def test_lower_is_better_and_a_kpi_without_a_warning_threshold():
    # Days to answer: target 14, warning 21.
    assert periods.standing(Decimal(14), Decimal(14), Decimal(21), higher_is_better=False) == MET
    assert periods.standing(Decimal(20), Decimal(14), Decimal(21), higher_is_better=False) == (
        WARNING
    )
    assert periods.standing(Decimal(22), Decimal(14), Decimal(21), higher_is_better=False) == (
        MISSED
    )
    assert periods.standing(Decimal(94), Decimal(95), None, higher_is_better=True) == MISSED


def test_a_share_is_in_per_cent_to_one_decimal_place():
    assert periods.share(2, 3) == Decimal("66.7")
    assert periods.share(3, 3) == Decimal("100.0")
    assert periods.share(0, 4) == Decimal("0.0")
    assert periods.share(0, 0) is None
