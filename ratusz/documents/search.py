"""Documents in the global search: number, title and the text of the version
in force (its Markdown and the text extracted from its files)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from ratusz.core import search
from ratusz.documents import policies
from ratusz.documents.models import Document


def document_row(document: Document) -> dict:
    version = document.current_version
    return {
        "object_id": document.pk,
        "title": f"{document.number} {document.title}",
        "body": version.text_content if version else "",
        "url": document.get_absolute_url(),
        "unit_id": document.owner_unit_id,
        "confidentiality": document.confidentiality,
    }


def index_document(document: Document) -> None:
    search.index("document", **document_row(document))


def _rows() -> Iterator[dict]:
    documents = Document.objects.select_related("current_version").order_by("pk")
    for document in documents.iterator(chunk_size=500):
        yield document_row(document)


def _visible(user):
    return policies.documents_visible_to(user)


def register() -> None:
    search.register("document", label=_("Documents"), provider=_rows, visible=_visible)
