"""Objectives pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from ratusz.objectives.models import Kpi, Objective


def _an_objective() -> str:
    # This year's objective with the most KPIs: the fullest page.
    pk = Objective.objects.order_by("-year", "number").values_list("pk", flat=True).first()
    return f"/objectives/{pk}/" if pk else "/objectives/"


def _a_kpi() -> str:
    # A KPI with ten years of monthly measurements.
    pk = Kpi.objects.order_by("measured_from", "id").values_list("pk", flat=True).first()
    return f"/objectives/kpis/{pk}/" if pk else "/objectives/"


PAGES = [
    ("Objectives list", lambda: "/objectives/"),
    ("Objective page", _an_objective),
    ("KPI page", _a_kpi),
]
