"""The clock of each kind, computed by hand against the 2026 calendar (art. 57 k.p.a.)."""

from __future__ import annotations

from datetime import date

import pytest

from ratusz.feedback import deadlines


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        # 1 month: 10 March 2026 → 10 April 2026 (Friday).
        ("complaint", date(2026, 3, 10), date(2026, 4, 10)),
        # 1 month: 6 March → 6 April is Easter Monday (holiday) → 7 April.
        ("motion", date(2026, 3, 6), date(2026, 4, 7)),
        # 3 months: 30 November 2026 → 28 February 2027 is a Sunday → 1 March 2027.
        ("petition", date(2026, 11, 30), date(2027, 3, 1)),
        # 14 days: 20 April → 4 May (Monday; 1–3 May are holiday, Saturday, Sunday).
        ("public_information", date(2026, 4, 20), date(2026, 5, 4)),
        # 14 days ending on Saturday 2 May: 18 April → 2 May → Monday 4 May.
        ("public_information", date(2026, 4, 18), date(2026, 5, 4)),
        # 7 days: 4 November → 11 November (Independence Day) → 12 November.
        ("accessibility", date(2026, 11, 4), date(2026, 11, 12)),
        # 30 days (the office's own target): 1 December → 31 December (Thursday).
        ("suggestion", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_each_kind_has_its_statutory_deadline(kind, received, due):
    assert deadlines.deadline_for(kind, received) == due


def test_a_month_from_31_january_ends_on_the_last_day_of_february():
    # 28 February 2026 is a Saturday → Monday 2 March.
    assert deadlines.deadline_for("complaint", date(2026, 1, 31)) == date(2026, 3, 2)


def test_a_notice_may_extend_a_public_information_request_to_two_months():
    assert deadlines.latest_extension("public_information", date(2026, 3, 10)) == date(2026, 5, 11)
    assert deadlines.latest_extension("complaint", date(2026, 3, 10)) is None


def test_a_petition_is_completed_within_14_days_and_forwarding_takes_7():
    assert deadlines.completion_due(date(2026, 12, 10)) == date(2026, 12, 28)  # 24–27 Dec off
    assert deadlines.forward_due(date(2026, 12, 29)) == date(2027, 1, 5)
