"""The demo office's internal audits: three years of programmes, audits, findings and NCs.

Loading the demo takes seconds, so this module loads it once, in a transaction
rolled back when the module is done.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ratusz.audits import selectors
from ratusz.audits.models import Audit, AuditorProfile, Finding, Programme, QuestionTemplate
from ratusz.improvement.models import Nonconformity


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db):
    return None


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
