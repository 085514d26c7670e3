"""Small builders for the documents tests (and the areas that need a document), through
the services."""

from __future__ import annotations

from ratusz.documents import services
from ratusz.documents.models import Document, DocumentType, DocumentVersion


def make_document(
    office, title: str = "Obsługa skarg", body: str = "Treść procedury.", **overrides
) -> Document:
    """A draft procedure of civil affairs, registered by its head (`doc_type=` a code)."""
    fields = {
        "actor": office.owner,
        "doc_type": "procedure",
        "owner_unit": office.civil,
        "owner": office.owner,
    }
    fields.update(overrides)
    fields["doc_type"] = DocumentType.objects.get(code=fields["doc_type"])
    return services.create_document(title=title, body=body, **fields)


def bring_into_force(
    office, document: Document, *, author=None, reviewer=None, approver=None
) -> DocumentVersion:
    """The latest version reviewed, approved and in force (by default: written by the
    head of civil affairs, reviewed by the auditor, approved by the mayor)."""
    author = author or office.owner
    version = document.versions.order_by("-number").first()
    services.submit_for_review(
        actor=author,
        version=version,
        expected_version=None,
        reviewers=[reviewer or office.auditor],
    )
    services.record_review(
        actor=reviewer or office.auditor, version=version, agreed=True, comment=""
    )
    services.submit_for_approval(actor=author, version=version, expected_version=None)
    services.approve(actor=approver or office.mayor, version=version, expected_version=None)
    version.refresh_from_db()
    return version


def document_in_force(office, title: str, confidentiality: str = "internal") -> Document:
    """An instruction of the civil affairs unit, reviewed and approved: in force."""
    document = make_document(
        office,
        title,
        f"Treść: {title}.",
        doc_type="instruction",
        confidentiality=confidentiality,
    )
    bring_into_force(office, document, approver=office.quality)
    document.refresh_from_db()
    return document


def confirm_read(person, version: DocumentVersion):
    """“Read and understood”, as the version page sends it: with the hash of the text."""
    version.refresh_from_db(fields=["content_hash"])
    return services.acknowledge(actor=person, version=version, content_hash=version.content_hash)
