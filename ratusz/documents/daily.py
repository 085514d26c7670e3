"""The documents' part of the daily run (`ratusz remind`): versions whose
effective date has come go into force, and owners hear about periodic reviews
that are due within 30 days or overdue — once per document and review date."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.core.services import notify
from ratusz.documents import services
from ratusz.documents.models import Document

REVIEW_NOTICE_DAYS = 30


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    counts = {"documents in force": services.activate_due_versions(today)}
    due_soon = overdue = 0
    soon = today + timedelta(days=REVIEW_NOTICE_DAYS)
    documents = Document.objects.filter(
        current_version__isnull=False, next_review_date__lte=soon
    ).select_related("owner")
    for document in documents.iterator():
        late = document.next_review_date < today
        kind = "document_review_overdue" if late else "document_review_due"
        sent = notify(
            recipient=document.owner,
            kind=kind,
            url=document.get_absolute_url(),
            params={
                "ref": document.number,
                "title": document.title,
                "due": document.next_review_date.isoformat(),
            },
            dedupe_key=f"{kind}:{document.pk}:{document.next_review_date}",
        )
        if sent:
            overdue += late
            due_soon += not late
    counts["reviews due soon"] = due_soon
    counts["reviews overdue"] = overdue
    return counts
