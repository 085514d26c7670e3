"""The objectives card on the dashboard: this year's objectives at risk."""

from __future__ import annotations

from django.utils import timezone

from ratusz.core.plugins import DashboardCard
from ratusz.objectives import policies, selectors


def card(user) -> DashboardCard | None:
    if not policies.can_view_objectives(user):
        return None
    today = timezone.localdate()
    states = selectors.states_for(year=today.year, today=today)
    if not states:
        return None
    at_risk = [s for s in states if s.at_risk]
    return DashboardCard(
        "objectives/_dashboard_card.html",
        {
            "year": today.year,
            "kpis": len(states),
            "below_warning": sum(1 for s in states if s.standing == "missed"),
            "overdue": sum(1 for s in states if s.overdue),
            "at_risk": at_risk[:5],
        },
    )
