"""Measures of public services that quality objectives can track as KPIs (9.1.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import KpiSource
from ratusz.services import figures


def _months(start: date, end: date) -> tuple[date, date]:
    # The figures are kept by month: a period counts the months its days fall in.
    return start.replace(day=1), end.replace(day=1)


def cases_on_time(*, start: date, end: date, org_unit=None) -> Decimal | None:
    """Percent of cases settled in the period that were settled on time."""
    first, last = _months(start, end)
    unit = org_unit.pk if org_unit is not None else None
    return figures.total(first=first, last=last, org_unit=unit).on_time_share


def late_without_notice(*, start: date, end: date, org_unit=None) -> Decimal | None:
    """Percent of cases settled in the period late and without a timely art. 36 notice."""
    first, last = _months(start, end)
    unit = org_unit.pk if org_unit is not None else None
    total = figures.total(first=first, last=last, org_unit=unit)
    if not total.settled:
        return None
    return (Decimal(total.late_unnotified * 100) / total.settled).quantize(Decimal("0.1"))


SOURCES: list[KpiSource] = [
    KpiSource("services.cases_on_time", _("Cases settled on time"), "%", cases_on_time),
    KpiSource(
        "services.late_without_notice",
        _("Cases settled late without a delay notice"),
        "%",
        late_without_notice,
        higher_is_better=False,
    ),
]
