"""Importing a contract register: all rows or none, every bad row named."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.lib import spreadsheet
from ratusz.suppliers.models import Contract, Contractor

pytestmark = pytest.mark.django_db

HEADER = "subject;contractor_nip;contractor_name;kind;procedure;unit_code;value_net;value_gross;signed_on;planned_completion;cap_percent;status"
GOOD = "Remont chodnika;5260250274;Drogbud;works;basic;{unit};100 000,00;123 000,00;2025-01-10;2025-06-30;20;running"
SECOND = "Dostawa ławek;5260250274;;supplies;below_threshold;{unit};10 000,00;12 300,00;2025-02-01;2025-04-30;10;running"


def _post(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content)
    return client.post("/suppliers/contracts/import/", {"file": upload})


def test_a_good_csv_registers_every_row_and_its_contractor_once(office, client_for):
    text = "\n".join([HEADER, GOOD, SECOND]).format(unit=office.transport.code)
    response = _post(client_for(office.quality), "umowy.csv", text.encode())
    assert response.status_code == 302
    assert Contract.objects.count() == 2
    assert Contractor.objects.count() == 1


def test_one_bad_row_saves_nothing_and_each_bad_row_is_named(office, client_for):
    bad_unit = GOOD.replace("{unit}", "XX")
    no_cap = SECOND.replace(";10;running", ";;running")
    text = "\n".join([HEADER, GOOD, bad_unit, no_cap]).format(unit=office.transport.code)
    response = _post(client_for(office.quality), "umowy.csv", text.encode())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 3: unit_code" in page
    assert "Row 4: cap_amount" in page
    assert not Contract.objects.exists() and not Contractor.objects.exists()


def test_an_xlsx_register_is_read_too(office, client_for):
    header = HEADER.split(";")
    row = GOOD.format(unit=office.transport.code).split(";")
    content = spreadsheet.table("Umowy", header, [row])
    response = _post(client_for(office.quality), "umowy.xlsx", content)
    assert response.status_code == 302
    assert Contract.objects.get().subject == "Remont chodnika"


def test_a_file_without_the_required_columns_is_refused(office, client_for):
    response = _post(client_for(office.quality), "umowy.csv", io.BytesIO(b"a;b\n1;2").read())
    assert response.status_code == 400
    assert "Columns missing" in response.content.decode()
