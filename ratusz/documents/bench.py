"""Documents pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from ratusz.documents.models import Document


def _a_document() -> str:
    pk = Document.objects.filter(current_version__isnull=False).values_list("pk", flat=True)[:1]
    return f"/documents/{pk[0]}/" if pk else "/documents/"


def _a_version() -> str:
    doc = (
        Document.objects.filter(current_version__isnull=False)
        .select_related("current_version")
        .first()
    )
    return f"/documents/{doc.pk}/v{doc.current_version.number}/" if doc else "/documents/"


PAGES = [
    ("Document register", lambda: "/documents/"),
    ("Register: review overdue", lambda: "/documents/?state=review_overdue&sort=review"),
    ("Document page", _a_document),
    ("Version page", _a_version),
    ("Reading list", lambda: "/documents/to-read/"),
    ("Search", lambda: "/search/?q=procedura+termin"),
]
