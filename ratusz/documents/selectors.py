"""Named reads of documented information; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from ratusz.core.models import Role, User
from ratusz.core.selectors import attachments_of, subtree_ids
from ratusz.documents import policies
from ratusz.documents.models import (
    Acknowledgement,
    Distribution,
    Document,
    DocumentVersion,
    PeriodicReview,
    RecordType,
    ReviewRequest,
    Transition,
)


def recipients(document: Document) -> QuerySet[User]:
    """Active staff who must read the document: its units' subtrees and its roles."""
    rows = list(document.distribution.select_related("org_unit"))
    unit_ids = subtree_ids([d.org_unit.path for d in rows if d.org_unit]) if rows else []
    roles = [d.role for d in rows if d.role]
    if not unit_ids and not roles:
        return User.objects.none()
    wanted = Q(org_unit_id__in=unit_ids) | Q(role_assignments__role__in=roles)
    return (
        User.objects.filter(wanted, is_active=True)
        .exclude(role_assignments__role=Role.EXTERNAL_AUDITOR)
        .distinct()
    )


def register(*, user) -> QuerySet:
    """The documents the user may see, by number, each marked when a new version is in
    preparation. `documents.filters.RegisterFilter` narrows and sorts them."""
    working = DocumentVersion.objects.filter(
        document=OuterRef("pk"), status__in=DocumentVersion.WORKING
    )
    return (
        policies.documents_visible_to(user, Document.objects.for_register())
        .annotate(has_working=Exists(working))
        .order_by("number")
    )


def document_detail(*, user, pk: int) -> Document | None:
    document = Document.objects.for_register().filter(pk=pk).first()
    if document is None or not policies.can_view_document(user, document):
        return None
    return document


def version_detail(*, user, document: Document, number: int) -> DocumentVersion | None:
    version = (
        DocumentVersion.objects.select_related("author", "approver")
        .prefetch_related("review_requests__reviewer")
        .filter(document=document, number=number)
        .first()
    )
    if version is None:
        return None
    version.document = document
    if not policies.can_view_version(user, version):
        return None
    return version


def was_replaced(*, document: Document, number: int) -> bool:
    """Whether the version was once in force and has been superseded or withdrawn."""
    return DocumentVersion.objects.filter(
        document=document,
        number=number,
        status__in=(DocumentVersion.Status.SUPERSEDED, DocumentVersion.Status.WITHDRAWN),
    ).exists()


def versions_visible(*, user, document: Document) -> list[DocumentVersion]:
    versions = list(
        document.versions.select_related("author", "approver").prefetch_related("review_requests")
    )
    for version in versions:
        version.document = document
    return [v for v in versions if policies.can_view_version(user, v)]


@dataclass
class AckStats:
    recipients: int
    confirmed: int
    missing: list[User]
    by_unit: list[dict]

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.recipients) if self.recipients else 0


def acknowledgement_stats(document: Document) -> AckStats | None:
    version = document.current_version
    if version is None:
        return None
    people = list(recipients(document).select_related("org_unit").order_by("last_name"))
    confirmed = set(
        Acknowledgement.objects.filter(version=version).values_list("user_id", flat=True)
    )
    by_unit: dict[str, dict] = {}
    for person in people:
        name = person.org_unit.name if person.org_unit is not None else "—"
        row = by_unit.setdefault(name, {"unit": name, "total": 0, "confirmed": 0})
        row["total"] += 1
        row["confirmed"] += person.pk in confirmed
    for row in by_unit.values():
        row["percent"] = round(100 * row["confirmed"] / row["total"])
    return AckStats(
        recipients=len(people),
        confirmed=sum(1 for p in people if p.pk in confirmed),
        missing=[p for p in people if p.pk not in confirmed],
        by_unit=sorted(by_unit.values(), key=lambda r: r["unit"]),
    )


def _to_read_qs(user) -> QuerySet:
    from ratusz.core import access

    unit_path = user.org_unit.path if user.org_unit_id else None
    ancestors = [int(p) for p in unit_path.split("/") if p] if unit_path else []
    wanted = Q(document__distribution__org_unit_id__in=ancestors) | Q(
        document__distribution__role__in=sorted(access.roles(user))
    )
    confirmed = Acknowledgement.objects.filter(version=OuterRef("pk"), user=user)
    return (
        DocumentVersion.objects.filter(wanted, status=DocumentVersion.Status.IN_FORCE)
        .exclude(Exists(confirmed))
        .distinct()
    )


def to_read(*, user) -> QuerySet:
    """Versions in force distributed to the user that they have not confirmed."""
    return (
        _to_read_qs(user)
        .select_related("document")
        .only(
            "id", "number", "effective_date", "document_id", "document__number", "document__title"
        )
        .order_by("effective_date", "document__number", "id")
    )


def pending_for(*, user) -> dict[str, int]:
    """Counts for the dashboard: to read, to review, to approve."""
    from ratusz.core import access

    approver_roles = sorted(access.roles(user))
    awaiting = (
        DocumentVersion.objects.filter(
            status=DocumentVersion.Status.AWAITING_APPROVAL,
            document__doc_type__approver_role__in=approver_roles,
        ).count()
        if approver_roles
        else 0
    )
    to_review = DocumentVersion.objects.filter(
        status=DocumentVersion.Status.IN_REVIEW,
        review_requests__reviewer=user,
        review_requests__round=F("review_round"),
        review_requests__decision="pending",
    ).count()
    return {"to_read": _to_read_qs(user).count(), "to_review": to_review, "to_approve": awaiting}


@dataclass
class DocumentPage:
    """What the document page shows around the document."""

    versions: list[DocumentVersion]
    clauses: list
    distribution: list[Distribution]
    stats: AckStats | None
    reviews: list[PeriodicReview]
    records: list[RecordType]


def document_page(document: Document, *, user, with_stats: bool) -> DocumentPage:
    return DocumentPage(
        versions=versions_visible(user=user, document=document),
        clauses=list(document.clauses.all()),
        distribution=list(document.distribution.select_related("org_unit")),
        stats=acknowledgement_stats(document) if with_stats else None,
        reviews=list(document.reviews.select_related("reviewed_by")[:10]),
        records=list(document.record_types.select_related("keeper_unit")),
    )


def is_to_read_by(user, version: DocumentVersion) -> bool:
    """The version in force is distributed to this person (they are asked to read it)."""
    return (
        version.status == DocumentVersion.Status.IN_FORCE
        and recipients(version.document).filter(pk=user.pk).exists()
    )


def has_read(user, version: DocumentVersion) -> bool:
    return version.acknowledgements.filter(user=user).exists()


def records_register(*, user) -> QuerySet[RecordType]:
    """Every kind of record, with the documents defining it that the user may open."""
    return RecordType.objects.select_related("keeper_unit").prefetch_related(
        Prefetch("defined_by", queryset=policies.documents_visible_to(user)), "clauses"
    )


def transitions_of(version: DocumentVersion) -> QuerySet:
    return version.transitions.select_related("actor")


def version_files(version: DocumentVersion) -> QuerySet:
    """A version's files with the state of their extracted text, in one query."""
    return attachments_of(version).select_related("extracted").order_by("pk")


@dataclass
class ReviewRound:
    """One "Send for review" of a version and the reviews given in it."""

    number: int
    sent_at: datetime | None
    reviews: list[ReviewRequest]
    current: bool


def review_rounds(version: DocumentVersion, transitions: list[Transition]) -> list[ReviewRound]:
    """Every review round of the version, newest first, from what is already loaded."""
    sent = [t.at for t in transitions if t.to_status == DocumentVersion.Status.IN_REVIEW]
    by_round: dict[int, list[ReviewRequest]] = {}
    for request in version.review_requests.all():
        by_round.setdefault(request.round, []).append(request)
    return [
        ReviewRound(
            number=number,
            sent_at=sent[number - 1] if number <= len(sent) else None,
            reviews=sorted(by_round[number], key=lambda r: r.pk),
            current=number == version.review_round,
        )
        for number in sorted(by_round, reverse=True)
    ]
