"""The REST API speaks the same rules as the pages, with clear errors."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ratusz.core.models import Action


def api(user=None, token=False):
    # Messages are asserted in English, as pages are (Polish is the office's default).
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user and token:
        # ORM: tokens are issued in the admin (DRF's model); Ratusz has no service for them.
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    elif user:
        client.force_authenticate(user)
    return client


def test_a_token_authenticates_api_calls(office):
    office.action()
    response = api(office.quality, token=True).get("/api/v1/actions/")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_an_invalid_payload_gets_a_message_per_field(office):
    response = api(office.quality).post(
        "/api/v1/actions/", {"title": "", "due_date": "31-31-2026", "owner": 9999}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert {"title", "due_date", "owner", "org_unit"} <= set(body)
    assert Action.objects.count() == 0


def test_a_service_rule_breach_comes_back_as_a_field_error(office):
    due = timezone.localdate() + timedelta(days=10)
    response = api(office.quality).post(
        "/api/v1/actions/",
        {
            "title": "X",
            "org_unit": office.civil.pk,
            "owner": office.employee.pk,
            "due_date": due.isoformat(),
            "effectiveness_due": (due - timedelta(days=3)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "effectiveness_due" in response.json()


def test_a_stale_version_gets_409_with_the_current_record(office):
    action = office.action()
    client = api(office.owner)
    assert (
        client.patch(
            f"/api/v1/actions/{action.pk}/", {"title": "First", "version": 1}, format="json"
        ).status_code
        == 200
    )
    response = api(office.quality).patch(
        f"/api/v1/actions/{action.pk}/", {"title": "Second", "version": 1}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["current"]["title"] == "First"
    action.refresh_from_db()
    assert action.title == "First"


def test_an_edit_without_a_version_is_refused(office):
    action = office.action()
    response = api(office.owner).patch(
        f"/api/v1/actions/{action.pk}/", {"title": "No version"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()


def test_the_lifecycle_through_the_api(office):
    action = office.action()
    employee = api(office.employee)
    r = employee.post(
        f"/api/v1/actions/{action.pk}/complete/",
        {"version": 1, "completion_evidence": "Zrobione"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "done"
    r = api(office.owner).post(
        f"/api/v1/actions/{action.pk}/verify/",
        {"version": 2, "effective": True, "effectiveness_notes": "Sprawdzone"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"


def test_the_openapi_schema_describes_the_actions_endpoints(office):
    response = api(office.quality).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/actions/{id}/complete/" in paths
    assert "/api/v1/org-units/" in paths and "/api/v1/users/" in paths


def test_the_swagger_ui_is_served_from_the_app_not_a_cdn(office, client_for):
    html = client_for(office.quality).get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
