"""Management reviews in the personal (chair and attendees) and office calendar feeds."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.reviews.models import Review


def _event(review: Review) -> Event:
    return Event(
        uid=f"management-review-{review.pk}",
        summary=_("Management review %(ref)s") % {"ref": review.reference},
        start=review.held_on or review.planned_date,
        description=review.location,
        path=review.get_absolute_url(),
    )


def _recent():
    return Review.objects.filter(planned_date__gte=timezone.localdate() - timedelta(days=400))


def personal(user) -> list[Event]:
    return [_event(r) for r in _recent().filter(attendance__person=user).order_by("planned_date")]


def office() -> list[Event]:
    return [_event(r) for r in _recent().order_by("planned_date")]
