"""The demo's quality objectives: eight for 2026 with fifteen KPIs, three years measured.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all the tests
that use it; each test's own changes are rolled back.
"""

from __future__ import annotations

from datetime import date

from django.test import Client

from ratusz.core.models import User
from ratusz.objectives import readiness
from ratusz.objectives.models import Kpi, Measurement, Objective


def test_the_demo_has_eight_objectives_for_2026_with_fifteen_kpis(demo):
    assert Objective.objects.filter(year=2026).count() == 8
    assert Kpi.objects.filter(objective__year=2026).count() == 15
    assert Objective.objects.filter(status=Objective.Status.DRAFT).count() == 1
    first = Measurement.objects.order_by("period_start").values_list("period_start", flat=True)[0]
    assert first == date(2024, 1, 1)


def test_the_computed_kpis_are_measured_from_the_demos_records(demo):
    computed = Measurement.objects.filter(computed=True)
    sources = set(computed.values_list("kpi__source", flat=True))
    assert {"improvement.nc_on_time", "documents.reviewed_on_time"} <= sources
    assert computed.count() > 10


def test_a_demo_kpi_is_late_and_the_readiness_of_9_1_says_so(demo):
    rule = next(r for r in readiness.RULES if r.clause == "9.1")
    verdict = rule.check(date.today(), rule.params)
    assert "overdue" in verdict.reason


def test_the_demo_objective_and_kpi_pages_open_in_polish(demo):
    client = Client(HTTP_ACCEPT_LANGUAGE="pl")
    client.force_login(
        User.objects.get(username="employee"), backend="ratusz.core.auth.RatuszBackend"
    )
    kpi = Kpi.objects.filter(source="improvement.nc_on_time").first()
    assert client.get("/objectives/?year=2026").status_code == 200
    assert client.get(kpi.objective.get_absolute_url()).status_code == 200
    page = client.get(kpi.get_absolute_url())
    assert page.status_code == 200 and b"<svg" in page.content
