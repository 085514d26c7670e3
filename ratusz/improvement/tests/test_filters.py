"""The filters of the nonconformity register and the ideas: the page and the API honour
the same parameters, and `-x` sorts descending like everywhere else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core.tests.factories import clause
from ratusz.improvement import services
from ratusz.improvement.models import Nonconformity
from ratusz.improvement.tests.factories import open_nc, report


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def rows(client_for, user, path: str, query: str) -> list[int]:
    page = client_for(user).get(f"/improvement/{path}/?{query}")
    assert page.status_code == 200
    listed = [row.pk for row in page.context["page"].object_list]
    answer = api(user).get(f"/api/v1/{path}/?{query}")
    assert answer.status_code == 200, answer.json()
    assert [row["id"] for row in answer.json()["results"]] == listed
    return listed


@pytest.fixture
def ncs(office):
    first = open_nc(office, title="Błędny adres w dowodzie")
    again = open_nc(office, title="Znowu błędny adres")  # the same clause and unit: recurring
    reported = report(office, title="Kolejka przy okienku", org_unit=office.transport)
    late = open_nc(office, title="Spóźniona decyzja", org_unit=office.finance)
    Nonconformity.objects.filter(pk=late.pk).update(
        target_date=timezone.localdate() - timedelta(days=1)
    )
    return {"first": first, "again": again, "reported": reported, "late": late}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["late", "reported", "again", "first"]),
        ("unit={civil}", ["again", "first"]),
        ("q=adres", ["again", "first"]),
        ("status=reported", ["reported"]),
        ("status=open", ["late", "reported", "again", "first"]),
        ("overdue=on", ["late"]),
        ("recurring=true", ["again"]),
        ("grade=minor&unit={finance}", ["late"]),
        ("clause={clause}&sort=number", ["first", "again", "late"]),
        ("sort=-number", ["late", "reported", "again", "first"]),
        ("sort=number", ["first", "again", "reported", "late"]),
    ],
)
def test_the_api_honours_the_nonconformity_filters_of_the_page(
    office, client_for, ncs, query, expected
):
    query = query.format(
        civil=office.civil.pk, finance=office.finance.pk, clause=clause("8.5.1").pk
    )
    assert rows(client_for, office.quality, "nonconformities", query) == [
        ncs[name].pk for name in expected
    ]


def test_the_api_honours_the_idea_filters_of_the_page(office, client_for):
    civil = services.submit_idea(
        actor=office.employee,
        title="Kolejka online",
        description="Rezerwacja.",
        org_unit=office.civil,
    )
    other = services.submit_idea(
        actor=office.outsider, title="Tablica", description="Informacja.", org_unit=office.transport
    )
    assert rows(client_for, office.quality, "ideas", f"unit={office.civil.pk}") == [civil.pk]
    assert rows(client_for, office.quality, "ideas", "q=tablica") == [other.pk]
    assert rows(client_for, office.quality, "ideas", "status=open") == [other.pk, civil.pk]
    assert rows(client_for, office.quality, "ideas", "status=rejected") == []


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("nonconformities", "unit=999999", "unit"),
        ("nonconformities", "process=abc", "process"),
        ("nonconformities", "sort=newest", "sort"),
        ("nonconformities", "grade=huge", "grade"),
        ("ideas", "status=maybe", "status"),
    ],
)
def test_a_value_the_filters_cannot_use_is_marked_on_the_page_and_refused_by_the_api(
    office, client_for, ncs, path, query, parameter
):
    page = client_for(office.quality).get(f"/improvement/{path}/?{query}")
    assert page.status_code == 200 and parameter in page.context["form"].errors
    assert f'id="id_{parameter}_error"' in page.content.decode()
    answer = api(office.quality).get(f"/api/v1/{path}/?{query}")
    assert answer.status_code == 400 and parameter in answer.json()


def test_a_date_the_statistics_cannot_read_is_marked_and_the_other_filters_still_apply(
    office, client_for, ncs
):
    response = client_for(office.quality).get(
        f"/improvement/statistics/?date_from=2026-13-45&unit={office.finance.pk}"
    )
    assert response.status_code == 200
    assert "date_from" in response.context["form"].errors
    assert 'id="id_date_from_error"' in response.content.decode()
    assert response.context["stats"].total == 1  # the finance unit's one
