"""The nonconformity register exports to XLSX with the page's filters."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ratusz.improvement.tests.factories import open_nc, report


def _rows(response):
    assert response.status_code == 200
    assert 'filename="nonconformities-' in response["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_register_exports_what_its_filters_show(office, client_for):
    open_nc(office, title="Otwarta")
    report(office, title="Zgłoszona")
    client = client_for(office.quality)
    rows = _rows(client.get("/improvement/nonconformities/export.xlsx?status=reported"))
    assert rows[0][0] == "Reference" and [row[1] for row in rows[1:]] == ["Zgłoszona"]
    html = client.get("/improvement/nonconformities/?status=reported").content.decode()
    assert 'href="/improvement/nonconformities/export.xlsx?status=reported"' in html


def test_an_employee_exports_only_what_they_may_see(office, client_for):
    report(office, title="Moje", actor=office.employee)
    open_nc(office, title="Cudze", actor=office.owner)
    rows = _rows(client_for(office.employee).get("/improvement/nonconformities/export.xlsx"))
    assert [row[1] for row in rows[1:]] == ["Moje"]


def test_the_export_costs_the_same_queries_however_many_rows(office, client_for):
    client = client_for(office.quality)
    open_nc(office)
    with CaptureQueriesContext(connection) as few:
        client.get("/improvement/nonconformities/export.xlsx")
    for n in range(5):
        open_nc(office, title=f"Kolejna {n}")
    with CaptureQueriesContext(connection) as many:
        rows = _rows(client.get("/improvement/nonconformities/export.xlsx"))
    assert len(rows) == 7 and len(many) == len(few)
