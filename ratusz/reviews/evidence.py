"""Management reviews in the evidence pack (9.3): the pack of every review held
in the last three years; a gap when none was held."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.reviews.models import Review
from ratusz.reviews.pack import review_pdf


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    held = (
        Review.objects.filter(
            status__in=Review.DONE_STATUSES, held_on__gte=today - timedelta(days=3 * 366)
        )
        .select_related("chair")
        .order_by("held_on")
    )
    result: list[EvidenceItem | EvidenceGap] = [
        EvidenceItem(
            "9.3",
            _("Management review %(ref)s held on %(date)s: inputs, record and decisions")
            % {"ref": review.reference, "date": review.held_on.isoformat()},
            f"reviews/{review.reference.replace('/', '-')}.pdf",
            lambda review=review: review_pdf(review),
        )
        for review in held
    ]
    if not result:
        result.append(EvidenceGap("9.3", _("Minutes of the last management review")))
    return result
