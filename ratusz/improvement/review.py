"""Nonconformities, corrective actions (9.3.2 c4) and ideas (9.3.2 f) for the
management review, each figure beside the previous period's."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.dates import after_day, by_end_of, on_days
from ratusz.core.models import Action
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.improvement.models import Idea, Nonconformity
from ratusz.lib.review_periods import percent, previous_period


def _nc_figures(start: date, end: date) -> dict[str, str]:
    ncs = Nonconformity.objects.exclude(status=Nonconformity.Status.REJECTED)
    closed = ncs.filter(on_days("closed_at", start, end))
    closed_count = closed.count()
    on_time = closed.filter(
        target_date__isnull=False, closed_at__date__lte=F("target_date")
    ).count()
    overdue = ncs.filter(
        Q(closed_at__isnull=True) | after_day("closed_at", end),
        detected_on__lte=end,
        target_date__lt=end,
    ).count()
    actions = Action.objects.filter(
        on_days("created_at", start, end),
        kind__in=(Action.Kind.CORRECTION, Action.Kind.CORRECTIVE),
    )
    return {
        "opened": str(ncs.filter(detected_on__range=(start, end)).count()),
        "closed": str(closed_count),
        "on_time": percent(on_time, closed_count),
        "overdue": str(overdue),
        "actions": str(actions.count()),
        "actions_done": str(
            actions.filter(status__in=(Action.Status.DONE, Action.Status.CLOSED)).count()
        ),
    }


def _idea_figures(start: date, end: date) -> dict[str, str]:
    return {
        "submitted": str(Idea.objects.filter(on_days("created_at", start, end)).count()),
        "implemented": str(Idea.objects.filter(implemented_on__range=(start, end)).count()),
        "open": str(
            Idea.objects.filter(by_end_of("created_at", end), status__in=Idea.OPEN_STATUSES).count()
        ),
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    before = previous_period(start, end)
    now, then = _nc_figures(start, end), _nc_figures(*before)
    labels = {
        "opened": _("Nonconformities opened"),
        "closed": _("Nonconformities closed"),
        "on_time": _("Closed by their target date"),
        "overdue": _("Open past their target date at the end of the period"),
        "actions": _("Corrections and corrective actions raised"),
        "actions_done": _("Of these, done"),
    }
    ideas_now, ideas_then = _idea_figures(start, end), _idea_figures(*before)
    idea_labels = {
        "submitted": _("Ideas submitted"),
        "implemented": _("Ideas implemented"),
        "open": _("Ideas still under consideration"),
    }
    return [
        ReviewInput(
            topic=ReviewTopic.NONCONFORMITIES,
            title=_("Nonconformities and corrective actions"),
            figures=tuple(ReviewFigure(labels[k], now[k], then[k]) for k in labels),
            url=reverse("improvement:nc_list"),
        ),
        ReviewInput(
            topic=ReviewTopic.IMPROVEMENT,
            title=_("Improvement ideas from staff and residents"),
            figures=tuple(
                ReviewFigure(idea_labels[k], ideas_now[k], ideas_then[k]) for k in idea_labels
            ),
            url=reverse("improvement:idea_list"),
        ),
    ]
