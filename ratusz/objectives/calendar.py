"""KPI measurements due, in the calendar feed of the person who measures them."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.lib import periods
from ratusz.objectives import selectors
from ratusz.objectives.models import Kpi, Objective


def personal(user) -> list[Event]:
    today = timezone.localdate()
    kpis = selectors.kpis_with_latest(
        Kpi.objects.filter(
            owner=user,
            is_active=True,
            source="",
            objective__status__in=Objective.LIVE_STATUSES,
        )
    ).order_by("id")[:200]
    events = []
    for kpi in kpis:
        state = selectors.state_of(kpi, today)
        # Due the day after the period ends.
        due = periods.next_period(kpi.frequency, state.next_due)
        events.append(
            Event(
                uid=f"kpi-{kpi.pk}-{state.next_due.isoformat()}",
                summary=_("Measure “%(name)s” for %(period)s")
                % {"name": kpi.name, "period": state.next_label},
                start=due,
                path=kpi.get_absolute_url(),
            )
        )
    return events
