"""The context's input to the management review (9.3.2 b): changes in external
and internal issues in the period reviewed."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.context.models import ClimateDecision, ContextIssue, ContextReview
from ratusz.core.dates import on_days
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic


def _counts(start: date, end: date) -> tuple[int, int, int]:
    added = ContextIssue.objects.filter(on_days("created_at", start, end)).count()
    changed = (
        ContextIssue.objects.filter(on_days("updated_at", start, end), version__gt=1)
        .exclude(on_days("created_at", start, end))
        .count()
    )
    reviews = ContextReview.objects.filter(reviewed_on__range=(start, end)).count()
    return added, changed, reviews


def inputs(start: date, end: date) -> list[ReviewInput]:
    added, changed, reviews = _counts(start, end)
    length = end - start
    previous = _counts(start - length - timedelta(days=1), start - timedelta(days=1))
    titles = list(
        ContextIssue.objects.filter(on_days("created_at", start, end))
        .order_by("title")
        .values_list("title", flat=True)[:10]
    )
    climate = ClimateDecision.objects.filter(pk=1).first()
    summary = []
    if titles:
        summary.append(_("New issues: %(list)s.") % {"list": "; ".join(titles)})
    if climate is None:
        summary.append(_("Whether climate change is a relevant issue is not decided."))
    elif climate.relevant:
        summary.append(_("Climate change is a relevant issue for the office."))
    else:
        summary.append(_("Climate change is not a relevant issue for the office."))
    return [
        ReviewInput(
            topic=ReviewTopic.ISSUES,
            title=_("Internal and external issues"),
            summary=" ".join(summary),
            figures=(
                ReviewFigure(_("Issues added"), str(added), str(previous[0])),
                ReviewFigure(_("Issues changed"), str(changed), str(previous[1])),
                ReviewFigure(_("Reviews of the context"), str(reviews), str(previous[2])),
            ),
            url=reverse("context:issue_list"),
        )
    ]
