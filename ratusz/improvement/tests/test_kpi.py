"""The nonconformity register's KPI source: share closed on time."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ratusz.core.models import Effectiveness
from ratusz.improvement.kpi import SOURCES, nc_closed_on_time
from ratusz.improvement.models import Nonconformity

WARSAW = ZoneInfo("Europe/Warsaw")


def _nc(office, number, target, closed=None, status=None, unit=None):
    status = status or (Nonconformity.Status.CLOSED if closed else Nonconformity.Status.OPEN)
    fields = {
        "year": 2026,
        "number": number,
        "title": f"Niezgodność {number}",
        "description": "Opis",
        "source": Nonconformity._meta.get_field("source").choices[0][0],
        "org_unit": unit or office.civil,
        "status": status,
        "detected_on": date(2026, 1, 5),
        "reported_by": office.auditor,
        "target_date": target,
        "closed_at": closed,
    }
    if status == Nonconformity.Status.CLOSED:
        fields["verification_result"] = Effectiveness.EFFECTIVE
    # ORM: closures on given past days, which the services stamp with today.
    return Nonconformity.objects.create(**fields)


def test_the_share_counts_the_nonconformities_due_in_the_period(office):
    march = (date(2026, 3, 1), date(2026, 3, 31))
    _nc(office, 1, date(2026, 3, 10), datetime(2026, 3, 10, 23, 30, tzinfo=WARSAW))  # on the day
    _nc(office, 2, date(2026, 3, 20), datetime(2026, 3, 25, 9, tzinfo=WARSAW))  # late
    _nc(office, 3, date(2026, 3, 31))  # still open: late
    _nc(office, 4, date(2026, 3, 15), status=Nonconformity.Status.REJECTED)  # not counted
    _nc(office, 5, date(2026, 4, 2), datetime(2026, 3, 2, tzinfo=WARSAW))  # due in April
    _nc(office, 6, date(2026, 3, 5), datetime(2026, 3, 1, tzinfo=WARSAW), unit=office.transport)
    assert nc_closed_on_time(start=march[0], end=march[1]) == Decimal("50.0")  # 2 of 4
    assert nc_closed_on_time(start=march[0], end=march[1], org_unit=office.civil) == Decimal("33.3")
    assert nc_closed_on_time(start=march[0], end=march[1], org_unit=office.transport) == Decimal(
        "100.0"
    )


def test_nothing_due_is_nothing_to_measure(office):
    _nc(office, 1, date(2026, 5, 10))
    assert nc_closed_on_time(start=date(2026, 3, 1), end=date(2026, 3, 31)) is None


def test_the_source_is_in_per_cent_and_higher_is_better():
    (source,) = SOURCES
    assert (source.key, source.unit, source.higher_is_better) == (
        "improvement.nc_on_time",
        "%",
        True,
    )
