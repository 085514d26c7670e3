from datetime import date

import pytest

from ratusz.lib.review_periods import percent, previous_period, trend


def test_the_previous_period_has_the_same_length_and_ends_the_day_before():
    # 1 Dec 2024 – 30 Nov 2025 is 365 days; the 365 days before end on 30 Nov 2024.
    assert previous_period(date(2024, 12, 1), date(2025, 11, 30)) == (
        date(2023, 12, 2),
        date(2024, 11, 30),
    )


def test_a_one_day_period_is_compared_with_the_day_before():
    assert previous_period(date(2026, 3, 1), date(2026, 3, 1)) == (
        date(2026, 2, 28),
        date(2026, 2, 28),
    )


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        previous_period(date(2026, 3, 2), date(2026, 3, 1))


def test_percent_rounds_to_whole_numbers_and_says_nothing_of_an_empty_whole():
    assert percent(2, 3) == "67%"
    assert percent(0, 4) == "0%"
    assert percent(1, 0) == ""


def test_trend_compares_numbers_and_percentages():
    assert trend("12", "9") == "up"
    assert trend("40%", "55%") == "down"
    assert trend("3", "3") == "same"
    assert trend("3", "") == ""
