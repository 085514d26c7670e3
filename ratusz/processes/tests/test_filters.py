"""The process map's filters: the page and the API honour the same parameters."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ratusz.processes import services
from ratusz.processes.tests.factories import make_process


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def processes(office):
    desk = make_process(office, code="P03", owner_unit=office.civil_desk, risk=5)
    make_process(office, code="P05", name="Rejestracja pojazdów", owner_unit=office.transport)
    make_process(office, code="P13", name="Budżet", owner_unit=office.finance, kind="support")
    old = make_process(office, code="P99", name="Stary proces", owner_unit=office.civil, risk=2)
    services.deactivate_process(actor=office.quality, process=old, expected_version=old.version)
    return desk


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("unit={civil}", ["P03"]),
        ("kind=support", ["P13"]),
        ("risk=5", ["P03"]),
        ("q=pojazd", ["P05"]),
        ("active=inactive", ["P99"]),
        ("active=all&unit={civil}", ["P03", "P99"]),
        ("active=all&sort=-risk", ["P03", "P05", "P13", "P99"]),
        ("sort=-code", ["P13", "P05", "P03"]),
        ("sort=name", ["P13", "P03", "P05"]),
    ],
)
def test_the_api_honours_the_filters_of_the_page(office, client_for, processes, query, codes):
    query = query.format(civil=office.civil.pk)
    page = client_for(office.employee).get(f"/processes/?{query}")
    assert [p.code for p in page.context["page"].object_list] == codes
    answer = api(office.employee).get(f"/api/v1/processes/?{query}")
    assert [row["code"] for row in answer.json()["results"]] == codes


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("unit=999999", "unit"), ("risk=9", "risk"), ("sort=popularity", "sort"), ("kind=x", "kind")],
)
def test_a_value_the_filters_cannot_use_is_marked_on_the_page_and_refused_by_the_api(
    office, client_for, processes, query, parameter
):
    page = client_for(office.employee).get(f"/processes/?{query}")
    assert page.status_code == 200 and parameter in page.context["form"].errors
    assert f'id="id_{parameter}_error"' in page.content.decode()
    answer = api(office.employee).get(f"/api/v1/processes/?{query}")
    assert answer.status_code == 400 and parameter in answer.json()
