"""Role × endpoint for the office's context (joins the core permission table)."""

from __future__ import annotations

import pytest
from django.test import Client

from ratusz.context.tests.factories import make_issue, make_party
from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row

API = 403  # the API refuses a signed-in caller it does not serve with 403
READ = row(200, anonymous=LOGIN, external=403)
READ_ONE = row(200, anonymous=LOGIN, external=404)
API_READ = row(200, anonymous=NO_CREDENTIALS, external=API)
MANAGERS = row(403, anonymous=LOGIN, quality=200, mayor=200)

TABLE = {
    "context:overview": ("get", "/context/", READ),
    "context:climate": ("get", "/context/climate/", MANAGERS),
    "context:leadership": ("get", "/context/leadership/", READ),
    "context:issue_list": ("get", "/context/issues/", READ),
    "context:issue_export": ("get", "/context/issues/export.xlsx", READ),
    "context:issue_create": ("get", "/context/issues/new/", MANAGERS),
    "context:issue_detail": ("get", "/context/issues/{issue}/", READ_ONE),
    "context:issue_edit": (
        "get",
        "/context/issues/{issue}/edit/",
        row(403, anonymous=LOGIN, quality=200, mayor=200, owner=200, external=404),
    ),
    "context:party_list": ("get", "/context/parties/", READ),
    "context:party_export": ("get", "/context/parties/export.xlsx", READ),
    "context:party_create": ("get", "/context/parties/new/", MANAGERS),
    "context:party_detail": ("get", "/context/parties/{party}/", READ_ONE),
    "context:party_edit": (
        "get",
        "/context/parties/{party}/edit/",
        row(403, anonymous=LOGIN, quality=200, mayor=200, owner=200, external=404),
    ),
    "context-issue-list": ("get", "/api/v1/context-issues/", API_READ),
    "context-issue-detail": ("get", "/api/v1/context-issues/{issue}/", API_READ),
    "interested-party-list": ("get", "/api/v1/interested-parties/", API_READ),
    "interested-party-detail": ("get", "/api/v1/interested-parties/{party}/", API_READ),
    "interested-party-add-requirement": (
        "post",
        "/api/v1/interested-parties/{party}/requirements/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, mayor=201, owner=201),
    ),
    "interested-party-reviewed": (
        "post",
        "/api/v1/interested-parties/{party}/reviewed/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, mayor=200, owner=200),
    ),
    "context:reviewed": (
        "post",
        "/context/reviewed/",
        row(403, anonymous=LOGIN, external=403, quality=302, mayor=302),
    ),
    "context:party_step": (
        "post",
        "/context/parties/{party}/add-requirement/",
        row(403, anonymous=LOGIN, quality=302, mayor=302, owner=302, external=404),
    ),
}

WRITES = {
    "page: decide on climate change": (
        "post",
        "/context/climate/",
        row(403, anonymous=LOGIN, external=403, quality=302, mayor=302),
    ),
    "page: add an issue": (
        "post",
        "/context/issues/new/",
        row(403, anonymous=LOGIN, external=403, quality=302, mayor=302),
    ),
    "page: edit an issue": (
        "post",
        "/context/issues/{issue}/edit/",
        row(403, anonymous=LOGIN, quality=302, mayor=302, owner=302, external=404),
    ),
    "api: add an issue": (
        "post",
        "/api/v1/context-issues/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, mayor=201),
    ),
    "api: change an issue": (
        "patch",
        "/api/v1/context-issues/{issue}/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, mayor=200, owner=200),
    ),
    "api: add a party": (
        "post",
        "/api/v1/interested-parties/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, mayor=201),
    ),
}


def _fixtures(office):
    return {"issue": make_issue(office).pk, "party": make_party(office).pk}


def _payload(office, path, ids):
    if path in ("/context/issues/new/", "/api/v1/context-issues/") or path.endswith(
        f"/issues/{ids['issue']}/edit/"
    ):
        return {
            "version": 1,
            "title": "Nowa ustawa",
            "kind": "external",
            "category": "legal",
            "effect": "Aktualizacja procedur.",
            "owner": office.owner.pk,
            "review_date": "2030-01-15",
            "is_active": "on",
        }
    if path == "/api/v1/interested-parties/":
        return {"name": "Rada", "kind": "external", "owner": office.owner.pk}
    if path.endswith("requirements/") or path.endswith("add-requirement/"):
        return {"version": 2, "text": "Terminy", "monitoring": "Rejestr", "review": "Co rok"}
    if path.endswith("reviewed/") and "parties" in path:
        return {"version": 2}
    if path == "/context/climate/":
        return {"relevant": "yes", "justification": "Podtopienia."}
    if path == "/context/reviewed/":
        return {"notes": "Bez zmian."}
    return {"version": 1, "effect": "Nowy wpływ."}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_context_endpoint(office, name, persona):
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
