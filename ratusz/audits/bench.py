"""Audit pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from django.utils import timezone

from ratusz.audits.models import Audit


def _an_audit() -> str:
    pk = Audit.objects.filter(status=Audit.Status.CLOSED).values_list("pk", flat=True)[:1]
    return f"/audits/{pk[0]}/" if pk else "/audits/"


PAGES = [
    ("Audit list", lambda: "/audits/"),
    ("Audit page", _an_audit),
    ("Audit programme", lambda: f"/audits/programme/{timezone.localdate().year}/"),
]
