"""The daily run: overdue nonconformities and reports waiting for triage, each told once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.core.models import Notification
from ratusz.improvement import daily
from ratusz.improvement.models import Nonconformity
from ratusz.improvement.tests.factories import open_nc, report


def test_the_owner_of_an_overdue_nonconformity_is_told_once(office):
    nc = open_nc(office)
    # The passing of time: the target date is two days gone.
    Nonconformity.objects.filter(pk=nc.pk).update(
        target_date=timezone.localdate() - timedelta(days=2)
    )
    assert daily.run()["nonconformities overdue"] == 1
    assert daily.run()["nonconformities overdue"] == 0
    assert (
        Notification.objects.filter(recipient=office.owner, kind="nonconformity_overdue").count()
        == 1
    )


def test_a_new_target_date_is_a_new_notice(office):
    nc = open_nc(office)
    today = timezone.localdate()
    # The passing of time, then a later target date passing too.
    Nonconformity.objects.filter(pk=nc.pk).update(target_date=today - timedelta(days=2))
    daily.run()
    Nonconformity.objects.filter(pk=nc.pk).update(target_date=today - timedelta(days=1))
    assert daily.run()["nonconformities overdue"] == 1


def test_a_report_waiting_more_than_three_days_is_escalated_to_the_quality_manager_once(office):
    fresh = report(office)
    stale = report(office, title="Stary")
    # The passing of time: reported five days ago.
    Nonconformity.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=5))
    first = daily.run()
    second = daily.run()
    assert first["reports awaiting triage"] == 1 and second["reports awaiting triage"] == 0
    notices = Notification.objects.filter(kind="nonconformity_triage_waiting")
    assert [n.recipient for n in notices] == [office.quality]
    assert str(stale.pk) in notices.get().dedupe_key and str(fresh.pk) not in notices.get().url
