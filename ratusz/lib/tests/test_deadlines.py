"""Tests for ratusz.lib.deadlines, pinned to the real Polish calendar.

Every expected date below was worked out by hand from the calendar (weekday of the
start, length of the months, the list of public holidays), never by calling the code
under test, so that a wrong rule cannot confirm itself. The comment next to each case
shows the reasoning.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ratusz.lib.deadlines import (
    STATUTORY_DEADLINES,
    StatutoryDeadline,
    add_months,
    deadline_in_days,
    deadline_in_hours,
    deadline_in_months,
    is_working_day,
    next_working_day,
    polish_holidays,
    shift_to_working_day,
    statutory_deadline,
)

WARSAW = ZoneInfo("Europe/Warsaw")


# --- add_months: calendar month arithmetic -------------------------------------------


def test_a_month_from_31_january_ends_on_the_last_day_of_february() -> None:
    # 2025 is not a leap year: February has 28 days.
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_a_month_from_31_january_of_a_leap_year_ends_on_29_february() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_twelve_months_from_29_february_end_on_28_february_of_a_common_year() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_four_years_from_29_february_end_on_29_february_of_the_next_leap_year() -> None:
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)


def test_a_month_from_31_march_ends_on_30_april() -> None:
    assert add_months(date(2025, 3, 31), 1) == date(2025, 4, 30)


def test_adding_months_carries_over_into_the_next_year() -> None:
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)


def test_subtracting_a_month_from_31_march_gives_the_last_day_of_february() -> None:
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)


def test_adding_zero_months_returns_the_same_day() -> None:
    assert add_months(date(2025, 7, 31), 0) == date(2025, 7, 31)


# --- holidays and working days -------------------------------------------------------


def test_24_december_is_a_public_holiday_from_2025_on() -> None:
    assert date(2025, 12, 24) in polish_holidays(2025)
    assert date(2026, 12, 24) in polish_holidays(2026)


def test_24_december_2024_was_not_a_public_holiday() -> None:
    assert date(2024, 12, 24) not in polish_holidays(2024)


def test_24_december_2024_was_a_working_day() -> None:
    # Tuesday 24 December 2024, before the new holiday took effect.
    assert is_working_day(date(2024, 12, 24))


def test_24_december_2025_is_not_a_working_day() -> None:
    assert not is_working_day(date(2025, 12, 24))


def test_saturday_and_sunday_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 3, 15))  # Sunday


def test_an_ordinary_tuesday_is_a_working_day() -> None:
    assert is_working_day(date(2026, 3, 17))


def test_easter_monday_is_not_a_working_day() -> None:
    # Easter Sunday 2026 falls on 5 April.
    assert not is_working_day(date(2026, 4, 6))


def test_independence_day_on_a_wednesday_is_not_a_working_day() -> None:
    assert not is_working_day(date(2026, 11, 11))


def test_next_working_day_of_a_working_day_is_that_day() -> None:
    assert next_working_day(date(2026, 3, 17)) == date(2026, 3, 17)


def test_next_working_day_after_the_may_holidays_of_2026_is_4_may() -> None:
    # Fri 1 May (holiday), Sat 2 May, Sun 3 May (holiday) -> Mon 4 May.
    assert next_working_day(date(2026, 5, 1)) == date(2026, 5, 4)


def test_a_deadline_ending_on_epiphany_that_falls_on_a_saturday_moves_to_monday() -> None:
    # Sat 6 January 2024 (holiday), Sun 7 January -> Mon 8 January.
    assert shift_to_working_day(date(2024, 1, 6)) == date(2024, 1, 8)


def test_a_deadline_ending_on_a_working_day_is_not_shifted() -> None:
    assert shift_to_working_day(date(2026, 4, 7)) == date(2026, 4, 7)


# --- deadlines in days (k.p.a. art. 57 §1 and §4) ------------------------------------


def test_the_day_of_the_event_is_not_counted() -> None:
    # One day from Monday 2 March 2026 ends on Tuesday 3 March.
    assert deadline_in_days(date(2026, 3, 2), 1) == date(2026, 3, 3)


def test_fourteen_days_ending_on_a_tuesday_are_not_shifted() -> None:
    # Tue 3 March 2026 + 14 days = Tue 17 March.
    assert deadline_in_days(date(2026, 3, 3), 14) == date(2026, 3, 17)


def test_a_deadline_ending_on_a_saturday_moves_to_monday() -> None:
    # Sat 7 March 2026 + 7 days = Sat 14 March -> Mon 16 March.
    assert deadline_in_days(date(2026, 3, 7), 7) == date(2026, 3, 16)


def test_a_deadline_ending_on_a_sunday_moves_to_monday() -> None:
    # Sun 1 March 2026 + 14 days = Sun 15 March -> Mon 16 March.
    assert deadline_in_days(date(2026, 3, 1), 14) == date(2026, 3, 16)


def test_a_deadline_ending_on_1_may_2026_moves_past_the_weekend_and_3_may() -> None:
    # Fri 17 April 2026 + 14 days = Fri 1 May (holiday); Sat 2 May; Sun 3 May (holiday)
    # -> Mon 4 May.
    assert deadline_in_days(date(2026, 4, 17), 14) == date(2026, 5, 4)


def test_a_deadline_ending_on_1_may_2025_a_thursday_moves_to_friday_2_may() -> None:
    # 2 May is not a public holiday, so the office works on it.
    assert deadline_in_days(date(2025, 4, 17), 14) == date(2025, 5, 2)


def test_a_deadline_ending_on_3_may_2027_a_monday_moves_to_tuesday() -> None:
    # Mon 26 April 2027 + 7 days = Mon 3 May (holiday) -> Tue 4 May.
    assert deadline_in_days(date(2027, 4, 26), 7) == date(2027, 5, 4)


def test_a_deadline_ending_on_11_november_moves_to_the_next_day() -> None:
    # Wed 28 October 2026 + 14 days = Wed 11 November (holiday) -> Thu 12 November.
    assert deadline_in_days(date(2026, 10, 28), 14) == date(2026, 11, 12)


def test_a_deadline_ending_on_24_december_2025_moves_past_christmas_and_the_weekend() -> None:
    # Wed 17 December 2025 + 7 days = Wed 24 December (holiday from 2025); Thu 25 and
    # Fri 26 December (holidays); Sat 27; Sun 28 -> Mon 29 December.
    assert deadline_in_days(date(2025, 12, 17), 7) == date(2025, 12, 29)


def test_a_deadline_ending_on_24_december_2024_is_not_shifted() -> None:
    # Tue 17 December 2024 + 7 days = Tue 24 December, then a working day.
    assert deadline_in_days(date(2024, 12, 17), 7) == date(2024, 12, 24)


def test_a_deadline_ending_on_easter_monday_moves_to_tuesday() -> None:
    # Mon 23 March 2026 + 14 days = Mon 6 April (Easter Monday) -> Tue 7 April.
    assert deadline_in_days(date(2026, 3, 23), 14) == date(2026, 4, 7)


def test_a_negative_number_of_days_is_refused() -> None:
    with pytest.raises(ValueError):
        deadline_in_days(date(2026, 3, 3), -1)


# --- deadlines in months (k.p.a. art. 57 §3 and §4) ----------------------------------


def test_a_month_from_31_january_2025_ends_on_friday_28_february() -> None:
    assert deadline_in_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_a_month_from_31_january_2026_ends_on_saturday_28_february_and_moves_to_monday() -> None:
    # 28 February 2026 is a Saturday -> Mon 2 March.
    assert deadline_in_months(date(2026, 1, 31), 1) == date(2026, 3, 2)


def test_a_month_from_29_january_2024_ends_on_29_february() -> None:
    # Thursday 29 February 2024, a working day.
    assert deadline_in_months(date(2024, 1, 29), 1) == date(2024, 2, 29)


def test_twelve_months_from_29_february_2024_end_on_28_february_2025() -> None:
    # Friday 28 February 2025, a working day.
    assert deadline_in_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_a_negative_number_of_months_is_refused() -> None:
    with pytest.raises(ValueError):
        deadline_in_months(date(2026, 3, 3), -1)


# --- deadlines in hours --------------------------------------------------------------


def test_seventy_two_hours_ending_on_a_saturday_are_not_shifted() -> None:
    # Wed 29 April 2026 14:00 + 72 h = Sat 2 May 14:00, left where it is.
    start = datetime(2026, 4, 29, 14, 0, tzinfo=WARSAW)
    assert deadline_in_hours(start, 72) == datetime(2026, 5, 2, 14, 0, tzinfo=WARSAW)


def test_seventy_two_hours_across_the_change_to_summer_time_are_real_hours() -> None:
    # Sat 28 March 2026 10:00 CET (09:00 UTC); clocks go forward on Sun 29 March;
    # 72 h later is Tue 31 March 09:00 UTC = 11:00 CEST.
    start = datetime(2026, 3, 28, 10, 0, tzinfo=WARSAW)
    end = deadline_in_hours(start, 72)
    assert end == datetime(2026, 3, 31, 9, 0, tzinfo=UTC)
    assert (end.hour, end.tzinfo) == (11, WARSAW)


def test_seventy_two_hours_from_a_naive_datetime_are_plain_arithmetic() -> None:
    assert deadline_in_hours(datetime(2026, 5, 1, 8, 0), 72) == datetime(2026, 5, 4, 8, 0)


# --- named statutory deadlines -------------------------------------------------------

# (code, start, expected end); the comment above each case shows how the end was worked out.
NAMED_CASES: list[tuple[str, date | datetime, date | datetime]] = [
    # Mon 2 March 2026 + 1 month = Thu 2 April, a working day.
    ("case_explanatory", date(2026, 3, 2), date(2026, 4, 2)),
    # Fri 6 February 2026 + 2 months = Mon 6 April (Easter Monday) -> Tue 7 April.
    ("case_complicated", date(2026, 2, 6), date(2026, 4, 7)),
    # Fri 3 April 2026 + 1 month = Sun 3 May (holiday) -> Mon 4 May.
    ("complaint", date(2026, 4, 3), date(2026, 5, 4)),
    # Sun 11 October 2026 + 1 month = Wed 11 November (holiday) -> Thu 12 November.
    ("motion", date(2026, 10, 11), date(2026, 11, 12)),
    # Wed 10 December 2025 + 14 days = Wed 24 December (holiday); 25-26 holidays;
    # Sat 27; Sun 28 -> Mon 29 December.
    ("public_information", date(2025, 12, 10), date(2025, 12, 29)),
    # Tue 24 September 2024 + 3 months = Tue 24 December 2024, still a working day.
    ("petition", date(2024, 9, 24), date(2024, 12, 24)),
    # Sun 25 October 2026 + 7 days = Sun 1 November (holiday) -> Mon 2 November.
    ("certificate", date(2026, 10, 25), date(2026, 11, 2)),
    # Fri 16 January 2026 + 14 days = Fri 30 January, a working day.
    ("appeal", date(2026, 1, 16), date(2026, 1, 30)),
    # Mon 31 March 2025 + 1 month = Wed 30 April (April has no 31st), a working day.
    ("gdpr_request", date(2025, 3, 31), date(2025, 4, 30)),
    # Thu 30 April 2026 09:30 + 72 h = Sun 3 May 09:30 (a holiday), not shifted.
    (
        "data_breach",
        datetime(2026, 4, 30, 9, 30, tzinfo=WARSAW),
        datetime(2026, 5, 3, 9, 30, tzinfo=WARSAW),
    ),
    # Fri 18 December 2026 + 7 days = Fri 25 December (holiday); Sat 26 (holiday);
    # Sun 27 -> Mon 28 December.
    ("accessibility_request", date(2026, 12, 18), date(2026, 12, 28)),
]


@pytest.mark.parametrize(
    ("code", "start", "expected"), NAMED_CASES, ids=[c[0] for c in NAMED_CASES]
)
def test_each_named_statutory_deadline_ends_on_the_day_worked_out_by_hand(
    code: str, start: date | datetime, expected: date | datetime
) -> None:
    assert statutory_deadline(code, start) == expected


def test_every_named_statutory_deadline_is_checked_against_the_calendar() -> None:
    assert {case[0] for case in NAMED_CASES} == set(STATUTORY_DEADLINES)


def test_the_required_statutory_deadlines_are_all_defined() -> None:
    required = {
        "case_explanatory",
        "case_complicated",
        "complaint",
        "motion",
        "public_information",
        "petition",
        "certificate",
        "appeal",
        "gdpr_request",
        "data_breach",
        "accessibility_request",
    }
    assert required <= set(STATUTORY_DEADLINES)


def test_every_named_statutory_deadline_cites_its_legal_basis() -> None:
    assert all(d.legal_basis.strip() for d in STATUTORY_DEADLINES.values())


def test_only_the_data_breach_deadline_does_not_shift() -> None:
    assert {code for code, d in STATUTORY_DEADLINES.items() if not d.shifts} == {"data_breach"}


def test_the_data_breach_deadline_is_seventy_two_hours() -> None:
    assert STATUTORY_DEADLINES["data_breach"].hours == 72


def test_the_gdpr_request_deadline_can_be_extended_by_two_months() -> None:
    assert STATUTORY_DEADLINES["gdpr_request"].extension_months == 2


def test_a_day_based_deadline_accepts_a_datetime_and_counts_from_its_date() -> None:
    # Fri 16 January 2026 at 15:45 + 14 days = Fri 30 January.
    start = datetime(2026, 1, 16, 15, 45, tzinfo=WARSAW)
    assert statutory_deadline("appeal", start) == date(2026, 1, 30)


def test_the_data_breach_deadline_needs_the_moment_of_discovery() -> None:
    with pytest.raises(TypeError):
        statutory_deadline("data_breach", date(2026, 4, 30))


def test_an_unknown_deadline_code_is_refused() -> None:
    with pytest.raises(KeyError):
        statutory_deadline("no_such_deadline", date(2026, 1, 1))


def test_a_deadline_with_two_lengths_cannot_be_defined() -> None:
    with pytest.raises(ValueError):
        StatutoryDeadline(code="x", days=7, months=1, legal_basis="art. 1", shifts=True)


def test_a_deadline_in_hours_cannot_be_declared_to_shift() -> None:
    with pytest.raises(ValueError):
        StatutoryDeadline(code="x", hours=24, legal_basis="art. 1", shifts=True)


def test_statutory_deadlines_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        STATUTORY_DEADLINES["appeal"] = STATUTORY_DEADLINES["complaint"]  # type: ignore[index]


def test_the_data_breach_deadline_is_exactly_three_days_of_elapsed_time() -> None:
    start = datetime(2026, 12, 24, 0, 0, tzinfo=UTC)
    assert statutory_deadline("data_breach", start) - start == timedelta(hours=72)
