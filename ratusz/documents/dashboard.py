"""The documents card on the dashboard: what waits for me."""

from __future__ import annotations

from ratusz.core.plugins import DashboardCard
from ratusz.documents import selectors
from ratusz.documents.filters import RegisterFilter


def card(user) -> DashboardCard:
    pending = selectors.pending_for(user=user)
    mine = selectors.register(user=user).filter(owner=user)
    overdue = RegisterFilter({"state": "review_overdue"}, queryset=mine).qs.count()
    return DashboardCard(
        "documents/_dashboard_card.html", {"pending": pending, "my_reviews_overdue": overdue}
    )
