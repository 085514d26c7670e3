"""Measures of residents' satisfaction that quality objectives can track (9.1.1, 9.1.2):
the latest survey of the period, office-wide (a survey is not kept by unit)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import KpiSource
from ratusz.surveys import selectors


def _latest(start: date, end: date, org_unit):
    if org_unit is not None:
        return None
    survey = selectors.surveys_between(start, end).order_by("-opens_on", "-pk").first()
    if survey is None:
        return None
    return selectors.survey_results(survey, compare=False, texts=False)


def satisfaction_mean(*, start: date, end: date, org_unit=None) -> Decimal | None:
    """Mean answer to the 1–5 scale questions of the period's latest survey."""
    results = _latest(start, end, org_unit)
    return results.mean if results else None


def share_satisfied(*, start: date, end: date, org_unit=None) -> Decimal | None:
    """Percent of scale answers of 4 or 5 in the period's latest survey."""
    results = _latest(start, end, org_unit)
    return results.satisfied if results else None


SOURCES: list[KpiSource] = [
    KpiSource(
        "surveys.satisfaction_mean",
        _("Residents' mean satisfaction (1–5)"),
        "/5",
        satisfaction_mean,
    ),
    KpiSource("surveys.share_satisfied", _("Residents satisfied (4 or 5)"), "%", share_satisfied),
]
