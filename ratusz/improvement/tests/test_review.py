"""Nonconformities and ideas as management review inputs (9.3.2 c4, f)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ratusz.core.models import Effectiveness
from ratusz.improvement import review
from ratusz.improvement.models import Nonconformity
from ratusz.processes.tests.test_pages import make_nc

CLOSED = Nonconformity.Status.CLOSED


def _closed_on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def test_nonconformities_are_counted_for_the_period_and_the_one_before(office):
    # The period: the first half of 2026; the one before: 4 July – 31 December 2025.
    on_time = {"status": CLOSED, "verification_result": Effectiveness.EFFECTIVE}
    make_nc(office, None, 1, detected_on=date(2026, 2, 1), target_date=date(2026, 3, 1),
            closed_at=_closed_on(date(2026, 2, 20)), **on_time)  # fmt: skip
    make_nc(office, None, 2, detected_on=date(2026, 3, 1), target_date=date(2026, 4, 1),
            closed_at=_closed_on(date(2026, 5, 1)), **on_time)  # fmt: skip
    make_nc(office, None, 3, detected_on=date(2026, 4, 1), target_date=date(2026, 5, 1))
    make_nc(office, None, 4, detected_on=date(2025, 9, 1), target_date=date(2025, 10, 1),
            closed_at=_closed_on(date(2025, 9, 15)), **on_time)  # fmt: skip
    make_nc(office, None, 5, detected_on=date(2026, 4, 2), status=Nonconformity.Status.REJECTED)

    nc_input, ideas = review.inputs(date(2026, 1, 1), date(2026, 6, 30))
    figures = {f.label: (f.value, f.previous) for f in nc_input.figures}
    assert figures["Nonconformities opened"] == ("3", "1")
    assert figures["Nonconformities closed"] == ("2", "1")
    assert figures["Closed by their target date"] == ("50%", "100%")
    # Only NC 3 is open past its target at 30 June; nothing was at 31 December.
    assert figures["Open past their target date at the end of the period"] == ("1", "0")
    assert nc_input.topic == "c4" and ideas.topic == "f"


def test_ideas_submitted_in_the_period_are_counted(office):
    from django.utils import timezone

    from ratusz.improvement import services

    services.submit_idea(
        actor=office.employee, title="SMS", description="Powiadomienia", org_unit=office.civil
    )
    today = timezone.localdate()
    _nc, ideas = review.inputs(today.replace(day=1), today)
    figures = {f.label: (f.value, f.previous) for f in ideas.figures}
    assert figures["Ideas submitted"] == ("1", "0")
    assert figures["Ideas still under consideration"] == ("1", "0")
