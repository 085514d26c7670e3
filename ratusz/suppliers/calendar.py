"""Milestones, art. 448 notices, security returns and warranty ends in the office feed."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.suppliers.models import Contract, Milestone


def office() -> list[Event]:
    since = timezone.localdate() - timedelta(days=90)
    events = [
        Event(
            uid=f"milestone-{m.pk}",
            summary=_("%(ref)s: %(name)s") % {"ref": m.contract.reference, "name": m.label},
            start=m.planned_on,
            path=m.contract.get_absolute_url(),
        )
        for m in Milestone.objects.filter(completed_on__isnull=True, planned_on__gte=since)
        .select_related("contract")
        .order_by("planned_on")
    ]
    for c in Contract.objects.filter(
        final_accepted_on__isnull=False, notice_448_sent_on__isnull=True
    ):
        due = c.notice_448_due
        assert due is not None
        events.append(
            Event(
                uid=f"notice-448-{c.pk}",
                summary=_("%(ref)s: art. 448 notice due") % {"ref": c.reference},
                start=due,
                path=c.get_absolute_url(),
            )
        )
    for c in Contract.objects.filter(security_return_on__gte=since, security_amount__gt=0):
        assert c.security_return_on is not None
        events.append(
            Event(
                uid=f"security-{c.pk}",
                summary=_("%(ref)s: return the performance security") % {"ref": c.reference},
                start=c.security_return_on,
                path=c.get_absolute_url(),
            )
        )
    for c in Contract.objects.filter(warranty_ends__gte=since):
        assert c.warranty_ends is not None
        events.append(
            Event(
                uid=f"warranty-{c.pk}",
                summary=_("%(ref)s: warranty ends") % {"ref": c.reference},
                start=c.warranty_ends,
                path=c.get_absolute_url(),
            )
        )
    return events
