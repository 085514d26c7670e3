"""Role × endpoint for nonconformities and ideas (joins the core permission table)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core.tests.factories import appoint_head
from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.improvement import services
from ratusz.improvement.tests.factories import awaiting_verification, open_nc, report

API = 403  # the API refuses a signed-in caller it does not serve with 403
READERS = {"quality": 200, "mayor": 200, "auditor": 200}
STATS = row(403, anonymous=LOGIN, quality=200, mayor=200, owner=200, auditor=200)
# Who can see the civil unit's nonconformity: the readers, its head, its reporter (employee).
SEES_NC = row(200, anonymous=LOGIN, outsider=404, external=404)
API_SEES_NC = row(200, anonymous=NO_CREDENTIALS, external=API, outsider=404)
# Those who see it but may not change it get 403; those who cannot see it, 404.
CHANGE = {"mayor": 403, "auditor": 403, "employee": 403, "outsider": 404}

TABLE = {
    "improvement:index": ("get", "/improvement/", row(302)),
    "improvement:report": ("get", "/improvement/report/", row(200, anonymous=LOGIN, external=403)),
    "improvement:nc_list": (
        "get",
        "/improvement/nonconformities/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "improvement:nc_export": (
        "get",
        "/improvement/nonconformities/export.xlsx",
        row(200, anonymous=LOGIN, external=403),
    ),
    "improvement:nc_create": (
        "get",
        "/improvement/nonconformities/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200, auditor=200),
    ),
    "improvement:nc_detail": ("get", "/improvement/nonconformities/{open}/", SEES_NC),
    "improvement:nc_step": (
        "post",
        "/improvement/nonconformities/{open}/correction/",
        row(302, anonymous=LOGIN, external=404, **CHANGE),
    ),
    "improvement:idea_list": (
        "get",
        "/improvement/ideas/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "improvement:idea_detail": (
        "get",
        "/improvement/ideas/{idea}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "improvement:idea_step": (
        "post",
        "/improvement/ideas/{idea}/evaluate/",
        row(403, anonymous=LOGIN, external=404, quality=302, owner=302),
    ),
    "improvement:statistics": ("get", "/improvement/statistics/", STATS),
    "improvement:statistics_export": ("get", "/improvement/statistics/export.xlsx", STATS),
    "nonconformity-list": (
        "get",
        "/api/v1/nonconformities/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "nonconformity-detail": ("get", "/api/v1/nonconformities/{open}/", API_SEES_NC),
    "nonconformity-triage": (
        "post",
        "/api/v1/nonconformities/{reported}/triage/",
        row(403, anonymous=NO_CREDENTIALS, external=API, outsider=404, quality=200),
    ),
    "nonconformity-correction": (
        "post",
        "/api/v1/nonconformities/{open}/correction/",
        row(200, anonymous=NO_CREDENTIALS, external=API, **CHANGE),
    ),
    "nonconformity-root-cause": (
        "post",
        "/api/v1/nonconformities/{open}/root-cause/",
        row(200, anonymous=NO_CREDENTIALS, external=API, **CHANGE),
    ),
    "nonconformity-actions": (
        "post",
        "/api/v1/nonconformities/{open}/actions/",
        row(201, anonymous=NO_CREDENTIALS, external=API, **CHANGE),
    ),
    "nonconformity-plan-verification": (
        "post",
        "/api/v1/nonconformities/{open}/plan-verification/",
        row(200, anonymous=NO_CREDENTIALS, external=API, **CHANGE),
    ),
    "nonconformity-request-verification": (
        # Allowed, but nothing is analysed yet: 400 with the missing fields.
        "post",
        "/api/v1/nonconformities/{open}/request-verification/",
        row(400, anonymous=NO_CREDENTIALS, external=API, **CHANGE),
    ),
    "nonconformity-verification": (
        # The owner of the nonconformity may not judge its effectiveness.
        "post",
        "/api/v1/nonconformities/{verify}/verification/",
        row(403, anonymous=NO_CREDENTIALS, external=API, outsider=404, quality=200),
    ),
    "nonconformity-close": (
        # Not verified yet: the quality manager is told so (400), everyone else 403.
        "post",
        "/api/v1/nonconformities/{verify}/close/",
        row(403, anonymous=NO_CREDENTIALS, external=API, outsider=404, quality=400),
    ),
    "idea-list": ("get", "/api/v1/ideas/", row(200, anonymous=NO_CREDENTIALS, external=API)),
    "idea-detail": (
        "get",
        "/api/v1/ideas/{idea}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "idea-evaluate": (
        "post",
        "/api/v1/ideas/{idea}/evaluate/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200),
    ),
    "idea-decide": (
        "post",
        "/api/v1/ideas/{idea}/decide/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "idea-actions": (
        # Not accepted yet: 400 for those who may add actions.
        "post",
        "/api/v1/ideas/{idea}/actions/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=400, owner=400),
    ),
    "idea-implemented": (
        "post",
        "/api/v1/ideas/{idea}/implemented/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=400, owner=400),
    ),
}

WRITES = {
    "api: report a nonconformity": (
        "post",
        "/api/v1/nonconformities/",
        row(201, anonymous=NO_CREDENTIALS, external=API),
    ),
    "api: submit an idea": (
        "post",
        "/api/v1/ideas/",
        row(201, anonymous=NO_CREDENTIALS, external=API),
    ),
    "page: record a nonconformity": (
        "post",
        "/improvement/nonconformities/new/",
        row(403, anonymous=LOGIN, quality=302, owner=302, auditor=302),
    ),
    "page: report a problem": (
        "post",
        "/improvement/report/",
        row(302, anonymous=LOGIN, external=403),
    ),
    "page: triage": (
        "post",
        "/improvement/nonconformities/{reported}/triage/",
        row(403, anonymous=LOGIN, external=404, outsider=404, quality=302),
    ),
    "page: record the effectiveness check": (
        "post",
        "/improvement/nonconformities/{verify}/record-verification/",
        row(403, anonymous=LOGIN, external=404, outsider=404, quality=302),
    ),
    "page: decide on an idea": (
        "post",
        "/improvement/ideas/{idea}/decide/",
        row(403, anonymous=LOGIN, external=404, quality=302),
    ),
}


def _fixtures(office):
    appoint_head(office.civil, office.owner)
    reported = report(office)
    opened = open_nc(office, title="Otwarta")
    verify = awaiting_verification(office, title="Do sprawdzenia")
    idea = services.submit_idea(
        actor=office.employee, title="SMS", description="Powiadomienia", org_unit=office.civil
    )
    return {
        "reported": reported.pk,
        "open": opened.pk,
        "verify": verify.pk,
        "idea": idea.pk,
        "versions": {
            "reported": reported.version,
            "open": opened.version,
            "verify": verify.version,
            "idea": idea.version,
        },
        "civil": office.civil.pk,
        "employee": office.employee.pk,
    }


def _payload(path: str, ids: dict) -> dict:
    v = ids["versions"]
    soon = (timezone.localdate() + timedelta(days=40)).isoformat()
    today = timezone.localdate().isoformat()
    new = {"title": "Nowe", "description": "Opis", "org_unit": ids["civil"]}
    if path in ("/api/v1/nonconformities/", "/api/v1/ideas/"):
        return new
    if path == "/improvement/report/":
        return {**new, "kind": "nonconformity", "detected_on": today}
    if path.endswith("/nonconformities/new/"):
        return {**new, "source": "process_monitoring", "grade": "minor", "detected_on": today}
    if path.endswith("/triage/"):
        if path.startswith("/api/"):
            return {"version": v["reported"], "accept": False, "rejection_reason": "Nie dotyczy"}
        return {"version": v["reported"], "grade": "minor", "target_date": soon}
    if path.endswith("/correction/"):
        return {"version": v["open"], "correction": "Poprawiono", "correction_done_on": None}
    if path.endswith("/root-cause/"):
        return {"version": v["open"], "whys": ["Bo"], "root_cause": "Tak", "categories": ["people"]}
    if path.endswith("/actions/"):
        return {"title": "Działanie", "owner": ids["employee"], "due_date": soon}
    if path.endswith("/plan-verification/"):
        return {"version": v["open"], "verification_due": soon, "verification_method": "Próba"}
    if path.endswith("/request-verification/"):
        return {"version": v["open"]}
    if path.endswith("/verification/"):
        return {
            "version": v["verify"],
            "effective": True,
            "verification_notes": "OK",
            "confirmed": True,
        }
    if path.endswith("/record-verification/"):
        return {
            "version": v["verify"],
            "effective": "yes",
            "verification_notes": "OK",
            "confirmed": "on",
        }
    if path.endswith("/close/"):
        return {"version": v["verify"], "closure_notes": "", "confirm": "on"}
    if path.endswith("/evaluate/"):
        return {"version": v["idea"], "evaluation": "Dobre"}
    if path.endswith("/decide/"):
        if path.startswith("/api/"):
            return {"version": v["idea"], "accept": False, "decision_notes": "Nie teraz"}
        return {"version": v["idea"], "accept": "no", "decision_notes": "Nie teraz"}
    if path.endswith("/implemented/"):
        return {"version": v["idea"], "benefit_achieved": "Zysk"}
    return {}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_improvement_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    user = None if persona == "anonymous" else getattr(office, persona)
    if path.startswith("/api/"):
        client = APIClient()
        if user:
            client.force_authenticate(user)
        kwargs = {"format": "json"}
    else:
        client = Client()
        if user:
            client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
        kwargs = {}
    if method == "post":
        data = {k: v for k, v in _payload(path, ids).items() if v is not None or kwargs}
        response = client.post(path, data, **kwargs)
    else:
        response = client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}"
    )
