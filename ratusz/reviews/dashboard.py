"""The management review card: the next review, and decisions whose actions are overdue."""

from __future__ import annotations

from ratusz.core.plugins import DashboardCard
from ratusz.reviews import selectors


def card(user) -> DashboardCard | None:
    data = selectors.for_dashboard(user=user)
    if data is None:
        return None
    return DashboardCard("reviews/_dashboard_card.html", data)
