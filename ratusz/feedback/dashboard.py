"""The residents' submissions card: due within 7 days, overdue, deadlines missed
without a delay notice, waiting to be assigned (of what the person may see)."""

from __future__ import annotations

from django.utils import timezone

from ratusz.core.plugins import DashboardCard
from ratusz.feedback import selectors


def card(user) -> DashboardCard | None:
    data = selectors.dashboard(user=user, today=timezone.localdate())
    if data is None:
        return None
    return DashboardCard("feedback/_dashboard_card.html", data, order=55)
