"""Role × endpoint for the register of risks and opportunities (joins the core
permission table)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.risks import services
from ratusz.risks.tests.factories import make_risk

API = 403  # the API refuses a signed-in caller it does not serve with 403
READ = row(200, anonymous=LOGIN, external=403)
READ_ONE = row(200, anonymous=LOGIN, external=404)
API_READ = row(200, anonymous=NO_CREDENTIALS, external=API)
# The quality manager, top management, the head of the risk's unit (owner) and
# the risk's owner (here the head as well).
RISK_EDIT = row(403, anonymous=LOGIN, quality=200, mayor=200, owner=200, external=404)

TABLE = {
    "risks:list": ("get", "/risks/", READ),
    "risks:export": ("get", "/risks/export.xlsx", READ),
    "risks:heat_map": ("get", "/risks/heat-map/", READ),
    "risks:report": ("get", "/risks/report/{year}.pdf", READ),
    "risks:scale": ("get", "/risks/scale/", row(403, anonymous=LOGIN, quality=200)),
    "risks:create": (
        "get",
        "/risks/new/",
        row(403, anonymous=LOGIN, quality=200, mayor=200, owner=200),
    ),
    "risks:detail": ("get", "/risks/{risk}/", READ_ONE),
    "risks:edit": ("get", "/risks/{risk}/edit/", RISK_EDIT),
    "risks:step": (
        "post",
        "/risks/{risk}/assess/",
        row(403, anonymous=LOGIN, quality=302, mayor=302, owner=302, external=404),
    ),
    "risks:change_list": ("get", "/risks/changes/", READ),
    "risks:change_create": (
        "get",
        "/risks/changes/new/",
        row(403, anonymous=LOGIN, quality=200, mayor=200, owner=200),
    ),
    "risks:change_detail": ("get", "/risks/changes/{change}/", READ_ONE),
    "risks:change_edit": ("get", "/risks/changes/{change}/edit/", RISK_EDIT),
    "risks:change_step": (
        "post",
        "/risks/changes/{change}/add-action/",
        row(403, anonymous=LOGIN, quality=302, mayor=302, owner=302, external=404),
    ),
    "risk-list": ("get", "/api/v1/risks/", API_READ),
    "risk-detail": ("get", "/api/v1/risks/{risk}/", API_READ),
    "risk-assess": (
        "post",
        "/api/v1/risks/{risk}/assess/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, mayor=201, owner=201),
    ),
    "risk-treatments": (
        "post",
        "/api/v1/risks/{risk}/treatments/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, mayor=201, owner=201),
    ),
    "risk-assessment-list": ("get", "/api/v1/risk-assessments/", API_READ),
    "risk-assessment-detail": ("get", "/api/v1/risk-assessments/{assessment}/", API_READ),
}

WRITES = {
    "page: add a treatment": (
        "post",
        "/risks/{risk}/add-treatment/",
        row(403, anonymous=LOGIN, quality=302, mayor=302, owner=302, external=404),
    ),
    "page: close a risk": (
        "post",
        "/risks/{risk}/close/",
        row(403, anonymous=LOGIN, quality=302, mayor=302, owner=302, external=404),
    ),
    "page: set the scale": ("post", "/risks/scale/", row(403, anonymous=LOGIN, quality=302)),
    "api: add a risk": (
        "post",
        "/api/v1/risks/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, mayor=201, owner=201),
    ),
    "api: change a risk": (
        "patch",
        "/api/v1/risks/{risk}/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, mayor=200, owner=200),
    ),
}


def _fixtures(office):
    risk = make_risk(office)
    change = services.plan_change(
        actor=office.quality,
        title="EZD",
        purpose="p",
        consequences="c",
        integrity="i",
        resources="r",
        responsibilities="o",
        org_unit=office.civil,
        owner=office.owner,
        planned_for=timezone.localdate() + timedelta(days=30),
    )
    return {
        "change": change.pk,
        "risk": risk.pk,
        "assessment": risk.assessments.get().pk,
        "year": timezone.localdate().year,
    }


def _payload(office, path, ids):
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    levels = {
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "residual_likelihood": 2,
        "residual_impact": 2,
    }
    if path.endswith("/assess/"):
        return {"version": 1, **levels}
    if (
        path.endswith("/add-treatment/")
        or path.endswith("/treatments/")
        or path.endswith("/add-action/")
    ):
        return {"version": 1, "title": "Szkolenie", "owner": office.owner.pk, "due_date": due}
    if path == "/risks/scale/":
        return {
            "likelihood_levels": "a\nb\nc\nd\ne",
            "impact_levels": "a\nb\nc\nd\ne",
            "appetite": 8,
        }
    if path == "/api/v1/risks/":
        return {
            "title": "Powódź",
            "kind": "risk",
            "category": "environment",
            "cause": "Ulewy",
            "event": "Zalanie",
            "effect": "Utrudnienia",
            "org_unit": office.civil.pk,
            "owner": office.owner.pk,
            **levels,
            "response": "reduce",
            "review_date": due,
        }
    return {"version": 1}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_risks_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    payload = _payload(office, path, ids)
    if path.startswith("/api/"):
        if method == "get":
            response = client.get(path)
        else:
            response = getattr(client, method)(path, payload, content_type="application/json")
    else:
        response = client.post(path, payload) if method == "post" else client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
