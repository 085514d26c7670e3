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


def _planned() -> str:
    pk = (
        Review.objects.filter(status=Review.Status.PLANNED)
        .order_by("planned_date")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/reviews/{pk}/" if pk else "/reviews/"


PAGES = [
    ("Management review list", lambda: "/reviews/"),
    ("Management review page (held: its frozen inputs)", lambda: _latest()),
    # A planned review compiles every area's inputs afresh on each view.
    ("Management review page (planned: inputs compiled)", _planned, 1000),
    ("Management review pack (PDF)", lambda: _latest("pack.pdf"), 3000),
]
