"""The risks card on the dashboard: risks above the accepted level, reviews overdue."""

from __future__ import annotations

from django.utils import timezone

from ratusz.core import access
from ratusz.core.plugins import DashboardCard
from ratusz.risks import policies, selectors


def card(user) -> DashboardCard | None:
    if not access.is_staff_member(user) or not policies.can_view_risks(user):
        return None
    counts = selectors.dashboard_counts(user=user, today=timezone.localdate())
    register = policies.runs_the_register(user) or bool(access.managed_unit_paths(user))
    if not register and not counts["mine_overdue"]:
        return None
    return DashboardCard("risks/_dashboard_card.html", {"counts": counts, "register": register})
