"""The surveys card on the dashboard: the open survey and its responses so far."""

from __future__ import annotations

from django.utils import timezone

from ratusz.core.plugins import DashboardCard
from ratusz.surveys import selectors


def card(user) -> DashboardCard | None:
    data = selectors.for_dashboard(user=user, today=timezone.localdate())
    if data is None:
        return None
    return DashboardCard("surveys/_dashboard_card.html", data, order=70)
