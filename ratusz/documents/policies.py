"""Who may see and change documented information.

Built on the core permission layer (`ratusz.core.access`); pages, the API and
the services of this area all ask these functions.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ratusz.core import access
from ratusz.core.models import Role
from ratusz.documents.models import Confidentiality, Document, DocumentVersion


def _in_owner_unit(user, document: Document) -> bool:
    unit = getattr(user, "org_unit", None)
    return unit is not None and unit.path.startswith(document.owner_unit.path)


def can_view_document(user, document: Document) -> bool:
    if not access.can_view_directory(user):  # signed-in staff, not external auditors
        return False
    if document.confidentiality != Confidentiality.RESTRICTED:
        return True
    return (
        access.reads_everything(user)
        or document.owner_id == user.pk
        or _in_owner_unit(user, document)
    )


def documents_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Document.objects.all() if qs is None else qs
    if not access.can_view_directory(user):
        return qs.none()
    if access.reads_everything(user):
        return qs
    visible = ~Q(confidentiality=Confidentiality.RESTRICTED) | Q(owner=user)
    if user.org_unit_id:
        # A restricted document is open to its owner unit's subtree: the user's
        # unit or one of its ancestors owns it. The path holds the ancestors' ids.
        ancestors = [int(part) for part in user.org_unit.path.split("/") if part]
        visible |= Q(owner_unit_id__in=ancestors)
    return qs.filter(visible)


def can_manage_document(user, document: Document) -> bool:
    """Metadata, distribution, periodic review, new versions, withdrawal."""
    return access.is_quality_manager(user) or access.manages_unit(user, document.owner_unit)


def can_create_document(user, unit=None) -> bool:
    return access.can_create_action(user, unit)


def _works_on(user, version: DocumentVersion) -> bool:
    document = version.document
    return user.pk in (version.author_id, document.owner_id) or can_manage_document(user, document)


def can_edit_draft(user, version: DocumentVersion) -> bool:
    """Only the author or the document's owner edits, and only a draft."""
    return version.status in DocumentVersion.EDITABLE and user.pk in (
        version.author_id,
        version.document.owner_id,
    )


def can_approve(user, version: DocumentVersion) -> bool:
    doc_type = version.document.doc_type
    if not access.has_role(user, doc_type.approver_role):
        return False
    if doc_type.self_approval_allowed:
        return True
    return user.pk not in (version.author_id, version.document.owner_id)


def can_send_for_approval(user, version: DocumentVersion) -> bool:
    """After the review: the author or the owner of the document."""
    return user.pk in (version.author_id, version.document.owner_id)


def can_return(user, version: DocumentVersion) -> bool:
    """Send a version back to its author: an approver of its type or its manager."""
    document = version.document
    return access.has_role(user, document.doc_type.approver_role) or can_manage_document(
        user, document
    )


def can_start_version(user, document: Document) -> bool:
    return can_manage_document(user, document) or document.owner_id == user.pk


def can_withdraw(user, document: Document) -> bool:
    return access.is_quality_manager(user)


def version_steps(user, version: DocumentVersion) -> dict[str, bool]:
    """Which lifecycle steps of this version the user is offered on its page."""
    status = version.status
    states = DocumentVersion.Status
    in_review = status == states.IN_REVIEW
    return {
        "can_edit": can_edit_draft(user, version),
        "can_submit_review": can_edit_draft(user, version),
        "can_submit_approval": in_review and can_send_for_approval(user, version),
        "can_review": in_review and is_reviewer(user, version),
        "can_approve": status == states.AWAITING_APPROVAL and can_approve(user, version),
        "can_reject": status in (states.IN_REVIEW, states.AWAITING_APPROVAL)
        and can_return(user, version),
    }


def is_reviewer(user, version: DocumentVersion) -> bool:
    return any(
        r.reviewer_id == user.pk and r.round == version.review_round
        for r in version.review_requests.all()
    )


def can_view_version(user, version: DocumentVersion) -> bool:
    document = version.document
    if not can_view_document(user, document):
        return False
    if version.status in (DocumentVersion.Status.IN_FORCE, DocumentVersion.Status.APPROVED):
        return True
    if version.status in (DocumentVersion.Status.SUPERSEDED, DocumentVersion.Status.WITHDRAWN):
        # Old versions are evidence for auditors, not something to work from.
        return access.has_role(user, Role.QUALITY_MANAGER, Role.INTERNAL_AUDITOR)
    return (
        _works_on(user, version)
        or is_reviewer(user, version)
        or access.has_role(user, document.doc_type.approver_role)
    )


def register() -> None:
    access.register_object_policy(DocumentVersion, view=can_view_version, change=can_edit_draft)
