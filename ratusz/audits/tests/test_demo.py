"""The demo office's internal audits: three years of programmes, audits, findings and NCs.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all the tests
that use it; each test's own changes are rolled back.
"""

from __future__ import annotations

from django.utils import timezone

from ratusz.audits import selectors
from ratusz.audits.models import Audit, AuditorProfile, Finding, Programme, QuestionTemplate
from ratusz.improvement.models import Nonconformity


def test_the_demo_has_a_pool_and_question_templates(demo):
    assert AuditorProfile.objects.filter(is_active=True).count() >= 3
    assert AuditorProfile.objects.filter(can_lead=True).exists()
    assert QuestionTemplate.objects.filter(clause__number="8.5.1").exists()


def test_the_demo_has_three_years_of_approved_programmes(demo):
    year = timezone.localdate().year
    programmes = Programme.objects.filter(year__in=[year - 2, year - 1, year])
    assert programmes.count() == 3
    assert set(programmes.values_list("status", flat=True)) == {"approved"}
    for past in (year - 2, year - 1):
        totals = selectors.programme_totals(past)
        assert totals["done"] == totals["total"] > 0
    if timezone.localdate().month > 2:
        assert selectors.programme_totals(year)["late"] == 1


def test_the_demo_has_findings_of_every_grade_and_their_nonconformities(demo):
    assert set(Finding.objects.values_list("grade", flat=True)) == set(Finding.Grade.values)
    nc_findings = Finding.objects.filter(grade__in=["major", "minor"])
    assert not nc_findings.filter(nonconformity__isnull=True).exists()
    statuses = set(
        Nonconformity.objects.filter(audit_finding__isnull=False).values_list("status", flat=True)
    )
    assert "closed" in statuses and "open" in statuses
    assert Nonconformity.objects.filter(
        audit_finding__isnull=False, recurrence_of__isnull=False
    ).exists()
    closed = Audit.objects.filter(status="closed")
    assert closed.count() >= 12
    awaiting = [a for a in closed if a.acknowledgements.count() < a.org_units.count()]
    assert len(awaiting) >= 1
    assert not Audit.objects.filter(status="closed", report_issued_at__gt=timezone.now()).exists()
