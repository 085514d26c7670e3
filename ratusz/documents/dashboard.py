"""The documents card on the dashboard: what waits for me."""

from __future__ import annotations

from ratusz.documents import selectors


def card(user) -> dict:
    pending = selectors.pending_for(user=user)
    overdue = (
        selectors.register(user=user, filters=selectors.RegisterFilters(state="review_overdue"))
        .filter(owner=user)
        .count()
    )
    return {
        "template": "documents/_dashboard_card.html",
        "pending": pending,
        "my_reviews_overdue": overdue,
    }
