"""Reviews of the risks I own, in my calendar feed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.risks.models import Risk


def personal(user) -> list[Event]:
    risks = (
        Risk.objects.filter(owner=user, status=Risk.Status.OPEN)
        .only("id", "year", "number", "title", "review_date")
        .order_by("review_date")[:200]
    )
    return [
        Event(
            uid=f"risk-review-{risk.pk}",
            summary=_("Review of %(ref)s: %(title)s")
            % {"ref": risk.reference, "title": risk.title},
            start=risk.review_date,
            path=risk.get_absolute_url(),
        )
        for risk in risks
    ]
