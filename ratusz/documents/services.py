"""Writes and workflows of documented information.

A document's content lives in versions. A version is edited only as a draft;
it then goes to review, to approval, comes into force on its effective date
and is superseded by the next one. Every status change is recorded with who,
when and the SHA-256 of the content that was approved.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core import services as core_services
from ratusz.core.errors import Denied
from ratusz.core.models import Attachment, AttachmentText, Clause, OrgUnit, Role, User
from ratusz.core.selectors import attachments_of
from ratusz.documents import policies, selectors
from ratusz.documents.models import (
    Acknowledgement,
    Distribution,
    Document,
    DocumentType,
    DocumentVersion,
    PeriodicReview,
    ReviewRequest,
    Transition,
)
from ratusz.documents.search import index_document
from ratusz.lib.deadlines import add_months

# --- numbering and registration ----------------------------------------------


def _allocate_number(doc_type: DocumentType) -> str:
    """The type's next free number (P-07): numbers given by hand are stepped over."""
    while True:
        taken = core_services.take_number(doc_type.number_series)
        number = f"{doc_type.prefix}-{taken:0{doc_type.number_width}d}"
        if not Document.objects.filter(number=number).exists():
            return number


@transaction.atomic
def create_document(
    *,
    actor: User,
    doc_type: DocumentType,
    title: str,
    owner_unit: OrgUnit,
    owner: User,
    body: str = "",
    change_summary: str = "",
    clauses: list[Clause] | None = None,
    confidentiality: str = "internal",
    retention_category: str = "A",
    review_interval_months: int | None = None,
    number: str = "",
) -> Document:
    """Register a document with its first version as a draft."""
    if not policies.can_create_document(actor, owner_unit):
        raise Denied(
            _(
                "You can register documents only for the units you run (%(unit)s is not one of them)."
            )
            % {"unit": owner_unit},
            field="owner_unit",
        )
    number = number.strip()
    if number and Document.objects.filter(number=number).exists():
        raise ValidationError({"number": _("Number %(n)s is already taken.") % {"n": number}})
    document = Document(
        doc_type=doc_type,
        number=number or _allocate_number(doc_type),
        title=title.strip(),
        owner_unit=owner_unit,
        owner=owner,
        confidentiality=confidentiality,
        retention_category=retention_category,
        review_interval_months=review_interval_months,
        created_by=actor,
    )
    document.full_clean()
    document.save()
    if clauses:
        document.clauses.set(clauses)
    version = DocumentVersion(
        document=document,
        number=1,
        body=body,
        author=actor,
        change_summary=change_summary.strip() or _("First version."),
    )
    version.text_content = _searchable_text(version)
    version.full_clean()
    version.save()
    index_document(document)
    return document


DOCUMENT_EDITABLE_FIELDS = (
    "title",
    "owner_unit",
    "owner",
    "confidentiality",
    "retention_category",
    "review_interval_months",
)


@transaction.atomic
def update_document(
    *, actor: User, document: Document, expected_version: int | None, **changes: Any
) -> Document:
    """Change the register entry: any of DOCUMENT_EDITABLE_FIELDS and `clauses`."""
    current = core_services.lock(Document, document.pk, expected_version)
    if not policies.can_manage_document(actor, current):
        raise Denied(_("Only the quality manager or the head of the owner unit changes this."))
    clauses = changes.pop("clauses", None)
    new_unit = changes.get("owner_unit", current.owner_unit)
    if new_unit != current.owner_unit and not policies.can_create_document(actor, new_unit):
        raise ValidationError(
            {"owner_unit": _("You cannot hand a document to a unit you do not run.")}
        )
    fields = core_services.apply_changes(current, changes, DOCUMENT_EDITABLE_FIELDS)
    core_services.save_versioned(current, fields)
    if clauses is not None:
        current.clauses.set(clauses)
    index_document(current)
    return current


# --- drafting -------------------------------------------------------------------


def _lock(version: DocumentVersion, expected: int | None) -> DocumentVersion:
    return core_services.lock(
        DocumentVersion,
        version.pk,
        expected,
        related=("document__doc_type", "document__owner_unit"),
    )


def _move(
    version: DocumentVersion, to: str, actor: User | None, comment: str = "", fields=()
) -> DocumentVersion:
    Transition.objects.create(
        version=version,
        from_status=version.status,
        to_status=to,
        actor=actor,
        comment=comment,
        content_hash=version.content_hash,
    )
    version.status = to
    return core_services.save_versioned(version, ["status", *fields], clean=False)


def _searchable_text(version: DocumentVersion) -> str:
    """The version's Markdown and the stored text of its files, capped per version.

    Reads only what was extracted before (each file once, in the background by
    `refresh_searchable_text`'s task); a file whose text is still awaited adds
    nothing yet.
    """
    parts = [version.body]
    if version.pk:
        texts = AttachmentText.objects.filter(
            attachment__in=attachments_of(version).order_by("pk"), extracted_at__isnull=False
        ).order_by("attachment_id")
        parts.extend(texts.values_list("text", flat=True))
    limit = settings.RATUSZ_TEXT_MAX_VERSION_CHARS
    return "\n\n".join(p for p in parts if p)[:limit]


def refresh_searchable_text(*, version_id: int) -> None:
    """Recompute a version's searchable text from its files' stored texts.

    Called after a file's text is extracted. The text is derived data, so the
    version's edit number is not raised (an editor's open form stays valid); the
    search index follows when the version is the one in force.
    """
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update()
            .select_related("document")
            .filter(pk=version_id)
            .first()
        )
        if version is None:
            return
        text = _searchable_text(version)
        if text != version.text_content:
            DocumentVersion.objects.filter(pk=version.pk).update(text_content=text)
        if version.document.current_version_id == version.pk:
            index_document(
                Document.objects.select_related("current_version").get(pk=version.document_id)
            )


def _extract_later(attachment: Attachment) -> None:
    """Queue the extraction of a file's text; it runs after this transaction commits."""
    from ratusz.documents.tasks import extract_file_text

    if core_services.queue_text_extraction(attachment) is not None:
        extract_file_text.enqueue(attachment.pk)


def content_hash(version: DocumentVersion) -> str:
    """SHA-256 over the text and the fingerprints of the files, in a fixed order."""
    digest = hashlib.sha256(version.body.encode())
    for sha in sorted(attachments_of(version).values_list("sha256", flat=True)):
        digest.update(b"\n" + sha.encode())
    return digest.hexdigest()


def _require_draft_editor(actor: User, version: DocumentVersion) -> None:
    if version.status not in DocumentVersion.EDITABLE:
        raise ValidationError(
            _("Version %(v)s is %(status)s: only a draft can be changed; start a new version.")
            % {"v": version.number, "status": version.get_status_display().lower()}
        )
    if not policies.can_edit_draft(actor, version):
        raise Denied(_("Only the author or the owner of the document edits its draft."))


@transaction.atomic
def update_draft(
    *,
    actor: User,
    version: DocumentVersion,
    expected_version: int | None,
    body: str,
    change_summary: str,
) -> DocumentVersion:
    current = _lock(version, expected_version)
    _require_draft_editor(actor, current)
    current.body = body
    current.change_summary = change_summary.strip()
    current.text_content = _searchable_text(current)
    return core_services.save_versioned(current, ["body", "change_summary", "text_content"])


DOCUMENT_FILE_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
}


def add_file(
    *, actor: User, version: DocumentVersion, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Store a file in a draft. Its text is extracted later, in the background, so the
    draft's row stays locked only for the few writes of the upload itself."""
    with core_services.files_removed_on_failure(), transaction.atomic():
        current = _lock(version, None)
        _require_draft_editor(actor, current)
        attachment = core_services.attach_file(
            actor=actor, target=current, upload=upload, description=description
        )
        if attachment.mime_type not in DOCUMENT_FILE_TYPES:
            raise ValidationError(
                {"file": _("A document's content is a PDF, DOCX, ODT, XLSX or ODS file.")}
            )
        _extract_later(attachment)
        current.text_content = _searchable_text(current)
        current.save(update_fields=["text_content", "updated_at"])
    return attachment


@transaction.atomic
def remove_file(
    *, actor: User, version: DocumentVersion, attachment: Attachment
) -> DocumentVersion:
    current = _lock(version, None)
    _require_draft_editor(actor, current)
    if attachment.target_id != str(current.pk):
        raise ValidationError(_("That file belongs to another version."))
    attachment.delete()
    current.text_content = _searchable_text(current)
    current.save(update_fields=["text_content", "updated_at"])
    return current


# --- review and approval ------------------------------------------------------------


@transaction.atomic
def submit_for_review(
    *, actor: User, version: DocumentVersion, expected_version: int | None, reviewers: list[User]
) -> DocumentVersion:
    current = _lock(version, expected_version)
    _require_draft_editor(actor, current)
    reviewers = [r for r in reviewers if r.pk != actor.pk]
    if not reviewers:
        raise ValidationError({"reviewers": _("Name at least one reviewer other than yourself.")})
    if not current.body.strip() and not attachments_of(current).exists():
        raise ValidationError(_("The draft is empty: write its text or attach its file first."))
    # A new round: the earlier rounds' reviews stay on the version as evidence.
    current.review_round += 1
    for reviewer in reviewers:
        ReviewRequest.objects.create(version=current, round=current.review_round, reviewer=reviewer)
        core_services.notify(
            recipient=reviewer,
            kind="document_review_requested",
            url=current.get_absolute_url(),
            params={"ref": current.label, "title": current.document.title, "by": str(actor)},
        )
    return _move(current, DocumentVersion.Status.IN_REVIEW, actor, fields=["review_round"])


@transaction.atomic
def record_review(
    *, actor: User, version: DocumentVersion, agreed: bool, comment: str
) -> ReviewRequest:
    current = _lock(version, None)
    core_services.require_status(
        current, DocumentVersion.Status.IN_REVIEW, message=_("This version is not in review.")
    )
    request = current.review_requests.filter(round=current.review_round, reviewer=actor).first()
    if request is None:
        raise Denied(_("You are not one of the reviewers of this version."))
    if not agreed and not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    request.decision = ReviewRequest.Decision.AGREED if agreed else ReviewRequest.Decision.CHANGES
    request.comment = comment.strip()
    request.decided_at = timezone.now()
    request.save(update_fields=["decision", "comment", "decided_at"])
    core_services.notify(
        recipient=current.author,
        kind="document_reviewed",
        url=current.get_absolute_url(),
        params={"ref": current.label, "by": str(actor), "decision": request.get_decision_display()},
    )
    return request


@transaction.atomic
def submit_for_approval(
    *, actor: User, version: DocumentVersion, expected_version: int | None
) -> DocumentVersion:
    current = _lock(version, expected_version)
    core_services.require_status(
        current,
        DocumentVersion.Status.IN_REVIEW,
        message=_("A version goes to approval after its review."),
    )
    if not policies.can_send_for_approval(actor, current):
        raise Denied(_("The author or the owner of the document sends it for approval."))
    waiting = current.review_requests.filter(
        round=current.review_round, decision=ReviewRequest.Decision.PENDING
    )
    if waiting.exists():
        names = ", ".join(str(r.reviewer) for r in waiting.select_related("reviewer"))
        raise ValidationError(_("Still waiting for the reviewers: %(names)s.") % {"names": names})
    approvers = User.objects.filter(
        is_active=True, role_assignments__role=current.document.doc_type.approver_role
    ).distinct()
    for approver in approvers:
        core_services.notify(
            recipient=approver,
            kind="document_awaiting_approval",
            url=current.get_absolute_url(),
            params={"ref": current.label, "title": current.document.title},
        )
    return _move(current, DocumentVersion.Status.AWAITING_APPROVAL, actor)


@transaction.atomic
def reject(
    *, actor: User, version: DocumentVersion, expected_version: int | None, reason: str
) -> DocumentVersion:
    """Send a version in review or awaiting approval back to its author as a draft."""
    current = _lock(version, expected_version)
    core_services.require_status(
        current,
        DocumentVersion.Status.IN_REVIEW,
        DocumentVersion.Status.AWAITING_APPROVAL,
        message=_("Only a version in review or awaiting approval can be returned."),
    )
    if not policies.can_return(actor, current):
        raise Denied(_("Only an approver or the quality manager returns a version."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the version is returned.")})
    core_services.notify(
        recipient=current.author,
        kind="document_returned",
        url=current.get_absolute_url(),
        params={"ref": current.label, "by": str(actor), "reason": reason.strip()[:200]},
    )
    return _move(current, DocumentVersion.Status.DRAFT, actor, comment=reason.strip())


@transaction.atomic
def approve(
    *,
    actor: User,
    version: DocumentVersion,
    expected_version: int | None,
    effective_date: date | None = None,
    units: list[OrgUnit] | None = None,
    roles: list[str] | None = None,
) -> DocumentVersion:
    """Approve a version awaiting approval; it comes into force on its effective date.

    Pages and the API ask who must read it (`units`, `roles`, replacing the
    distribution) and refuse to let it come into force distributed to nobody.
    """
    current = _lock(version, expected_version)
    core_services.require_status(
        current,
        DocumentVersion.Status.AWAITING_APPROVAL,
        message=_("Only a version awaiting approval can be approved."),
    )
    doc_type = current.document.doc_type
    if not access.has_role(actor, doc_type.approver_role):
        raise Denied(
            _("Documents of type “%(type)s” are approved by: %(role)s.")
            % {"type": doc_type.name, "role": Role(doc_type.approver_role).label}
        )
    if not policies.can_approve(actor, current):
        raise Denied(_("You cannot approve your own document: another approver must do it."))
    today = timezone.localdate()
    effective_date = effective_date or today
    if effective_date < today:
        raise ValidationError({"effective_date": _("The effective date cannot be in the past.")})
    if units is not None or roles is not None:
        if not units and not roles:
            raise ValidationError(
                {
                    "units": _(
                        "Choose who must read it (units or roles): a document does not come "
                        "into force distributed to nobody."
                    )
                }
            )
        _replace_distribution(current.document, units or [], roles or [])
    current.approver = actor
    current.approved_at = timezone.now()
    current.effective_date = effective_date
    current.content_hash = content_hash(current)
    _move(
        current,
        DocumentVersion.Status.APPROVED,
        actor,
        fields=("approver", "approved_at", "effective_date", "content_hash"),
    )
    if effective_date <= today:
        bring_into_force(version=current, actor=actor)
    return current


@transaction.atomic
def bring_into_force(*, version: DocumentVersion, actor: User | None = None) -> DocumentVersion:
    current = _lock(version, None)
    core_services.require_status(
        current,
        DocumentVersion.Status.APPROVED,
        message=_("Only an approved version comes into force."),
    )
    document = Document.objects.select_for_update().get(pk=current.document_id)
    previous = DocumentVersion.objects.filter(
        document=document, status=DocumentVersion.Status.IN_FORCE
    ).first()
    if previous is not None:
        _move(previous, DocumentVersion.Status.SUPERSEDED, actor, comment=f"v{current.number}")
    _move(current, DocumentVersion.Status.IN_FORCE, actor)
    document.current_version = current
    document.withdrawn_at = None
    months = document.interval_months
    if months:
        # Approval sets the effective date, and only an approved version comes into force.
        assert current.effective_date is not None
        document.next_review_date = add_months(current.effective_date, months)
    else:
        document.next_review_date = None
    document.version += 1
    document.save(update_fields=["current_version", "withdrawn_at", "next_review_date", "version"])
    index_document(document)
    for user in selectors.recipients(document):
        core_services.notify(
            recipient=user,
            kind="document_to_read",
            url=current.get_absolute_url(),
            params={"ref": current.label, "title": document.title},
            dedupe_key=f"document_to_read:{current.pk}",
        )
    return current


def activate_due_versions(today: date | None = None) -> int:
    """Bring approved versions whose effective date has come into force (daily job)."""
    today = today or timezone.localdate()
    due = DocumentVersion.objects.filter(
        status=DocumentVersion.Status.APPROVED, effective_date__lte=today
    )
    count = 0
    for version in due:
        bring_into_force(version=version)
        count += 1
    return count


@transaction.atomic
def start_new_version(*, actor: User, document: Document) -> DocumentVersion:
    """A new draft that starts from the version in force (its text and its files)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not policies.can_start_version(actor, document):
        raise Denied(
            _(
                "Only the owner, the head of the owner unit or the quality manager starts a new version."
            )
        )
    if DocumentVersion.objects.filter(
        document=document, status__in=DocumentVersion.WORKING
    ).exists():
        raise ValidationError(
            _("A new version is already being prepared; finish or return it first.")
        )
    base = document.current_version
    last = document.versions.order_by("-number").first()
    draft = DocumentVersion(
        document=document,
        number=(last.number if last else 0) + 1,
        body=base.body if base else "",
        author=actor,
    )
    try:
        with transaction.atomic():
            draft.full_clean()
            draft.save()
    except IntegrityError:
        raise ValidationError(_("A new version is already being prepared.")) from None
    if base is not None:
        for attachment in attachments_of(base).select_related("extracted"):
            copy = Attachment.objects.create(
                target_type=attachment.target_type,
                target_id=str(draft.pk),
                file=attachment.file.name,
                original_name=attachment.original_name,
                mime_type=attachment.mime_type,
                size=attachment.size,
                sha256=attachment.sha256,
                description=attachment.description,
                uploaded_by=attachment.uploaded_by,
            )
            known = getattr(attachment, "extracted", None)
            if known is not None and not known.pending:
                # The same file: its text is copied, not extracted again.
                AttachmentText.objects.create(
                    attachment=copy,
                    text=known.text,
                    truncated=known.truncated,
                    extracted_at=known.extracted_at,
                )
            else:
                _extract_later(copy)
    draft.text_content = _searchable_text(draft)
    draft.save(update_fields=["text_content"])
    return draft


@transaction.atomic
def withdraw(*, actor: User, document: Document, reason: str) -> Document:
    if not policies.can_withdraw(actor, document):
        raise Denied(_("Only the quality manager withdraws a document."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    current = document.current_version
    if current is None:
        raise ValidationError(_("The document has no version in force."))
    _move(current, DocumentVersion.Status.WITHDRAWN, actor, comment=reason.strip())
    document.withdrawn_at = timezone.now()
    document.current_version = None
    document.next_review_date = None
    document.version += 1
    document.save(update_fields=["withdrawn_at", "current_version", "next_review_date", "version"])
    index_document(document)
    return document


# --- periodic review ------------------------------------------------------------------


@transaction.atomic
def record_periodic_review(*, actor: User, document: Document, notes: str) -> PeriodicReview:
    """“Reviewed, no change”: the review is recorded and the next one scheduled."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not (policies.can_manage_document(actor, document) or document.owner_id == actor.pk):
        raise Denied(
            _("Only the owner, the head of the owner unit or the quality manager reviews it.")
        )
    if document.current_version_id is None:
        raise ValidationError(_("Only a document in force is reviewed."))
    if not notes.strip():
        raise ValidationError({"notes": _("Say what was checked.")})
    months = document.interval_months
    next_date = add_months(timezone.localdate(), months) if months else None
    review = PeriodicReview.objects.create(
        document=document, reviewed_by=actor, notes=notes.strip(), next_review_date=next_date
    )
    document.next_review_date = next_date
    document.version += 1
    document.save(update_fields=["next_review_date", "version"])
    return review


# --- distribution and acknowledgement ---------------------------------------------------


@transaction.atomic
def _replace_distribution(document: Document, units: list[OrgUnit], roles: list[str]) -> None:
    document.distribution.all().delete()
    for unit in units:
        Distribution.objects.create(document=document, org_unit=unit)
    for role in roles:
        Distribution.objects.create(document=document, role=role)


@transaction.atomic
def set_distribution(
    *, actor: User, document: Document, units: list[OrgUnit], roles: list[str]
) -> Document:
    if not policies.can_manage_document(actor, document):
        raise Denied(_("Only the quality manager or the head of the owner unit sets who reads it."))
    _replace_distribution(document, units, roles)
    version = document.current_version
    if version is not None:
        for user in selectors.recipients(document):
            core_services.notify(
                recipient=user,
                kind="document_to_read",
                url=version.get_absolute_url(),
                params={"ref": version.label, "title": document.title},
                dedupe_key=f"document_to_read:{version.pk}",
            )
    return document


@transaction.atomic
def acknowledge(*, actor: User, version: DocumentVersion, content_hash: str) -> Acknowledgement:
    """“Read and understood”, confirmed after the text: `content_hash` is the hash of
    the text the reader had in front of them (shown at the end of the version page),
    so a confirmation is always of the text in force, and never made unseen."""
    core_services.require_status(
        version,
        DocumentVersion.Status.IN_FORCE,
        message=_("Only the version in force is confirmed as read."),
    )
    if not selectors.recipients(version.document).filter(pk=actor.pk).exists():
        raise ValidationError(_("This document is not distributed to you."))
    if not content_hash or content_hash != version.content_hash:
        raise ValidationError(
            {"content_hash": _("Open the document and confirm at the end of its text.")}
        )
    ack, _created = Acknowledgement.objects.get_or_create(version=version, user=actor)
    return ack
