"""Customer satisfaction for the management review (9.3.2 c1): the latest survey of
the period, beside the survey before it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.surveys import selectors


def _share(value: Decimal | None) -> str:
    return "" if value is None else f"{number_format(value, 1)}%"


def _mean(value: Decimal | None) -> str:
    return "" if value is None else number_format(value, 2)


def inputs(start: date, end: date) -> list[ReviewInput]:
    survey = selectors.surveys_between(start, end).order_by("-opens_on", "-pk").first()
    if survey is None:
        return []
    now = selectors.survey_results(survey, compare=False, texts=False)
    earlier = selectors.previous_survey(survey)
    then = selectors.survey_results(earlier, compare=False, texts=False) if earlier else None
    figures = (
        ReviewFigure(_("Responses"), str(now.responses), str(then.responses) if then else ""),
        ReviewFigure(
            _("Mean satisfaction (1–5)"), _mean(now.mean), _mean(then.mean) if then else ""
        ),
        ReviewFigure(
            _("Residents satisfied (4 or 5)"),
            _share(now.satisfied),
            _share(then.satisfied) if then else "",
        ),
    )
    summary = _("Survey %(title)s, %(start)s – %(end)s.") % {
        "title": survey.title,
        "start": survey.opens_on.isoformat(),
        "end": survey.closes_on.isoformat(),
    }
    if earlier:
        summary += " " + _("Compared with %(title)s.") % {"title": earlier.title}
    return [
        ReviewInput(
            topic=ReviewTopic.SATISFACTION,
            title=_("Residents' satisfaction survey"),
            summary=summary,
            figures=figures,
            url=reverse("surveys:results", args=[survey.pk]),
        )
    ]
