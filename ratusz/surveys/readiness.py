"""Readiness of customer-satisfaction monitoring (ISO 9001 9.1.2): a residents'
satisfaction survey ran in the last twelve months and residents answered it.

The clause is 9.1 (readiness counts main clauses); the feedback register adds its
own rule for complaints to the same clause, beside this one.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.surveys import selectors
from ratusz.surveys.policies import can_manage_surveys


def _survey_within_year(today: date, p: dict) -> Verdict:
    survey = selectors.last_survey_within(today, p["max_age_days"])
    if survey is None:
        return Verdict(
            RED,
            _("No residents' satisfaction survey in the last twelve months (9.1.2)."),
            reverse("surveys:create"),
            can_manage_surveys,
        )
    responses = survey.responses.count()
    if responses < p["min_responses"]:
        return Verdict(
            AMBER,
            _("The survey %(title)s has only %(n)d responses.") % {"title": survey, "n": responses},
            survey.get_absolute_url(),
        )
    return Verdict(
        GREEN,
        _("Survey %(title)s, %(start)s – %(end)s: %(n)d responses.")
        % {
            "title": survey,
            "start": survey.opens_on.isoformat(),
            "end": survey.closes_on.isoformat(),
            "n": responses,
        },
    )


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "9.1",
        gettext_lazy("Customer satisfaction (9.1.2): a residents' survey in the last 12 months"),
        _survey_within_year,
        {"max_age_days": 365, "min_responses": 30},
    ),
]
