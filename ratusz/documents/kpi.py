"""Measures of the document register that quality objectives can track (9.1.1)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import OrgUnit
from ratusz.core.plugins import KpiSource
from ratusz.documents.models import Document, DocumentVersion, PeriodicReview
from ratusz.lib.deadlines import add_months
from ratusz.lib.periods import share


def _events(documents) -> dict[int, list[tuple[date, date | None]]]:
    """Per document, (day, next review due) of each event that restarts its review
    clock: a version coming into force or a periodic review, oldest first."""
    events: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    versions = DocumentVersion.objects.filter(
        document__in=documents,
        effective_date__isnull=False,
        status__in=(DocumentVersion.Status.IN_FORCE, DocumentVersion.Status.SUPERSEDED),
    ).values_list(
        "document_id",
        "effective_date",
        "document__review_interval_months",
        "document__doc_type__review_interval_months",
    )
    for document_id, effective, own, by_type in versions:
        months = own or by_type
        events[document_id].append((effective, add_months(effective, months) if months else None))
    reviews = PeriodicReview.objects.filter(document__in=documents).values_list(
        "document_id", "reviewed_at", "next_review_date"
    )
    for document_id, reviewed_at, next_due in reviews:
        events[document_id].append((timezone.localdate(reviewed_at), next_due))
    for found in events.values():
        found.sort(key=lambda event: event[0])
    return events


def documents_reviewed_on_time(
    *, start: date, end: date, org_unit: OrgUnit | None = None
) -> Decimal | None:
    """Of the document reviews that fell due in the period, the share done by their date.

    A review is done when the document is reviewed or a new version comes into
    force; a document withdrawn before its review date is not counted. None:
    no review fell due in the period.
    """
    documents = Document.objects.all()
    if org_unit is not None:
        documents = documents.filter(owner_unit__path__startswith=org_unit.path)
    withdrawn = dict(documents.filter(withdrawn_at__isnull=False).values_list("pk", "withdrawn_at"))
    due = on_time = 0
    for document_id, events in _events(documents).items():
        for index, (_day, next_due) in enumerate(events):
            if next_due is None or not start <= next_due <= end:
                continue
            gone = withdrawn.get(document_id)
            if gone is not None and timezone.localdate(gone) <= next_due:
                continue
            due += 1
            following = events[index + 1][0] if index + 1 < len(events) else None
            if following is not None and following <= next_due:
                on_time += 1
    return share(on_time, due)


SOURCES = [
    KpiSource(
        key="documents.reviewed_on_time",
        label=_("Documents reviewed on time (share of reviews due in the period)"),
        unit="%",
        measure=documents_reviewed_on_time,
    )
]
