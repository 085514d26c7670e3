"""The contracts card on the dashboard: late milestones, penalties not charged, reports
and notices owed. Office-wide for those who keep the register or decide on waivers; a
contract manager sees the contracts they manage."""

from __future__ import annotations

from ratusz.core.plugins import DashboardCard
from ratusz.suppliers import policies, selectors
from ratusz.suppliers.models import Contract


def card(user) -> DashboardCard | None:
    office_wide = policies.can_create_contract(user) or policies.can_decide_waiver(user)
    if not office_wide and not Contract.objects.filter(manager=user.pk).exists():
        return None
    found = selectors.attention(limit=5, user=None if office_wide else user)
    if not found.total and not found.milestones_soon:
        return None
    return DashboardCard("suppliers/_dashboard_card.html", found, order=60)
