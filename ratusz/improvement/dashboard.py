"""The nonconformities card on the dashboard: what waits for me."""

from __future__ import annotations

from ratusz.core import access
from ratusz.core.plugins import DashboardCard
from ratusz.improvement import policies, selectors


def card(user) -> DashboardCard | None:
    if not access.is_staff_member(user):
        return None
    quality = policies.can_triage(user)
    counts = selectors.dashboard_counts(user=user)
    if not quality and not any(counts.values()):
        return None
    return DashboardCard("improvement/_dashboard_card.html", {"quality": quality, "counts": counts})
