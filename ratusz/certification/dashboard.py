"""The certificate card on the dashboard: the certificate in force, the next external
audit, the latest readiness figure and the audit cycle. It comes first."""

from __future__ import annotations

from ratusz.certification.selectors import certificate_card
from ratusz.core.plugins import DashboardCard


def card(user) -> DashboardCard:
    return DashboardCard("certification/_dashboard_card.html", certificate_card(), order=10)
