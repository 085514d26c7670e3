"""My internal audits (as lead auditor or team member) in my calendar feed."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from ratusz.audits.models import Audit
from ratusz.core.plugins import Event


def personal(user) -> list[Event]:
    audits = (
        Audit.objects.filter(Q(lead_auditor=user) | Q(team=user))
        .filter(status__in=(Audit.Status.PLANNED, Audit.Status.IN_PROGRESS))
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
