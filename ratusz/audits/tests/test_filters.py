"""The audit lists' filters: the page and the API honour the same parameters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.audits.tests import factories
from ratusz.core.models import Role


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def audits(world, office):
    today = timezone.localdate()
    second = office.person("auditor2", office.finance, Role.INTERNAL_AUDITOR)
    factories.auditor(office, second, trained_on=date(2023, 5, 1), can_lead=False)
    civil = world.plan(title="Dowody")
    transport = world.plan(
        title="Pojazdy",
        org_units=[office.transport],
        process=world.transport_process,
        team=[second],
        planned_start=today + timedelta(days=5),
        planned_end=today + timedelta(days=6),
    )
    next_year = date(today.year + 1, 2, 10)
    desk = world.plan(
        title="Referat",
        org_units=[office.civil_desk],
        process=None,
        planned_start=next_year,
        planned_end=next_year,
    )
    return {"civil": civil, "transport": transport, "desk": desk, "second": second}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["Referat", "Pojazdy", "Dowody"]),
        ("unit={civil}", ["Referat", "Dowody"]),
        ("process={transport_process}", ["Pojazdy"]),
        ("auditor={second}", ["Pojazdy"]),
        ("year={next_year}", ["Referat"]),
        ("status=planned&unit={transport}", ["Pojazdy"]),
        ("status=closed", []),
    ],
)
def test_the_api_honours_the_filters_of_the_page(office, world, client_for, audits, query, titles):
    query = query.format(
        civil=office.civil.pk,
        transport=office.transport.pk,
        transport_process=world.transport_process.pk,
        second=audits["second"].pk,
        next_year=timezone.localdate().year + 1,
    )
    page = client_for(office.quality).get(f"/audits/?{query}")
    assert [a.title for a in page.context["page"].object_list] == titles
    answer = api(office.quality).get(f"/api/v1/audits/?{query}")
    assert [row["title"] for row in answer.json()["results"]] == titles


def test_the_api_takes_a_year_the_select_does_not_offer(office, audits):
    answer = api(office.quality).get("/api/v1/audits/?year=1999")
    assert answer.status_code == 200 and answer.json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("year=last", "year"), ("unit=999999", "unit"), ("auditor=x", "auditor")],
)
def test_a_value_the_filters_cannot_use_is_marked_on_the_page_and_refused_by_the_api(
    office, client_for, audits, query, parameter
):
    page = client_for(office.quality).get(f"/audits/?{query}")
    assert page.status_code == 200 and parameter in page.context["form"].errors
    assert f'id="id_{parameter}_error"' in page.content.decode()
    answer = api(office.quality).get(f"/api/v1/audits/?{query}")
    assert answer.status_code == 400 and parameter in answer.json()


def test_findings_and_programme_items_are_filtered_through_their_filtersets(office, audits):
    client = api(office.quality)
    assert client.get(f"/api/v1/audit-findings/?audit={audits['civil'].pk}").status_code == 200
    assert client.get("/api/v1/audit-findings/?audit=first").status_code == 400
    assert client.get("/api/v1/audit-programme-items/?year=2026").status_code == 200
    assert "year" in client.get("/api/v1/audit-programme-items/?year=soon").json()
