"""Role × endpoint for management reviews (joins the core permission table)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.reviews.tests.factories import held, plan

API = 403  # the API refuses a signed-in caller it does not serve with 403
STAFF_READ = row(200, anonymous=LOGIN, external=403)
DETAIL = row(200, anonymous=LOGIN, external=404)
QUALITY_ONLY = row(403, anonymous=LOGIN, quality=200, external=404)
API_READ = row(200, anonymous=NO_CREDENTIALS, external=API)

TABLE = {
    "reviews:list": ("get", "/reviews/", STAFF_READ),
    "reviews:create": ("get", "/reviews/new/", row(403, anonymous=LOGIN, quality=200)),
    "reviews:detail": ("get", "/reviews/{planned}/", DETAIL),
    "reviews:edit": ("get", "/reviews/{planned}/edit/", QUALITY_ONLY),
    "reviews:pack": ("get", "/reviews/{held}/pack.pdf", DETAIL),
    "review-list": ("get", "/api/v1/reviews/", API_READ),
    "review-detail": ("get", "/api/v1/reviews/{held}/", API_READ),
    "review-inputs": ("get", "/api/v1/reviews/{planned}/inputs/", API_READ),
    "review-decisions": ("get", "/api/v1/reviews/{held}/decisions/", API_READ),
    "reviews:step": (
        "post",
        "/reviews/{planned}/comment/",
        row(403, anonymous=LOGIN, quality=302, external=404),
    ),
}

WRITES = {
    "page: plan a review": ("post", "/reviews/new/", row(403, anonymous=LOGIN, quality=302)),
    "page: record a decision": (
        "post",
        "/reviews/{held}/decide/",
        row(403, anonymous=LOGIN, quality=302, external=404),
    ),
    "api: record a decision": (
        "post",
        "/api/v1/reviews/{held}/decisions/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
}


def _fixtures(office):
    return {"planned": plan(office).pk, "held": held(office).pk}


def _payload(office, path):
    today = timezone.localdate().isoformat()
    if path == "/reviews/new/":
        return {"planned_date": today, "chair": office.mayor.pk, "attendees": [office.owner.pk]}
    if path.endswith("/comment/"):
        return {"topic": "c4", "comment": "Uwagi.", "version": 1}
    return {
        "kind": "change",
        "text": "Zmienić procedurę.",
        "owner": office.owner.pk,
        "due_date": today,
    }


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_reviews_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    path = template.format(**_fixtures(office))
    user = None if persona == "anonymous" else getattr(office, persona)
    if path.startswith("/api/"):
        client = APIClient()
        if user:
            client.force_authenticate(user)
        response = (
            client.get(path)
            if method == "get"
            else client.post(path, _payload(office, path), format="json")
        )
    else:
        client = Client()
        if user:
            client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
        response = (
            client.get(path) if method == "get" else client.post(path, _payload(office, path))
        )
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
