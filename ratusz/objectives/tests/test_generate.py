"""The synthetic office's objectives: the promised counts, ten years measured."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client

from ratusz.core.models import User
from ratusz.core.services import last_number
from ratusz.objectives.generate import COUNTS, KPIS_PER_OBJECTIVE
from ratusz.objectives.models import Kpi, Measurement, Objective


def test_scale_s_generates_objectives_kpis_and_ten_years_of_measurements(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    assert Objective.objects.count() == COUNTS["s"]
    assert Kpi.objects.count() == COUNTS["s"] * KPIS_PER_OBJECTIVE
    kpi = Kpi.objects.order_by("id").first()
    assert kpi.measurements.count() >= 9 * 12
    assert Measurement.objects.count() == kpi.measurements.count() * Kpi.objects.count()
    newest = Objective.objects.order_by("-year", "-number").first()
    # A later objective continues the series after the generated ones.
    assert last_number(f"objective:{newest.year}") == newest.number
    client = Client()
    client.force_login(
        User.objects.get(username="quality"), backend="ratusz.core.auth.RatuszBackend"
    )
    assert client.get(kpi.get_absolute_url()).status_code == 200


def test_city_l_has_500_objectives_and_2000_kpis():
    assert COUNTS["l"] == 500 and COUNTS["l"] * KPIS_PER_OBJECTIVE == 2000
