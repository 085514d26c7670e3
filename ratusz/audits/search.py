"""Audits in the global search: reference, title, scope, conclusions and findings."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ratusz.audits import policies
from ratusz.audits.models import Audit, Finding
from ratusz.core import search


def audit_row(audit: Audit) -> dict:
    findings = " ".join(
        f"{audit.reference}/{f.number} {f.description} {f.evidence}" for f in audit.findings.all()
    )
    return {
        "object_id": audit.pk,
        "title": f"{audit.reference} {audit.title}",
        "body": " ".join([audit.scope, audit.objectives, audit.summary, findings]),
        "url": audit.get_absolute_url(),
    }


def _rows() -> Iterator[dict]:
    audits = Audit.objects.prefetch_related(
        Prefetch(
            "findings",
            queryset=Finding.objects.only("audit_id", "number", "description", "evidence"),
        )
    ).order_by("pk")
    for audit in audits.iterator(chunk_size=500):
        yield audit_row(audit)


def _visible(user):
    return policies.audits_visible_to(user)


def register() -> None:
    search.register("audit", label=_("Audits"), provider=_rows, visible=_visible)
