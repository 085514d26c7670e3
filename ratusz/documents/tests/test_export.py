"""The document register exports to XLSX with the page's filters."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ratusz.documents.tests.factories import bring_into_force, make_document


def _rows(response):
    assert response.status_code == 200
    assert 'filename="documents-' in response["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_register_exports_what_its_filters_show(office, client_for):
    in_force = make_document(office, title="Obsługa skarg")
    bring_into_force(office, in_force)
    make_document(office, title="Projekt")
    client = client_for(office.quality)
    rows = _rows(client.get("/documents/export.xlsx?q=skarg"))
    assert rows[0][:2] == ("Number", "Title")
    assert [row[1] for row in rows[1:]] == ["Obsługa skarg"] and rows[1][6] == 1


def test_the_export_costs_the_same_queries_however_many_rows(office, client_for):
    client = client_for(office.quality)
    make_document(office, title="Pierwszy")
    with CaptureQueriesContext(connection) as few:
        client.get("/documents/export.xlsx")
    for n in range(4):
        make_document(office, title=f"Kolejny {n}")
    with CaptureQueriesContext(connection) as many:
        rows = _rows(client.get("/documents/export.xlsx"))
    assert len(rows) == 6 and len(many) == len(few)
