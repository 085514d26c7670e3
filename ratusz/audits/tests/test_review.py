"""Internal audit results as a management review input (9.3.2 c6)."""

from __future__ import annotations

from datetime import date

from ratusz.audits import review
from ratusz.audits.models import Audit, Finding
from ratusz.core.tests.factories import clause
from ratusz.processes.tests.factories import make_process
from ratusz.processes.tests.test_pages import make_audit


def test_audits_done_against_planned_and_findings_by_grade(office):
    process = make_process(office)
    closed = make_audit(office, process, date(2026, 3, 2), number=1)
    make_audit(office, process, date(2026, 5, 4), status=Audit.Status.PLANNED, number=2)
    make_audit(office, process, date(2026, 5, 11), status=Audit.Status.CANCELLED, number=3)
    make_audit(office, process, date(2025, 10, 6), number=4)  # the period before
    for number, grade in enumerate(["minor", "minor", "observation"], start=1):
        # ORM: findings of a closed audit, graded as the report says.
        Finding.objects.create(
            audit=closed,
            number=number,
            grade=grade,
            clause=clause("8.5.1"),
            org_unit=office.civil,
            description="Ustalenie",
            recorded_by=office.auditor,
        )
    [entry] = review.inputs(date(2026, 1, 1), date(2026, 6, 30))
    figures = {f.label: (f.value, f.previous) for f in entry.figures}
    assert figures["Internal audits planned in the period"] == ("2", "1")
    assert figures["Internal audits done (report issued)"] == ("1", "1")
    assert figures["Share of the planned audits done"] == ("50%", "100%")
    assert figures["Minor nonconformity"] == ("2", "0")
    assert figures["Observation"] == ("1", "0")
    assert figures["Major nonconformity"] == ("0", "0")
