"""Periodic reviews of the documents I own, in my calendar feed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.documents.models import Document


def personal(user) -> list[Event]:
    documents = (
        Document.objects.filter(
            owner=user, current_version__isnull=False, next_review_date__isnull=False
        )
        .only("id", "number", "title", "next_review_date")
        .order_by("next_review_date")[:200]
    )
    return [
        Event(
            uid=f"document-review-{document.pk}",
            summary=_("Periodic review of %(ref)s: %(title)s")
            % {"ref": document.number, "title": document.title},
            start=document.next_review_date,
            path=document.get_absolute_url(),
        )
        for document in documents
    ]
