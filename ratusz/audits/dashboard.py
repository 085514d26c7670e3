"""The audits card on the dashboard: my upcoming audits, reports awaiting my
acknowledgement and, for the quality manager, this year's programme progress."""

from __future__ import annotations

from django.utils import timezone

from ratusz.audits import selectors
from ratusz.core import access
from ratusz.core.plugins import DashboardCard


def card(user) -> DashboardCard:
    today = timezone.localdate()
    is_qm = access.is_quality_manager(user)
    audits = selectors.for_dashboard(user=user, today=today, with_totals=is_qm)
    return DashboardCard(
        "audits/_dashboard_card.html",
        {
            "upcoming": audits.upcoming,
            "to_acknowledge": audits.to_acknowledge,
            "year": today.year,
            "is_qm": is_qm,
            "totals": audits.totals,
        },
    )
