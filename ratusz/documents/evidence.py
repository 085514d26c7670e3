"""Documents in the evidence pack: a stamped copy of each version in force (7.5),
never a restricted one; the quality policy under 5.2."""

from __future__ import annotations

from datetime import date

from ratusz.core.plugins import EvidenceItem
from ratusz.documents.controlled import controlled_copy
from ratusz.documents.models import Confidentiality, Document


def items(today: date) -> list[EvidenceItem]:
    documents = (
        Document.objects.select_related("current_version__document", "doc_type")
        .filter(current_version__isnull=False)
        .exclude(confidentiality=Confidentiality.RESTRICTED)
        .order_by("number")
    )
    result = []
    for document in documents:
        version = document.current_version
        clause = "5.2" if document.doc_type.code == "policy" else "7.5"
        safe_name = document.number.replace("/", "-")
        result.append(
            EvidenceItem(
                clause,
                f"{document.number} {document.title} (v{version.number})",
                f"documents/{safe_name}.pdf",
                lambda version=version: controlled_copy(version),
            )
        )
    return result
