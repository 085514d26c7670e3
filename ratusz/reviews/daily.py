"""Daily run (`ratusz remind`): remind the chair and the attendees of a review due
within a week, once per review."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.core.services import notify
from ratusz.reviews.models import Attendance, Review


def run() -> dict[str, int]:
    today = timezone.localdate()
    soon = Attendance.objects.filter(
        review__status=Review.Status.PLANNED,
        review__planned_date__range=(today, today + timedelta(days=7)),
    ).select_related("review", "person")
    sent = 0
    for row in soon:
        review = row.review
        made = notify(
            recipient=row.person,
            kind="review_invitation",
            url=review.get_absolute_url(),
            params={"ref": review.reference, "due": review.planned_date.isoformat()},
            dedupe_key=f"review-soon-{review.pk}-{review.planned_date.isoformat()}",
        )
        sent += made is not None
    return {"management review reminders": sent}
