"""Role × endpoint for quality objectives and KPIs (joins the core permission table)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.objectives.tests.factories import make_kpi, make_objective, measure

API = 403  # the API refuses a signed-in caller it does not serve with 403
YEAR = date.today().year - 1

TABLE = {
    "objectives:list": ("get", "/objectives/", row(200, anonymous=LOGIN, external=403)),
    "objectives:create": (
        "get",
        "/objectives/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200),
    ),
    "objectives:detail": (
        "get",
        "/objectives/{objective}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "objectives:edit": (
        "get",
        "/objectives/{objective}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "objectives:kpi_create": (
        "get",
        "/objectives/{objective}/kpis/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "objectives:step": (
        "post",
        "/objectives/{objective}/approve/",
        row(403, anonymous=LOGIN, mayor=302, external=404),
    ),
    "objectives:kpi_export": (
        "get",
        "/objectives/kpis/export.xlsx",
        row(200, anonymous=LOGIN, external=403),
    ),
    "objectives:kpi": ("get", "/objectives/kpis/{kpi}/", row(200, anonymous=LOGIN, external=404)),
    "objectives:kpi_edit": (
        "get",
        "/objectives/kpis/{kpi}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "objectives:kpi_measure": (
        "post",
        "/objectives/kpis/{kpi}/measure/",
        row(403, anonymous=LOGIN, quality=302, owner=302, employee=302, external=404),
    ),
    "objectives:kpi_compute": (
        "post",
        "/objectives/kpis/{computed}/compute/",
        row(403, anonymous=LOGIN, quality=302, owner=302, external=404),
    ),
    "objectives:measurement_step": (
        "post",
        "/objectives/measurements/{measurement}/comment/",
        row(403, anonymous=LOGIN, quality=302, owner=302, employee=302, external=404),
    ),
    "objective-list": (
        "get",
        "/api/v1/objectives/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "objective-detail": (
        "get",
        "/api/v1/objectives/{objective}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "objective-approve": (
        "post",
        "/api/v1/objectives/{objective}/approve/",
        row(403, anonymous=NO_CREDENTIALS, external=API, mayor=200),
    ),
    "objective-evaluate": (
        "post",
        "/api/v1/objectives/{objective}/evaluate/",
        # A draft objective: the quality manager and top management are told it is
        # not approved yet; the rest may not evaluate at all.
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=400, mayor=400),
    ),
    "kpi-compute": (
        "post",
        "/api/v1/kpis/{computed}/compute/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200),
    ),
    "measurement-comment": (
        "post",
        "/api/v1/measurements/{measurement}/comment/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200, employee=200),
    ),
    "kpi-list": ("get", "/api/v1/kpis/", row(200, anonymous=NO_CREDENTIALS, external=API)),
    "kpi-detail": (
        "get",
        "/api/v1/kpis/{kpi}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "measurement-list": (
        "get",
        "/api/v1/measurements/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "measurement-detail": (
        "get",
        "/api/v1/measurements/{measurement}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
}

WRITES = {
    "page: set an objective": (
        "post",
        "/objectives/new/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "api: set an objective": (
        "post",
        "/api/v1/objectives/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201),
    ),
    "api: add a KPI": (
        "post",
        "/api/v1/kpis/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201),
    ),
    "api: record a measurement": (
        "post",
        "/api/v1/measurements/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201, employee=201),
    ),
}


def _fixtures(office):
    objective = make_objective(office, year=YEAR)
    kpi = make_kpi(office, objective, owner=office.employee)
    computed = make_kpi(
        office,
        objective,
        name="NC",
        source="improvement.nc_on_time",
        target=Decimal(90),
        warning=Decimal(80),
    )
    m = measure(office, kpi, date(YEAR, 1, 1), "96")
    return {"objective": objective.pk, "kpi": kpi.pk, "computed": computed.pk, "measurement": m.pk}


def _payload(office, path, ids):
    if path in ("/objectives/new/", "/api/v1/objectives/"):
        return {
            "year": YEAR + 1,
            "title": "Nowy cel",
            "org_unit": office.civil.pk,
            "owner": office.owner.pk,
            "due_date": f"{YEAR + 1}-12-31",
            "evaluation": "Co kwartał.",
        }
    if path == "/api/v1/kpis/":
        return {
            "objective": ids["objective"],
            "name": "Nowy wskaźnik",
            "unit": "%",
            "target": "90",
            "frequency": "quarterly",
            "measured_from": f"{YEAR}-01-01",
            "owner": office.owner.pk,
        }
    if path == "/api/v1/measurements/":
        return {
            "kpi": ids["kpi"],
            "period_start": f"{YEAR}-02-01",
            "value": "95",
            "unit": "%",
            "note": "Rejestr.",
        }
    if path.endswith("/measure/"):
        return {"period_start": f"{YEAR}-02-01", "value": "95", "unit": "%", "note": "Rejestr."}
    if path.endswith("/evaluate/"):
        return {"version": 1, "result": "achieved", "result_notes": "Wynik."}
    if path.endswith("/compute/"):
        return {"period_start": f"{YEAR}-02-01"}
    if path.endswith("/comment/"):
        return {"version": 1, "analysis": "Analiza."}
    return {"version": 1}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_objectives_endpoint(office, name, persona):
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
