"""My internal audits (as lead auditor or team member) in my calendar feed."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.audits.models import Audit
from ratusz.core.plugins import Event


def personal(user) -> list[Event]:
    # Past audits stay for a year, so the auditor's calendar keeps her record of them.
    year_ago = timezone.localdate() - timedelta(days=365)
    audits = (
        Audit.objects.filter(Q(lead_auditor=user) | Q(team=user))
        .filter(
            Q(status__in=(Audit.Status.PLANNED, Audit.Status.IN_PROGRESS))
            | Q(status=Audit.Status.CLOSED, planned_end__gte=year_ago)
        )
        .distinct()
        .order_by("planned_start")
    )
    return [
        Event(
            uid=f"audit-{audit.pk}",
            summary=_("Internal audit %(ref)s: %(title)s")
            % {"ref": audit.reference, "title": audit.title},
            start=audit.planned_start,
            end=audit.planned_end,
            description=audit.scope,
            path=audit.get_absolute_url(),
        )
        for audit in audits
    ]
