"""Statistics: counts by unit, process, clause, source and month, rates, and the XLSX."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
from django.utils import timezone

from ratusz.improvement.models import Nonconformity
from ratusz.improvement.tests.factories import closed, open_nc, report


def _make(office):
    done = closed(office)
    # Closed late: the target date had passed.
    late = closed(office, title="Późno zamknięta")
    Nonconformity.objects.filter(pk=late.pk).update(
        target_date=timezone.localdate() - timedelta(days=1), failed_verifications=1
    )
    open_nc(office, org_unit=office.transport, title="Kolejka w komunikacji")
    report(office, source="complaint")
    return done, late


def test_the_statistics_count_what_the_database_holds(office, client_for):
    _make(office)
    response = client_for(office.quality).get("/improvement/statistics/")
    stats = response.context["stats"]
    assert stats.total == 4 and stats.closed == 2 and stats.open == 2
    assert stats.closed_on_time == 1 and stats.on_time_rate == 50.0
    assert stats.effectiveness_rate == 50.0
    assert stats.avg_days_to_close == 5.0
    by_unit = {row["label"]: row["total"] for row in stats.by_unit}
    assert by_unit == {office.civil.name: 3, office.transport.name: 1}
    assert {row["label"]: row["total"] for row in stats.by_clause} == {"8.5.1": 3, None: 1}
    assert sum(row["total"] for row in stats.by_month) == 4 and len(stats.by_month) == 24
    html = response.content.decode()
    assert 'role="img"' in html and "<title" in html


def test_the_unit_filter_and_the_period_narrow_the_numbers(office, client_for):
    _make(office)
    client = client_for(office.quality)
    stats = client.get(f"/improvement/statistics/?unit={office.transport.pk}").context["stats"]
    assert stats.total == 1
    long_ago = (timezone.localdate() - timedelta(days=900)).isoformat()
    older = client.get(f"/improvement/statistics/?date_from={long_ago}&date_to={long_ago}")
    assert older.context["stats"].total == 0


def test_the_xlsx_export_opens_and_holds_the_same_numbers(office, client_for):
    _make(office)
    response = client_for(office.quality).get(
        f"/improvement/statistics/export.xlsx?unit={office.root.pk}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Summary",
        "By unit",
        "By process",
        "By ISO clause",
        "By source",
        "By month of detection",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Total"] == 4 and summary["Closed"] == 2
    units = list(book["By unit"].iter_rows(values_only=True))
    assert units[0] == ("Unit", "Total", "Open", "Closed")
    assert (office.civil.name, 3, 1, 2) in units


def test_statistics_queries_do_not_grow_with_rows(
    office, client_for, django_assert_max_num_queries
):
    client = client_for(office.quality)
    _make(office)
    # session, user, roles, units for the filter, 6 aggregates, notifications, office …
    with django_assert_max_num_queries(14):
        assert client.get("/improvement/statistics/").status_code == 200
    for i in range(10):
        open_nc(office, title=f"NC {i}", org_unit=office.finance)
    with django_assert_max_num_queries(14):
        assert client.get("/improvement/statistics/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/improvement/statistics/export.xlsx").status_code == 200


def test_employees_do_not_get_the_statistics(office, client_for):
    assert client_for(office.employee).get("/improvement/statistics/").status_code == 403
