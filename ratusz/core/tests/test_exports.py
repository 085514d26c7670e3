"""The registers export to XLSX with the filters of the page, in a fixed number
of queries however many rows there are."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from ratusz.core.models import Action


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="actions-')
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_the_action_tracker_exports_what_its_filters_show(office, client_for):
    office.action(title="Karty usług")
    office.action(title="Szkolenie", org_unit=office.transport, owner=office.outsider)
    client = client_for(office.quality)
    rows = _sheet(client.get(f"/actions/export.xlsx?unit={office.civil.pk}"))
    assert rows[0][:3] == ["Reference", "Title", "Kind"]
    assert [row[1] for row in rows[1:]] == ["Karty usług"]
    assert isinstance(rows[1][6], datetime)  # a date the spreadsheet can sort and filter


def test_the_tracker_page_links_to_the_export_with_its_filters(office, client_for):
    html = client_for(office.quality).get(f"/actions/?unit={office.civil.pk}").content.decode()
    assert f'href="/actions/export.xlsx?unit={office.civil.pk}"' in html


def test_the_export_costs_the_same_queries_for_two_rows_or_twelve(office, client_for):
    client = client_for(office.quality)
    for n in range(2):
        office.action(title=f"Akcja {n}")
    with CaptureQueriesContext(connection) as few:
        client.get("/actions/export.xlsx")
    for n in range(10):
        office.action(title=f"Więcej {n}", due_date=timezone.localdate() + timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as many:
        rows = _sheet(client.get("/actions/export.xlsx"))
    assert len(rows) == 13 and Action.objects.count() == 12
    assert len(many) == len(few)
