"""The demo office's nonconformities and ideas: every state, a recurrence, overdue work.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all its tests.
"""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from ratusz.core.models import Action, User
from ratusz.improvement import daily, selectors
from ratusz.improvement.models import Idea, Nonconformity, Source

NC = Nonconformity.Status


def test_the_demo_has_nonconformities_in_every_state_from_every_source(demo):
    statuses = set(Nonconformity.objects.values_list("status", flat=True))
    assert statuses >= {NC.REPORTED, NC.OPEN, NC.VERIFICATION, NC.CLOSED, NC.REJECTED}
    sources = set(Nonconformity.objects.values_list("source", flat=True))
    assert sources >= {
        Source.COMPLAINT,
        Source.PROCESS_MONITORING,
        Source.STAFF_REPORT,
        Source.SUPPLIER,
    }
    assert Nonconformity.objects.filter(status=NC.REPORTED, source=Source.STAFF_REPORT).count() >= 2
    today = timezone.localdate()
    assert Nonconformity.objects.filter(detected_on__lt=today.replace(year=today.year - 2))
    assert not Nonconformity.objects.filter(detected_on__gt=today).exists()


def test_the_demo_has_a_failed_check_a_recurrence_and_overdue_work(demo):
    refailed = Nonconformity.objects.get(failed_verifications=1)
    assert refailed.status == NC.CLOSED
    assert Nonconformity.objects.filter(recurrence_of__isnull=False).exists()
    today = timezone.localdate()
    assert Nonconformity.objects.overdue(today).count() >= 2
    overdue_actions = Action.objects.overdue(today).filter(kind=Action.Kind.CORRECTIVE)
    assert overdue_actions.filter(source_type__model="nonconformity").exists()
    for nc in Nonconformity.objects.filter(status=NC.CLOSED):
        assert nc.closed_at.date() >= nc.detected_on
        assert nc.verification_result == "effective"


def test_the_demo_has_ideas_in_every_state(demo):
    assert set(Idea.objects.values_list("status", flat=True)) == set(Idea.Status.values)


def test_the_demo_pages_open_for_the_quality_manager(demo):
    client = Client()
    client.force_login(
        User.objects.get(username="quality"), backend="ratusz.core.auth.RatuszBackend"
    )
    for path in [
        "/improvement/nonconformities/",
        "/improvement/statistics/",
        "/improvement/ideas/",
        "/",
    ]:
        assert client.get(path).status_code == 200, path
    for nc in Nonconformity.objects.all():
        assert client.get(f"/improvement/nonconformities/{nc.pk}/").status_code == 200
    stats = selectors.statistics(
        user=User.objects.get(username="quality"),
        filters=selectors.StatsFilters(*selectors.default_period()),
    )
    assert stats.closed >= 3 and stats.effectiveness_rate < 100


def test_the_daily_run_on_the_demo_escalates_a_waiting_report_once(demo):
    first = daily.run()
    assert first["reports awaiting triage"] >= 1 and first["nonconformities overdue"] >= 1
    assert daily.run() == {"nonconformities overdue": 0, "reports awaiting triage": 0}
