"""Public services pages measured by `ratusz bench` (DESIGN §7: figures < 200 ms at
five million cases; the residents' catalogue and card pages like any list, 100 ms)."""

from __future__ import annotations

from ratusz.services.models import ServiceCard


def _a_card() -> str:
    card = ServiceCard.objects.order_by("number").values_list("pk", flat=True).first()
    return f"/services/cards/{card}/" if card else "/services/cards/"


def _a_public_card() -> str:
    """A published card (every generated card is, and has cases to sum)."""
    card = (
        ServiceCard.objects.filter(is_active=True, is_published=True)
        .order_by("number")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/public/services/{card}/" if card else "/public/services/"


PAGES = [
    ("Timeliness figures (12 months)", lambda: "/services/", 200),
    ("Timeliness figures (10 years)", lambda: "/services/?first=2016-01&last=2026-12", 200),
    ("Service cards", lambda: "/services/cards/", 200),
    ("Service card page", _a_card, 200),
    ("Public service catalogue", lambda: "/public/services/", 100),
    ("Public service catalogue (search)", lambda: "/public/services/?q=us%C5%82uga", 100),
    ("Public service card", _a_public_card, 200),
]
