"""Improvement pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from ratusz.improvement.models import Nonconformity


def _an_nc() -> str:
    pk = Nonconformity.objects.filter(status="open").values_list("pk", flat=True)[:1]
    return f"/improvement/nonconformities/{pk[0]}/" if pk else "/improvement/nonconformities/"


PAGES = [
    ("Nonconformities", lambda: "/improvement/nonconformities/"),
    ("Nonconformities: overdue", lambda: "/improvement/nonconformities/?overdue=on&sort=target"),
    ("Nonconformity page", _an_nc),
    ("Nonconformity statistics", lambda: "/improvement/statistics/"),
    ("Improvement ideas", lambda: "/improvement/ideas/"),
]
