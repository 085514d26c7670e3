"""Tests for ratusz.lib.case_terms, with due dates worked out by hand from the calendar.

The comment beside each case gives the reasoning (weekday of the last day, the public
holiday it falls on), never the code under test.
"""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from ratusz.lib import case_terms
from ratusz.lib.case_terms import (
    Term,
    TermError,
    Timeliness,
    assess,
    due_date,
    handling_days,
    parse_term,
    percentile,
)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("immediate", Term()),
        ("IMMEDIATE ", Term()),
        ("7d", Term(days=7)),
        (" 14 D ", Term(days=14)),
        ("1m", Term(months=1)),
        ("2m", Term(months=2)),
        ("30d", Term(days=30)),  # a special statute's period
        ("3M", Term(months=3)),
    ],
)
def test_terms_of_the_export_are_read(text, term):
    assert parse_term(text) == term


@pytest.mark.parametrize("text", ["", "0d", "0m", "2w", "d", "14", "1000d", "-7d", "1,5m"])
def test_an_unknown_term_is_refused_not_guessed(text):
    with pytest.raises(TermError):
        parse_term(text)


@pytest.mark.parametrize("code", ["immediate", "7d", "14d", "1m", "2m", "45d", "6m"])
def test_a_term_is_written_back_as_the_export_writes_it(code):
    assert parse_term(code).code == code


@pytest.mark.parametrize(
    ("term", "started", "suspended", "due"),
    [
        # 7 days from Wed 4 Nov 2026 end on Wed 11 Nov, Independence Day: Thu 12 Nov.
        ("7d", date(2026, 11, 4), 0, date(2026, 11, 12)),
        # 14 days from Thu 10 Dec 2026 end on Thu 24 Dec (a holiday since 2025), then
        # 25 and 26 Dec (holidays, the 26th a Saturday), Sun 27: Mon 28 Dec.
        ("14d", date(2026, 12, 10), 0, date(2026, 12, 28)),
        # 1 month from Tue 10 Mar 2026 ends on Fri 10 Apr, a working day.
        ("1m", date(2026, 3, 10), 0, date(2026, 4, 10)),
        # 2 months from Mon 15 Jun 2026 end on Sat 15 Aug (Assumption), Sun 16: Mon 17.
        ("2m", date(2026, 6, 15), 0, date(2026, 8, 17)),
        # A special statute's 30 days from Fri 2 Jan 2026 end on Sun 1 Feb: Mon 2 Feb.
        ("30d", date(2026, 1, 2), 0, date(2026, 2, 2)),
        # 3 months from Mon 30 Nov 2026: no 30 Feb 2027, so Sun 28 Feb: Mon 1 Mar 2027.
        ("3m", date(2026, 11, 30), 0, date(2027, 3, 1)),
        # 5 suspended days lengthen 1 month from 10 Mar: 10 Apr + 5 = Wed 15 Apr.
        ("1m", date(2026, 3, 10), 5, date(2026, 4, 15)),
        # 14 days from Tue 20 Oct end on Tue 3 Nov; 8 suspended days reach Wed 11 Nov,
        # a holiday: Thu 12 Nov (the shift comes after the suspended days).
        ("14d", date(2026, 10, 20), 8, date(2026, 11, 12)),
        # Immediate, started on Sat 5 Dec 2026: the next working day, Mon 7 Dec.
        ("immediate", date(2026, 12, 5), 0, date(2026, 12, 7)),
        # Immediate on a working day: that same day.
        ("immediate", date(2026, 12, 2), 0, date(2026, 12, 2)),
    ],
)
def test_due_date_counts_as_the_code_of_administrative_procedure(term, started, suspended, due):
    assert due_date(parse_term(term), started, suspended_days=suspended) == due


def test_immediate_cases_use_the_office_allowance():
    # 3 days from Wed 2 Dec 2026 end on Sat 5 Dec: Mon 7 Dec.
    assert due_date(Term(), date(2026, 12, 2), immediate_days=3) == date(2026, 12, 7)


def test_negative_suspended_days_are_refused():
    with pytest.raises(ValueError, match="suspended"):
        due_date(Term(days=14), date(2026, 3, 2), suspended_days=-1)


DUE = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("closed", "notice", "verdict"),
    [
        (date(2026, 3, 16), None, Timeliness.ON_TIME),  # settled on the last day
        (date(2026, 3, 2), None, Timeliness.ON_TIME),
        (date(2026, 3, 17), None, Timeliness.LATE_UNNOTIFIED),
        (date(2026, 3, 20), date(2026, 3, 16), Timeliness.LATE_NOTIFIED),  # notice on the day
        (date(2026, 3, 20), date(2026, 3, 10), Timeliness.LATE_NOTIFIED),
        # A notice given after the deadline passed is not the notice art. 36 asks for.
        (date(2026, 3, 20), date(2026, 3, 17), Timeliness.LATE_UNNOTIFIED),
    ],
)
def test_settled_cases_are_judged_against_their_due_date(closed, notice, verdict):
    assert assess(due=DUE, closed_on=closed, delay_notice_on=notice) is verdict


@pytest.mark.parametrize(
    ("today", "verdict"),
    [
        (date(2026, 3, 8), Timeliness.OPEN),  # 8 days left
        (date(2026, 3, 9), Timeliness.DUE_SOON),  # 7 days left
        (date(2026, 3, 16), Timeliness.DUE_SOON),  # the last day
        (date(2026, 3, 17), Timeliness.OVERDUE),
    ],
)
def test_open_cases_are_judged_against_today(today, verdict):
    assert assess(due=DUE, closed_on=None, today=today) is verdict


def test_an_open_case_needs_today():
    with pytest.raises(ValueError, match="today"):
        assess(due=DUE, closed_on=None)


def test_which_verdicts_are_late():
    late = {t for t in Timeliness if t.late}
    assert late == {Timeliness.LATE_NOTIFIED, Timeliness.LATE_UNNOTIFIED, Timeliness.OVERDUE}


def test_handling_days_leave_out_the_suspended_days():
    assert handling_days(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert handling_days(date(2026, 3, 2), date(2026, 4, 1)) == 30
    assert handling_days(date(2026, 3, 2), date(2026, 4, 1), suspended_days=12) == 18
    assert handling_days(date(2026, 3, 2), date(2026, 3, 5), suspended_days=10) == 0


def test_the_worked_examples_in_the_module_hold():
    result = doctest.testmod(case_terms)
    assert result.attempted >= 4
    assert result.failed == 0


@pytest.mark.parametrize(
    ("counts", "fraction", "expected"),
    [
        ({}, 0.9, None),
        ({7: 1}, 0.9, 7),
        # Ten values 1..10: the 90th percentile by nearest rank is the 9th, the median the 5th.
        (dict.fromkeys(range(1, 11), 1), 0.9, 9),
        (dict.fromkeys(range(1, 11), 1), 0.5, 5),
        # 99 cases settled in 3 days and one in 60: the 90th percentile is 3, the 100th 60.
        ({3: 99, 60: 1}, 0.9, 3),
        ({3: 99, 60: 1}, 1.0, 60),
    ],
)
def test_percentiles_from_counted_values(counts, fraction, expected):
    assert percentile(counts, fraction) == expected


@pytest.mark.parametrize("fraction", [0, -0.1, 1.5])
def test_a_percentile_outside_zero_to_one_is_refused(fraction):
    with pytest.raises(ValueError):
        percentile({1: 1}, fraction)
