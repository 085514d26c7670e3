"""Measures of the audit programme that quality objectives can track (9.1.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ratusz.audits.models import Audit, ProgrammeItem
from ratusz.core.dates import by_end_of
from ratusz.core.models import OrgUnit
from ratusz.core.plugins import KpiSource
from ratusz.lib.periods import share


def programme_done(*, start: date, end: date, org_unit: OrgUnit | None = None) -> Decimal | None:
    """Of the audits of the year's programme planned up to the end of the period,
    the share done (an audit closed, its report issued) by the end of the period.

    The programme is that of the year the period ends in; a deferred item does
    not count. None: no programme, or nothing planned yet.
    """
    done = Audit.objects.filter(
        by_end_of("report_issued_at", end),
        programme_item=OuterRef("pk"),
        status=Audit.Status.CLOSED,
    )
    items = ProgrammeItem.objects.filter(
        programme__year=end.year, planned_month__lte=end.month
    ).exclude(status=ProgrammeItem.Status.DEFERRED)
    if org_unit is not None:
        items = items.filter(org_unit__path__startswith=org_unit.path)
    rows = list(items.annotate(done=Exists(done)).values_list("done", flat=True))
    return share(sum(rows), len(rows))


SOURCES = [
    KpiSource(
        key="audits.programme_done",
        label=_("Audit programme done (share of the audits planned so far this year)"),
        unit="%",
        measure=programme_done,
    )
]
