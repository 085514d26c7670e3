"""The competence card on the dashboard: competences expiring within 90 days of
the people the viewer looks after, trainings awaiting their evaluation and the
self-assessments still open to the viewer's answer."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.competence import policies, selectors
from ratusz.competence.models import EXPIRING_DAYS
from ratusz.core.plugins import DashboardCard

SHOWN = 5


def card(user) -> DashboardCard | None:
    if not policies.can_view_matrix(user):
        return None
    today = timezone.localdate()
    expiring = list(
        selectors.records_visible_to(user)
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=EXPIRING_DAYS))
        .order_by("expires_on", "pk")[:SHOWN]
    )
    to_evaluate = selectors.trainings_to_evaluate(user=user, today=today)
    to_answer = selectors.open_assessments_for(user)
    if not expiring and not to_evaluate and not to_answer:
        return None
    return DashboardCard(
        "competence/_dashboard_card.html",
        {"expiring": expiring, "to_evaluate": to_evaluate[:SHOWN], "to_answer": to_answer},
    )
