"""Named read shapes of internal audits: the risk-based programme proposal,
programme progress, the audit list and the auditor pool. Each is a bounded
number of queries, whatever the number of rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.audits import policies, proposal, qualification
from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Finding,
    Programme,
    ProgrammeItem,
    QuestionTemplate,
    ReportAcknowledgement,
)
from ratusz.core import access
from ratusz.core.models import Attachment, Clause, OrgUnit, User

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# --- programme progress -----------------------------------------------------------------------

PROGRESS = ("planned", "in_progress", "done", "late", "deferred")


class ItemProgress(TypedDict):
    """What `items_with_progress` annotates on each programme item."""

    has_closed: bool
    has_active: bool
    first_audit: int | None


def audits_openable(*, user, ids: list[int]) -> set[int]:
    """Which of these audits the user may open (one query)."""
    if not ids:
        return set()
    found = policies.audits_visible_to(user, Audit.objects.filter(pk__in=ids))
    return set(found.values_list("pk", flat=True))


def progress_labels() -> dict[str, str]:
    return {
        "planned": _("Planned"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "late": _("Late"),
        "deferred": _("Deferred"),
    }


def items_with_progress(
    programme: Programme, today: date | None = None
) -> list[WithAnnotations[ProgrammeItem, ItemProgress]]:
    """The programme's items, each with its `progress` (one of PROGRESS)."""
    today = today or timezone.localdate()
    audits = Audit.objects.filter(programme_item_id=OuterRef("pk"))
    items = list(
        programme.items.select_related("process", "org_unit")
        .prefetch_related("clauses")
        .annotate(
            has_closed=Exists(audits.filter(status=Audit.Status.CLOSED)),
            has_active=Exists(
                audits.filter(status__in=(Audit.Status.PLANNED, Audit.Status.IN_PROGRESS))
            ),
            first_audit=Min("audits__pk"),
        )
    )
    reasons = proposal.item_reasons(programme.year, items)
    for item in items:
        # Computed here rather than in SQL, so not an annotation the stubs know.
        item.progress = item_progress(item, programme.year, today)  # type: ignore[attr-defined]
        item.why = reasons[item.pk]  # type: ignore[attr-defined]
    return items


def item_progress(
    item: WithAnnotations[ProgrammeItem, ItemProgress], year: int, today: date
) -> str:
    if item.status == ProgrammeItem.Status.DEFERRED:
        return "deferred"
    if item.has_closed:
        return "done"
    if (year, item.planned_month) < (today.year, today.month):
        return "late"
    if item.has_active:
        return "in_progress"
    return "planned"


def progress_totals(items: Sequence[ProgrammeItem]) -> dict[str, int]:
    """Totals of the items from `items_with_progress`, which sets each one's `progress`."""
    counts = Counter(item.progress for item in items)  # type: ignore[attr-defined]
    totals = {key: counts.get(key, 0) for key in PROGRESS}
    totals["total"] = len(items)
    planned = totals["total"] - totals["deferred"]
    totals["percent_done"] = round(100 * totals["done"] / planned) if planned else 0
    return totals


def programme_totals(year: int, today: date | None = None) -> dict[str, int] | None:
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        return None
    return progress_totals(items_with_progress(programme, today))


# --- audits -----------------------------------------------------------------------------------


def audit_list(*, user) -> QuerySet:
    """Audits the user may see, the latest first, with their units and number of
    findings. `audits.filters.AuditFilter` narrows them down."""
    return (
        policies.audits_visible_to(
            user,
            Audit.objects.select_related("process", "lead_auditor").prefetch_related(
                Prefetch("org_units", queryset=OrgUnit.objects.only("pk", "name", "code", "path"))
            ),
        )
        .annotate(finding_count=Count("findings", distinct=True))
        .order_by("-planned_start", "-number")
    )


def audit_detail(*, user, pk: int) -> Audit | None:
    audit = (
        Audit.objects.select_related(
            "process__owner_unit", "lead_auditor", "created_by", "programme_item__programme"
        )
        .prefetch_related(
            Prefetch("org_units", queryset=OrgUnit.objects.select_related("head")),
            "team",
            "clauses",
        )
        .filter(pk=pk)
        .first()
    )
    if audit is None or not policies.can_view_audit(user, audit):
        return None
    return audit


def checklist_of(audit: Audit) -> list[ChecklistItem]:
    return list(audit.checklist.select_related("clause", "answered_by").order_by("position", "id"))


def findings_of(audit: Audit) -> list[Finding]:
    return list(
        audit.findings.select_related(
            "clause", "org_unit", "process", "nonconformity", "idea", "recorded_by"
        ).order_by("number")
    )


def checklist_summary(items: list[ChecklistItem]) -> dict:
    counts = Counter(item.answer or "" for item in items)
    rows = [(value, label, counts.get(value, 0)) for value, label in ChecklistItem.Answer.choices]
    return {
        "rows": rows,
        "unanswered": counts.get("", 0),
        "total": len(items),
        "notable": [
            i
            for i in items
            if i.answer in (ChecklistItem.Answer.NONCONFORMS, ChecklistItem.Answer.OBSERVATION)
        ],
    }


# --- the pool ---------------------------------------------------------------------------------


def auditor_pool() -> QuerySet:
    """Pool members with the number of closed audits each took part in (lead or team)."""
    led = (
        Audit.objects.filter(lead_auditor_id=OuterRef("user_id"), status=Audit.Status.CLOSED)
        .values("lead_auditor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # django-stubs drops `n` from an auto-created through model's annotate().
    teamed = (
        Audit.team.through.objects.filter(  # type: ignore[misc]
            user_id=OuterRef("user_id"), audit__status=Audit.Status.CLOSED
        )
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        AuditorProfile.objects.select_related("user__org_unit")
        .annotate(
            led_count=Coalesce(Subquery(led, output_field=IntegerField()), Value(0)),
            team_count=Coalesce(Subquery(teamed, output_field=IntegerField()), Value(0)),
        )
        .order_by("-is_active", "user__last_name", "user__first_name")
    )


def assignable_auditors(*, lead: bool = False) -> QuerySet:
    users = User.objects.filter(is_active=True, auditor_profile__is_active=True).select_related(
        "org_unit"
    )
    if lead:
        pool = AuditorProfile.objects.filter(is_active=True, user__is_active=True)
        leads = [pk for pk, q in qualification.of(pool).items() if q.can_lead]
        users = users.filter(pk__in=leads)
    return users.order_by("last_name", "first_name")


def pool_page() -> list[AuditorProfile]:
    """The pool as its page shows it: each member with their qualification."""
    return qualification.attach(auditor_pool())


# --- the audit page and the dashboard -------------------------------------------------------


@dataclass
class AuditPage:
    """What the audit page shows around the audit, read in a fixed number of queries."""

    checklist: list[ChecklistItem]
    files: dict[int, list[Attachment]]  # checklist item id → its evidence files
    units: list[OrgUnit]
    team: list[User]
    clauses: list[Clause]
    findings: list[Finding]
    acknowledgements: list[tuple[OrgUnit, ReportAcknowledgement | None]]
    to_acknowledge: list[OrgUnit]

    @property
    def summary(self) -> dict:
        return checklist_summary(self.checklist)


def audit_page(audit: Audit, *, user) -> AuditPage:
    checklist = checklist_of(audit)
    files: dict[int, list[Attachment]] = defaultdict(list)
    item_type = ContentType.objects.get_for_model(ChecklistItem)
    for attachment in Attachment.objects.filter(
        target_type=item_type, target_id__in=[str(item.pk) for item in checklist]
    ).order_by("uploaded_at"):
        files[int(attachment.target_id)].append(attachment)
    acks = {a.org_unit_id: a for a in audit.acknowledgements.select_related("user")}
    units = list(audit.org_units.all())
    return AuditPage(
        checklist=checklist,
        files=dict(files),
        units=units,
        team=list(audit.team.all()),
        clauses=list(audit.clauses.all()),
        findings=findings_of(audit),
        acknowledgements=[(unit, acks.get(unit.pk)) for unit in units],
        to_acknowledge=policies.units_to_acknowledge(user, audit),
    )


@dataclass
class DashboardAudits:
    upcoming: list[Audit]
    to_acknowledge: list[Audit]
    totals: dict[str, int] | None


def for_dashboard(*, user, today: date | None = None, with_totals: bool = False) -> DashboardAudits:
    """My next audits, closed audits of units I run whose report waits for my
    acknowledgement, and (for the quality manager) this year's programme progress."""
    today = today or timezone.localdate()
    upcoming = (
        Audit.objects.filter(status__in=(Audit.Status.PLANNED, Audit.Status.IN_PROGRESS))
        .filter(Q(lead_auditor=user) | Q(team=user))
        .distinct()
        .order_by("planned_start")[:5]
    )
    run_here = Q(head=user)
    for path in access.managed_unit_paths(user):
        run_here |= Q(path__startswith=path)
    my_units = OrgUnit.objects.filter(run_here).values("pk")
    acknowledged = ReportAcknowledgement.objects.filter(
        audit_id=OuterRef("pk"), org_unit__in=my_units
    )
    audited_here = Q(org_units__head=user)
    for path in access.managed_unit_paths(user):
        audited_here |= Q(org_units__path__startswith=path)
    to_acknowledge = (
        Audit.objects.filter(audited_here, status=Audit.Status.CLOSED)
        .filter(~Exists(acknowledged))
        .distinct()
        .order_by("-report_issued_at")[:5]
    )
    return DashboardAudits(
        upcoming=list(upcoming),
        to_acknowledge=list(to_acknowledge),
        totals=programme_totals(today.year, today) if with_totals else None,
    )


# --- small reads of the audit pages ---------------------------------------------------------


def programme_of(year: int) -> Programme | None:
    return Programme.objects.select_related("approved_by").filter(year=year).first()


def programme_item(*, pk: int) -> ProgrammeItem | None:
    """One programme item, with `why` (its reasons, rendered for the reader now)."""
    item = (
        ProgrammeItem.objects.select_related("programme", "process", "org_unit")
        .prefetch_related("clauses")
        .filter(pk=pk)
        .first()
    )
    if item is not None:
        item.why = proposal.item_reasons(item.programme.year, [item])[item.pk]  # type: ignore[attr-defined]
    return item


def question_templates() -> QuerySet[QuestionTemplate]:
    return QuestionTemplate.objects.select_related("clause", "process").order_by(
        "clause__sort_key", "process__code", "id"
    )


def checklist_item(audit: Audit, *, pk: int) -> ChecklistItem | None:
    item = audit.checklist.filter(pk=pk).first()
    if item is not None:
        item.audit = audit  # already loaded: no query for the audit again
    return item
