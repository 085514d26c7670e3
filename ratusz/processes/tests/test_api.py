"""The processes API speaks the same rules as the pages, with clear errors."""

from __future__ import annotations

from rest_framework.test import APIClient

from ratusz.core.tests.factories import clause
from ratusz.processes.models import Process
from ratusz.processes.tests.factories import make_process


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_staff_list_and_filter_processes(office):
    make_process(office, code="P03")
    make_process(office, code="P05", owner_unit=office.transport, risk=5, kind="core")
    make_process(office, code="P13", owner_unit=office.finance, kind="support", risk=2)
    client = api(office.employee)
    rows = client.get("/api/v1/processes/").json()["results"]
    assert [r["code"] for r in rows] == ["P03", "P05", "P13"]
    assert rows[0]["clauses"] and rows[0]["open_nonconformities"] == 0
    assert rows[0]["last_audited"] is None
    assert [r["code"] for r in client.get("/api/v1/processes/?kind=support").json()["results"]] == [
        "P13"
    ]
    assert [
        r["code"]
        for r in client.get(f"/api/v1/processes/?unit={office.civil.pk}").json()["results"]
    ] == ["P03"]
    assert [r["code"] for r in client.get("/api/v1/processes/?sort=-risk").json()["results"]][
        0
    ] == "P05"


def test_the_api_list_queries_do_not_grow_with_processes(office, django_assert_max_num_queries):
    client = api(office.employee)
    make_process(office, code="P01")
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/processes/").status_code == 200
    for i in range(25):
        make_process(office, code=f"X{i:02d}", owner=None)
    # roles, count, rows with their last audit and open nonconformities, clauses
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/processes/").status_code == 200


def test_a_taken_code_gets_a_message_on_the_code_field(office):
    make_process(office, code="P03")
    response = api(office.quality).post(
        "/api/v1/processes/",
        {"code": "P03", "name": "Inny", "owner_unit": office.civil.pk, "kind": "core", "risk": 3},
        format="json",
    )
    assert response.status_code == 400 and "code" in response.json()
    assert Process.objects.count() == 1


def test_an_inactive_owner_is_refused_naming_the_owner_field(office):
    # No service deactivates an account (the admin does): set it directly.
    office.colleague.is_active = False
    office.colleague.save()
    response = api(office.quality).post(
        "/api/v1/processes/",
        {
            "code": "P17",
            "name": "Nowy",
            "owner_unit": office.civil.pk,
            "owner": office.colleague.pk,
            "kind": "core",
            "risk": 3,
        },
        format="json",
    )
    assert response.status_code == 400 and "owner" in response.json()


def test_a_stale_version_gets_409_and_nothing_is_overwritten(office):
    process = make_process(office)
    first = api(office.owner).patch(
        f"/api/v1/processes/{process.pk}/",
        {"version": 1, "description": "Pierwszy"},
        format="json",
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api(office.quality).patch(
        f"/api/v1/processes/{process.pk}/",
        {"version": 1, "description": "Drugi"},
        format="json",
    )
    assert second.status_code == 409
    process.refresh_from_db()
    assert process.description == "Pierwszy"


def test_an_edit_without_the_version_is_refused(office):
    process = make_process(office)
    response = api(office.quality).patch(
        f"/api/v1/processes/{process.pk}/", {"risk": 5}, format="json"
    )
    assert response.status_code == 400 and "version" in response.json()


def test_the_head_of_the_unit_changes_clauses_but_not_the_owner_through_the_api(office):
    process = make_process(office)
    client = api(office.owner)
    ok = client.patch(
        f"/api/v1/processes/{process.pk}/",
        {"version": 1, "clauses": [clause("7.5").pk]},
        format="json",
    )
    assert ok.status_code == 200
    refused = client.patch(
        f"/api/v1/processes/{process.pk}/",
        {"version": 2, "owner": office.employee.pk},
        format="json",
    )
    assert refused.status_code == 403
    process.refresh_from_db()
    assert process.owner == office.owner


def test_the_openapi_schema_describes_the_processes_endpoints(office):
    response = api(office.quality).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/processes/" in paths and "/api/v1/processes/{id}/deactivate/" in paths
    names = [p["name"] for p in paths["/api/v1/processes/"]["get"]["parameters"]]
    assert {"unit", "kind", "risk", "active", "q", "sort"} <= set(names)
