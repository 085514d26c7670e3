"""The contracts card on the dashboard: late milestones, penalties not charged, reports
and notices owed. Shown to those who keep the register or decide on waivers."""

from __future__ import annotations

from ratusz.core.plugins import DashboardCard
from ratusz.suppliers import policies, selectors


def card(user) -> DashboardCard | None:
    if not (policies.can_create_contract(user) or policies.can_decide_waiver(user)):
        return None
    found = selectors.attention(limit=5)
    if not found.total and not found.milestones_soon:
        return None
    return DashboardCard("suppliers/_dashboard_card.html", found, order=60)
