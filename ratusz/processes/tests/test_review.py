"""Process performance as a management review input (9.3.2 c3)."""

from __future__ import annotations

from datetime import date

from ratusz.improvement.models import Nonconformity
from ratusz.processes import review
from ratusz.processes.tests.factories import make_process
from ratusz.processes.tests.test_pages import make_audit, make_nc


def test_processes_with_nonconformities_and_audits_in_the_period(office):
    first = make_process(office, code="P01")
    second = make_process(office, code="P02")
    make_process(office, code="P03")
    make_process(office, code="P04")
    make_nc(office, first, 1, detected_on=date(2026, 2, 1))
    make_nc(office, first, 2, detected_on=date(2026, 3, 1))
    make_nc(office, second, 3, detected_on=date(2026, 3, 1), status=Nonconformity.Status.REJECTED)
    make_nc(office, second, 4, detected_on=date(2025, 9, 1))
    make_audit(office, second, date(2026, 4, 6))
    [entry] = review.inputs(date(2026, 1, 1), date(2026, 6, 30))
    figures = {f.label: (f.value, f.previous) for f in entry.figures}
    assert figures["Active processes"] == ("4", "4")
    # P01 only: P02's nonconformity of this period was rejected.
    assert figures["Processes with a nonconformity in the period"] == ("1", "1")
    assert figures["Processes without a nonconformity"] == ("75%", "75%")
    assert figures["Processes audited in the period"] == ("1", "0")
