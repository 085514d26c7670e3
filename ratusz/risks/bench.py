"""Register pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from ratusz.risks.models import Risk


def _a_risk() -> str:
    # A risk with the longest history: its page lists the most assessments.
    pk = Risk.objects.order_by("-residual_level", "pk").values_list("pk", flat=True).first()
    return f"/risks/{pk}/" if pk else "/risks/"


PAGES = [
    ("Risk register", lambda: "/risks/"),
    ("Risk register: above appetite, highest first", lambda: "/risks/?above=on&sort=-residual"),
    ("Risk heat map", lambda: "/risks/heat-map/"),
    ("Risk page", _a_risk),
]
