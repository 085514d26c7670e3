"""Named reads of documented information; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ratusz.core.models import User
from ratusz.core.selectors import subtree_ids
from ratusz.documents import policies
from ratusz.documents.models import Acknowledgement, Document, DocumentVersion
from ratusz.documents.services import recipients

V = DocumentVersion.Status
REVIEW_SOON_DAYS = 30
SORTS = {
    "number": ("number",),
    "title": ("title", "number"),
    "type": ("doc_type__sort_order", "number"),
    "unit": ("owner_unit__path", "number"),
    "review": ("next_review_date", "number"),
    "-number": ("-number",),
    "-title": ("-title", "-number"),
    "-review": ("-next_review_date", "-number"),
}


@dataclass
class RegisterFilters:
    doc_type: object = None
    unit: object = None
    state: str = ""  # in_force, working, review_overdue, review_soon, withdrawn
    confidentiality: str = ""
    retention: str = ""
    clause: object = None
    q: str = ""
    sort: str = "number"


def register(*, user, filters: RegisterFilters, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    qs = policies.documents_visible_to(user, Document.objects.for_register())
    working = DocumentVersion.objects.filter(
        document=OuterRef("pk"), status__in=DocumentVersion.WORKING
    )
    qs = qs.annotate(has_working=Exists(working))
    if filters.doc_type is not None:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.unit is not None:
        qs = qs.filter(owner_unit_id__in=subtree_ids([filters.unit.path]))
    if filters.state == "in_force":
        qs = qs.filter(current_version__isnull=False)
    elif filters.state == "working":
        qs = qs.filter(has_working=True)
    elif filters.state == "review_overdue":
        qs = qs.filter(current_version__isnull=False, next_review_date__lt=today)
    elif filters.state == "review_soon":
        qs = qs.filter(
            current_version__isnull=False,
            next_review_date__gte=today,
            next_review_date__lte=today + timedelta(days=REVIEW_SOON_DAYS),
        )
    elif filters.state == "withdrawn":
        qs = qs.filter(withdrawn_at__isnull=False)
    if filters.confidentiality:
        qs = qs.filter(confidentiality=filters.confidentiality)
    if filters.retention:
        qs = qs.filter(retention_category=filters.retention)
    if filters.clause is not None:
        qs = qs.filter(clauses=filters.clause)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(number__icontains=filters.q))
    return qs.order_by(*SORTS.get(filters.sort, SORTS["number"]))


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
        name = person.org_unit.name if person.org_unit_id else "—"
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
        DocumentVersion.objects.filter(wanted, status=V.IN_FORCE)
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
            status=V.AWAITING_APPROVAL, document__doc_type__approver_role__in=approver_roles
        ).count()
        if approver_roles
        else 0
    )
    to_review = DocumentVersion.objects.filter(
        status=V.IN_REVIEW,
        review_requests__reviewer=user,
        review_requests__decision="pending",
    ).count()
    return {"to_read": _to_read_qs(user).count(), "to_review": to_review, "to_approve": awaiting}
