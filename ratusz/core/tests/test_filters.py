"""List filters: the action tracker's page and API honour the same parameters, a value
they cannot use is marked on the page and refused by the API, and every list sorts
by one convention."""

from __future__ import annotations

import importlib
import importlib.util
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core import services
from ratusz.core.listing import ListFilterSet, SortFilter
from ratusz.core.models import Action


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page_rows(client, query: str) -> list[int]:
    response = client.get(f"/actions/?{query}")
    assert response.status_code == 200
    return [action.pk for action in response.context["page"].object_list]


def api_rows(user, query: str) -> list[int]:
    response = api(user).get(f"/api/v1/actions/?{query}")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_the_api_honours_the_unit_owner_and_text_filters_of_the_page(office, client_for):
    wanted = office.action(title="Kolejka przy okienku", org_unit=office.civil_desk)
    office.action(title="Kolejka w komunikacji", org_unit=office.transport, owner=office.outsider)
    office.action(title="Karty usług")
    office.action(title="Kolejka u kolegi", owner=office.colleague)
    query = f"unit={office.civil.pk}&owner={office.employee.pk}&q=kolejka"
    assert page_rows(client_for(office.quality), query) == [wanted.pk]
    assert api_rows(office.quality, query) == [wanted.pk]


@pytest.mark.parametrize("status", ["open", "overdue", "due_soon", "done", "closed", "all"])
def test_the_api_honours_the_status_filter_of_the_page(office, client_for, status):
    soon = office.action(title="Soon", due_date=timezone.localdate() + timedelta(days=2))
    late = office.action(title="Late")
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    done = office.action(title="Done")
    services.complete_action(
        actor=office.employee,
        action=done,
        expected_version=done.version,
        completion_evidence="Zrobione",
    )
    rows = page_rows(client_for(office.quality), f"status={status}")
    assert rows == api_rows(office.quality, f"status={status}")
    expected = {
        "open": [late.pk, soon.pk],
        "overdue": [late.pk],
        "due_soon": [soon.pk],
        "done": [done.pk],
        "closed": [],
        "all": [late.pk, soon.pk, done.pk],
    }
    assert rows == expected[status]


def test_the_page_lists_open_actions_by_default_and_the_api_every_action(office, client_for):
    open_one = office.action(title="Open")
    cancelled = office.action(title="Cancelled")
    services.cancel_action(
        actor=office.quality,
        action=cancelled,
        expected_version=cancelled.version,
        cancel_reason="Zbędne",
    )
    assert page_rows(client_for(office.quality), "") == [open_one.pk]
    assert api_rows(office.quality, "") == [open_one.pk, cancelled.pk]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("unit=999999", "unit"), ("owner=abc", "owner"), ("status=bogus", "status")],
)
def test_a_value_the_filters_cannot_use_is_marked_on_the_page_and_refused_by_the_api(
    office, client_for, query, parameter
):
    office.action()
    response = client_for(office.quality).get(f"/actions/?{query}")
    assert response.status_code == 200
    assert parameter in response.context["form"].errors
    html = response.content.decode()
    assert f'aria-describedby="id_{parameter}_error"' in html
    assert f'<p class="error" id="id_{parameter}_error">' in html
    answer = api(office.quality).get(f"/api/v1/actions/?{query}")
    assert answer.status_code == 400
    assert parameter in answer.json()


def test_a_status_the_page_cannot_use_leaves_the_open_actions_listed(office, client_for):
    open_one = office.action(title="Open")
    cancelled = office.action(title="Cancelled")
    services.cancel_action(
        actor=office.quality,
        action=cancelled,
        expected_version=cancelled.version,
        cancel_reason="Zbędne",
    )
    assert page_rows(client_for(office.quality), "status=bogus") == [open_one.pk]


def test_permissions_apply_before_the_filters(office, client_for):
    office.action(title="Transport", org_unit=office.transport, owner=office.outsider)
    query = f"unit={office.transport.pk}"
    assert page_rows(client_for(office.employee), query) == []
    assert api_rows(office.employee, query) == []


def test_the_schema_lists_the_filters_of_the_action_list(office):
    schema = api(office.quality).get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/actions/"]["get"]["parameters"]
    assert {"status", "unit", "owner", "q"} <= {p["name"] for p in parameters}


def _filtersets() -> list[type[ListFilterSet]]:
    for app in apps.get_app_configs():
        if app.name.startswith("ratusz.") and importlib.util.find_spec(f"{app.name}.filters"):
            importlib.import_module(f"{app.name}.filters")
    found, todo = [], list(ListFilterSet.__subclasses__())
    while todo:
        filterset = todo.pop()
        found.append(filterset)
        todo.extend(filterset.__subclasses__())
    return found


def test_every_list_sorts_x_ascending_and_minus_x_descending():
    sorts = [
        f for fs in _filtersets() for f in fs.base_filters.values() if isinstance(f, SortFilter)
    ]
    assert len(sorts) >= 3  # processes, documents, nonconformities
    for sort in sorts:
        for key, order in sort.orders.items():
            if key.startswith("-"):
                continue
            descending = sort.orders[f"-{key}"]
            assert len(descending) == len(order)
            first, first_desc = order[0], descending[0]
            if isinstance(first, str):
                assert first_desc == (first[1:] if first.startswith("-") else f"-{first}")
            else:
                assert first.descending is False and first_desc.descending is True
        assert {key for key, _label in sort.extra["choices"]} <= set(sort.orders)
