"""Competence pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from django.db.models import Count

from ratusz.core.models import User


def _a_person() -> str:
    # The person with the most competence records: the fullest page.
    pk = (
        User.objects.annotate(n=Count("competence_records"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/competence/people/{pk}/" if pk else "/competence/"


PAGES = [
    ("Competence matrix", lambda: "/competence/"),
    ("Competence matrix, gaps only", lambda: "/competence/?gaps=on"),
    ("A person's competence", _a_person),
    ("Trainings", lambda: "/competence/trainings/"),
]
