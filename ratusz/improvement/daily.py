"""The improvement part of the daily run (`ratusz remind`).

A nonconformity past its target date tells its owner, once per target date; a
staff report waiting for triage more than three days tells the quality
managers, once. Overdue corrective actions are escalated by the core reminders.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ratusz.core.selectors import quality_managers
from ratusz.core.services import notify
from ratusz.improvement.models import Nonconformity

TRIAGE_WAIT_DAYS = 3


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    overdue = waiting = 0
    late = (
        Nonconformity.objects.overdue(today)
        .filter(owner__isnull=False)
        .select_related("owner")
        .order_by("pk")
    )
    for nc in late.iterator():
        if notify(
            recipient=nc.owner,
            kind="nonconformity_overdue",
            url=nc.get_absolute_url(),
            params={"ref": nc.reference, "title": nc.title, "due": nc.target_date.isoformat()},
            dedupe_key=f"nonconformity_overdue:{nc.pk}:{nc.target_date}",
        ):
            overdue += 1
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(days=TRIAGE_WAIT_DAYS), time.min)
    )
    stale = Nonconformity.objects.filter(
        status=Nonconformity.Status.REPORTED, created_at__lt=cutoff
    ).order_by("pk")
    managers = list(quality_managers())
    for nc in stale.iterator():
        for manager in managers:
            if notify(
                recipient=manager,
                kind="nonconformity_triage_waiting",
                url=nc.get_absolute_url(),
                params={
                    "ref": nc.reference,
                    "title": nc.title,
                    "due": timezone.localtime(nc.created_at).date().isoformat(),
                },
                dedupe_key=f"nonconformity_triage_waiting:{nc.pk}",
            ):
                waiting += 1
    return {"nonconformities overdue": overdue, "reports awaiting triage": waiting}
