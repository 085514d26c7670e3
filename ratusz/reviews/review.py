"""The reviews' own input (9.3.2 a): how the actions decided at earlier reviews
stand at the end of the period, beside how they stood when it began."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.dates import after_day, by_end_of
from ratusz.core.models import Action
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.lib.review_periods import percent


def _figures(on: date) -> dict[str, str]:
    """The decisions' actions of reviews held before `on`, as they stood on that day."""
    actions = Action.objects.filter(
        by_end_of("created_at", on), review_decision__review__held_on__lt=on
    ).exclude(status=Action.Status.CANCELLED)
    total = actions.count()
    done = actions.filter(by_end_of("completed_at", on)).count()
    overdue = actions.filter(
        Q(completed_at__isnull=True) | after_day("completed_at", on), due_date__lt=on
    ).count()
    return {
        "total": str(total),
        "done": str(done),
        "done_share": percent(done, total),
        "overdue": str(overdue),
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    now, then = _figures(end), _figures(start - timedelta(days=1))
    labels = {
        "total": _("Actions decided at earlier reviews"),
        "done": _("Done"),
        "done_share": _("Share done"),
        "overdue": _("Overdue"),
    }
    return [
        ReviewInput(
            topic=ReviewTopic.PREVIOUS_ACTIONS,
            title=_("Actions from earlier management reviews"),
            summary=_("As they stood at the end of the period; the previous figure at its start."),
            figures=tuple(ReviewFigure(labels[k], now[k], then[k]) for k in labels),
            url=reverse("reviews:list"),
        )
    ]
