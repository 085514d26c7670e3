"""Role × endpoint for the process map (joins the core permission table)."""

from __future__ import annotations

import pytest
from django.test import Client

from ratusz.core.tests.factories import clause
from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.processes.tests.factories import make_process

API = 403  # the API refuses a signed-in caller it does not serve with 403

TABLE = {
    "processes:list": ("get", "/processes/", row(200, anonymous=LOGIN, external=403)),
    "processes:create": (
        "get",
        "/processes/new/",
        row(403, anonymous=LOGIN, quality=200),
    ),
    "processes:map": ("get", "/processes/map/", row(200, anonymous=LOGIN, external=403)),
    "processes:detail": ("get", "/processes/{process}/", row(200, anonymous=LOGIN, external=404)),
    "processes:edit": (
        "get",
        "/processes/{process}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "process-list": ("get", "/api/v1/processes/", row(200, anonymous=NO_CREDENTIALS, external=API)),
    "process-detail": (
        "get",
        "/api/v1/processes/{process}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "process-deactivate": (
        "post",
        "/api/v1/processes/{process}/deactivate/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
}

WRITES = {
    "page: add a process": (
        "post",
        "/processes/new/",
        row(403, anonymous=LOGIN, quality=302),
    ),
    "page: edit a process": (
        "post",
        "/processes/{process}/edit/",
        row(403, anonymous=LOGIN, quality=302, owner=302, external=404),
    ),
    "api: add a process": (
        "post",
        "/api/v1/processes/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "api: change the description": (
        "patch",
        "/api/v1/processes/{process}/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200),
    ),
    "api: change the risk": (
        "patch",
        "/api/v1/processes/{process}/?risk",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
}


def _fixtures(office):
    process = make_process(office, code="P03")
    return {"process": process.pk, "clause": clause("7.5").pk}


def _payload(office, method, path, ids):
    if path == "/processes/new/" or path == "/api/v1/processes/":
        return {
            "code": "P17",
            "name": "Nowy proces",
            "kind": "support",
            "owner_unit": office.finance.pk,
            "owner": office.auditor.pk,
            "risk": 2,
            "clauses": [ids["clause"]],
            "description": "Opis.",
        }
    if path.endswith("/edit/"):
        # The whole form: the head of the unit's disabled fields ignore what is posted.
        return {
            "version": 1,
            "code": "P03",
            "name": "Dowody osobiste",
            "kind": "core",
            "owner_unit": office.civil.pk,
            "owner": office.owner.pk,
            "risk": 4,
            "clauses": [ids["clause"]],
            "description": "Nowy opis.",
            "is_active": "on",
        }
    if path.endswith("?risk"):
        return {"version": 1, "risk": 1}
    return {"version": 1, "description": "Nowy opis."}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_processes_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    payload = _payload(office, method, path, ids)
    if path.startswith("/api/"):
        path = path.removesuffix("?risk")
        if method == "get":
            response = client.get(path)
        else:
            response = getattr(client, method)(path, payload, content_type="application/json")
    else:
        response = getattr(client, method)(path, payload) if method == "post" else client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
