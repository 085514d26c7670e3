"""Process performance for the management review (9.3.2 c3): how many processes
ran with nonconformities and how many were audited, beside the previous period."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.lib.review_periods import percent, previous_period
from ratusz.processes.models import Process


def _figures(start: date, end: date) -> dict[str, str]:
    active = Process.objects.filter(is_active=True)
    total = active.count()
    with_nc = (
        # One join: a process counts when a nonconformity of the period was not rejected.
        active.filter(
            nonconformities__detected_on__range=(start, end),
            nonconformities__status__in=("reported", "open", "verification", "closed"),
        )
        .distinct()
        .count()
    )
    audited = (
        active.filter(audits__planned_start__range=(start, end), audits__status="closed")
        .distinct()
        .count()
    )
    return {
        "total": str(total),
        "with_nc": str(with_nc),
        "conforming": percent(total - with_nc, total),
        "audited": str(audited),
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    now, then = _figures(start, end), _figures(*previous_period(start, end))
    labels = {
        "total": _("Active processes"),
        "with_nc": _("Processes with a nonconformity in the period"),
        "conforming": _("Processes without a nonconformity"),
        "audited": _("Processes audited in the period"),
    }
    return [
        ReviewInput(
            topic=ReviewTopic.PROCESSES,
            title=_("Process performance"),
            figures=tuple(ReviewFigure(labels[k], now[k], then[k]) for k in labels),
            url=reverse("processes:list"),
        )
    ]
