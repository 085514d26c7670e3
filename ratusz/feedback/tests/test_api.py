"""The submissions API: the same services, rules and permissions as the pages."""

from __future__ import annotations

from rest_framework.test import APIClient

from ratusz.feedback.models import Submission
from ratusz.feedback.tests.factories import assigned, register


def _client(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_the_list_answers_in_a_fixed_number_of_queries(office, django_assert_max_num_queries):
    client = _client(office.quality)
    register(office)
    # user's roles, count, rows (with unit and handler)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/submissions/").status_code == 200
    for i in range(10):
        assigned(office, subject=f"Skarga {i}")
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/submissions/?state=all&kind=complaint").json()
    assert body["count"] == 11


def test_a_letter_is_registered_and_assigned_through_the_api(office):
    client = _client(office.quality)
    created = client.post(
        "/api/v1/submissions/",
        {
            "kind": "motion",
            "channel": "letter",
            "received_on": "2026-03-06",
            "subject": "Ławki",
            "content": "Więcej ławek.",
            "submitter_name": "Jan",
            "submitter_address": "ul. A 1",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["deadline"] == "2026-04-07"  # Easter Monday moved to Tuesday
    pk = created.json()["id"]
    done = client.post(
        f"/api/v1/submissions/{pk}/assign/",
        {"version": 1, "org_unit": office.civil.pk, "handler": office.employee.pk},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == "in_progress"


def test_a_refusal_names_the_field_and_saves_nothing(office):
    s = assigned(office)
    response = _client(office.employee).post(
        f"/api/v1/submissions/{s.pk}/decide/",
        {"version": s.version, "outcome": "unjustified", "outcome_reasons": ""},
        format="json",
    )
    assert response.status_code == 400 and "outcome_reasons" in response.json()
    assert Submission.objects.get().outcome == ""


def test_a_stale_version_is_a_conflict(office):
    s = assigned(office)
    response = _client(office.employee).post(
        f"/api/v1/submissions/{s.pk}/delay/",
        {"version": 1, "reason": "Opinia.", "new_deadline": "2099-01-01"},
        format="json",
    )
    assert response.status_code == 409
