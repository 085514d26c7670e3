"""Audit references come from the shared numbering service, one series per year."""

from __future__ import annotations

from datetime import date

from ratusz.audits import services
from ratusz.core.tests.factories import clause


def _move(office, audit, start: date):
    return services.update_audit(
        actor=office.quality,
        audit=audit,
        expected_version=audit.version,
        title=audit.title,
        objectives=audit.objectives,
        scope=audit.scope,
        criteria=audit.criteria,
        org_units=[office.civil],
        clauses=[clause("8.5.1")],
        planned_start=start,
        planned_end=start,
        lead_auditor=office.auditor,
    )


def test_an_audit_moved_to_next_year_takes_that_years_number_and_frees_its_own(world, office):
    first = world.plan(planned_start=date(2030, 3, 2), planned_end=date(2030, 3, 3))
    moved = world.plan(planned_start=date(2030, 5, 4), planned_end=date(2030, 5, 5))

    moved = _move(office, moved, date(2031, 1, 10))
    after = world.plan(planned_start=date(2030, 6, 1), planned_end=date(2030, 6, 2))

    assert (first.reference, moved.reference) == ("AW/2030/01", "AW/2031/01")
    assert after.reference == "AW/2030/02"


def test_findings_are_numbered_within_their_audit(world, office):
    audit = world.started()
    for n in (1, 2):
        finding = services.record_finding(
            actor=office.auditor,
            audit=audit,
            grade="observation",
            clause=clause("8.5.1"),
            org_unit=office.civil,
            description=f"Ustalenie {n}",
        )
        assert finding.number == n
