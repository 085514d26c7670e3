"""Public services pages measured by `ratusz bench` (DESIGN §7: figures < 200 ms at
five million cases)."""

from __future__ import annotations

from ratusz.services.models import ServiceCard


def _a_card() -> str:
    card = ServiceCard.objects.order_by("number").values_list("pk", flat=True).first()
    return f"/services/cards/{card}/" if card else "/services/cards/"


PAGES = [
    ("Timeliness figures (12 months)", lambda: "/services/", 200),
    ("Timeliness figures (10 years)", lambda: "/services/?first=2016-01&last=2026-12", 200),
    ("Service cards", lambda: "/services/cards/", 200),
    ("Service card page", _a_card, 200),
]
