"""Measures of residents' feedback that quality objectives can track as KPIs (9.1.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import KpiSource
from ratusz.feedback import selectors
from ratusz.feedback.models import Kind


def complaints_on_time(*, start: date, end: date, org_unit=None) -> Decimal | None:
    """Percent of complaints answered in the period that were answered on time."""
    return selectors.totals(
        start=start, end=end, kinds=(Kind.COMPLAINT,), org_unit=org_unit
    ).on_time_share


def submissions_on_time(*, start: date, end: date, org_unit=None) -> Decimal | None:
    return selectors.totals(start=start, end=end, org_unit=org_unit).on_time_share


def complaints_justified(*, start: date, end: date, org_unit=None) -> Decimal | None:
    return selectors.totals(
        start=start, end=end, kinds=(Kind.COMPLAINT,), org_unit=org_unit
    ).justified_share


SOURCES: list[KpiSource] = [
    KpiSource(
        "feedback.complaints_on_time", _("Complaints answered on time"), "%", complaints_on_time
    ),
    KpiSource(
        "feedback.submissions_on_time",
        _("Residents' submissions answered on time"),
        "%",
        submissions_on_time,
    ),
    KpiSource(
        "feedback.complaints_justified",
        _("Complaints found justified"),
        "%",
        complaints_justified,
        higher_is_better=False,
    ),
]
