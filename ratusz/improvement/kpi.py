"""Measures of the nonconformity register that quality objectives can track (9.1.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import OrgUnit
from ratusz.core.plugins import KpiSource
from ratusz.improvement.models import Nonconformity
from ratusz.lib.periods import share


def nc_closed_on_time(*, start: date, end: date, org_unit: OrgUnit | None = None) -> Decimal | None:
    """Of the nonconformities due to be closed in the period, the share closed by their date.

    A rejected report (not a nonconformity) does not count; one still open, or
    closed after its date, counts as late. None: nothing was due in the period.
    """
    due = Nonconformity.objects.filter(target_date__range=(start, end)).exclude(
        status=Nonconformity.Status.REJECTED
    )
    if org_unit is not None:
        due = due.filter(org_unit__path__startswith=org_unit.path)
    rows = list(due.values_list("target_date", "closed_at"))
    on_time = sum(
        1 for target, closed in rows if closed is not None and timezone.localdate(closed) <= target
    )
    return share(on_time, len(rows))


SOURCES = [
    KpiSource(
        key="improvement.nc_on_time",
        label=_("Nonconformities closed on time (share of those due in the period)"),
        unit="%",
        measure=nc_closed_on_time,
    )
]
