"""The register's part of the daily run (`ratusz remind`): owners hear about risk
reviews due within 14 days or overdue, once per risk and review date."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.core.services import notify
from ratusz.risks.models import Risk

REVIEW_NOTICE_DAYS = 14


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    due_soon = overdue = 0
    risks = Risk.objects.filter(
        status=Risk.Status.OPEN, review_date__lte=today + timedelta(days=REVIEW_NOTICE_DAYS)
    ).select_related("owner")
    for risk in risks.iterator():
        late = risk.review_date < today
        kind = "risk_review_overdue" if late else "risk_review_due"
        sent = notify(
            recipient=risk.owner,
            kind=kind,
            url=risk.get_absolute_url(),
            params={
                "ref": risk.reference,
                "title": risk.title,
                "due": risk.review_date.isoformat(),
            },
            dedupe_key=f"{kind}:{risk.pk}:{risk.review_date}",
        )
        if sent:
            overdue += late
            due_soon += not late
    return {"risk reviews due soon": due_soon, "risk reviews overdue": overdue}
