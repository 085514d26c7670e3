"""The audit programme's KPI source: share of the audits planned so far that are done."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from ratusz.audits.kpi import SOURCES, programme_done
from ratusz.audits.models import Audit, Programme, ProgrammeItem

WARSAW = ZoneInfo("Europe/Warsaw")


def _item(office, programme, month, *, unit=None, closed_on=None, status="planned", number=1):
    item = ProgrammeItem.objects.create(
        programme=programme,
        org_unit=unit or office.civil,
        planned_month=month,
        status=status,
        justification="Reorganizacja" if status == "deferred" else "",
    )
    if closed_on is not None:
        start = closed_on - timedelta(days=3)
        # ORM: an audit closed on a past day, which the services stamp with today.
        Audit.objects.create(
            year=programme.year,
            number=number,
            programme_item=item,
            title="Audyt",
            objectives="Ocena",
            scope="Zakres",
            criteria="ISO 9001",
            planned_start=start,
            planned_end=start + timedelta(days=1),
            lead_auditor=office.auditor,
            status=Audit.Status.CLOSED,
            report_issued_at=datetime(
                closed_on.year, closed_on.month, closed_on.day, tzinfo=WARSAW
            ),
            created_by=office.quality,
        )
    return item


def test_the_share_counts_the_audits_planned_up_to_the_end_of_the_period(office):
    programme = Programme.objects.create(year=2026)
    _item(office, programme, 2, closed_on=date(2026, 2, 20), number=1)
    _item(office, programme, 3, closed_on=date(2026, 4, 3), number=2)  # done after March
    _item(office, programme, 3)  # not done
    _item(office, programme, 3, status="deferred")  # not counted
    _item(office, programme, 9)  # not planned yet
    _item(office, programme, 1, unit=office.transport, closed_on=date(2026, 1, 20), number=3)
    q1 = (date(2026, 1, 1), date(2026, 3, 31))
    assert programme_done(start=q1[0], end=q1[1]) == Decimal("50.0")  # 2 of 4
    assert programme_done(start=q1[0], end=q1[1], org_unit=office.civil) == Decimal("33.3")
    assert programme_done(start=date(2026, 4, 1), end=date(2026, 4, 30)) == Decimal("75.0")


def test_no_programme_is_nothing_to_measure(office):
    assert programme_done(start=date(2026, 1, 1), end=date(2026, 1, 31)) is None
    assert SOURCES[0].key == "audits.programme_done"
