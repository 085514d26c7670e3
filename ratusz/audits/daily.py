"""The audits' part of the daily run (`ratusz remind`): the lead auditor hears,
once, 7 days before an audit's planned start."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.audits.models import Audit
from ratusz.core.services import notify

NOTICE_DAYS = 7


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    sent = 0
    audits = Audit.objects.filter(
        status=Audit.Status.PLANNED,
        planned_start__gt=today,
        planned_start__lte=today + timedelta(days=NOTICE_DAYS),
    ).select_related("lead_auditor")
    for audit in audits.iterator():
        if notify(
            recipient=audit.lead_auditor,
            kind="audit_starts_soon",
            url=audit.get_absolute_url(),
            params={
                "ref": audit.reference,
                "title": audit.title,
                "due": audit.planned_start.isoformat(),
            },
            dedupe_key=f"audit_starts_soon:{audit.pk}:{audit.planned_start}",
        ):
            sent += 1
    return {"audit start reminders": sent}
