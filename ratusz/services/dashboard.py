"""The public services card on the dashboard: open cases overdue, by unit.

Heads of units see their own units' overdue cases; the quality manager and top
management see every unit's. Nothing to show: no card.
"""

from __future__ import annotations

from django.utils import timezone

from ratusz.core.plugins import DashboardCard
from ratusz.services import selectors


def card(user) -> DashboardCard | None:
    data = selectors.dashboard(user=user, today=timezone.localdate())
    if data is None:
        return None
    return DashboardCard("services/_dashboard_card.html", data, order=60)
