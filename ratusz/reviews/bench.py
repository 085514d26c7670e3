"""Management review pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from ratusz.reviews.models import Review


def _latest(suffix: str = "") -> str:
    pk = (
        Review.objects.filter(status__in=Review.DONE_STATUSES)
        .order_by("-held_on")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/reviews/{pk}/{suffix}" if pk else "/reviews/"


PAGES = [
    ("Management review list", lambda: "/reviews/"),
    ("Management review page", lambda: _latest()),
    ("Management review pack (PDF)", lambda: _latest("pack.pdf"), 3000),
]
