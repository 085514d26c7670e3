"""Named read shapes of internal audits: the risk-based programme proposal,
programme progress, the audit list and the auditor pool. Each is a bounded
number of queries, whatever the number of rows."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
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
from django.utils.translation import ngettext

from ratusz.audits import policies
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
from ratusz.processes.models import Process

CYCLE_YEARS = 3  # every process audited at least once in this many years
FINDINGS_LOOKBACK = 3
FINDING_WEIGHTS = {
    Finding.Grade.MAJOR: 6,
    Finding.Grade.MINOR: 3,
    Finding.Grade.OBSERVATION: 1,
}
FIRST_MONTH, LAST_MONTH = 2, 11  # audits are spread over February to November


# --- the programme proposal -------------------------------------------------------------------


@dataclass
class ProposedItem:
    process: Process
    org_unit: OrgUnit
    clauses: list[Clause]
    score: int
    mandatory: bool
    years_since: (
        int  # years since the last closed audit (never audited: counted from the cycle start)
    )
    last_audited: int | None
    findings: Counter
    rationale: str = ""
    month: int = 0


def _cycle_start(year: int) -> int:
    """The year the 3-year cycle of never-audited processes counts from."""
    first = Programme.objects.aggregate(first=Min("year"))["first"]
    return min(first or year, year)


def due_state(*, year: int, processes: list[Process] | None = None) -> dict[int, dict]:
    """Per process id: last closed audit year, years since it, findings in the last
    3 years and whether the 3-year rule makes an audit mandatory in `year`."""
    processes = (
        processes
        if processes is not None
        else list(Process.objects.filter(is_active=True).select_related("owner_unit"))
    )
    ids = [p.pk for p in processes]
    last = dict(
        Audit.objects.filter(
            process_id__in=ids, status=Audit.Status.CLOSED, planned_start__year__lt=year
        )
        .values("process_id")
        .annotate(last=Max("planned_start"))
        .values_list("process_id", "last")
    )
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Finding.objects.filter(
            process_id__in=ids,
            audit__planned_start__year__gte=year - FINDINGS_LOOKBACK,
            audit__planned_start__year__lt=year,
        )
        .values("process_id", "grade")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["process_id"]][row["grade"]] += row["n"]
    start = _cycle_start(year)
    state = {}
    for process in processes:
        last_day = last.get(process.pk)
        created = min(process.created_at.year if process.created_at else year, year)
        if last_day is not None:
            years_since = year - last_day.year
        else:
            # Never audited: as if audited the year before the cycle (or the process) began,
            # so it becomes mandatory in the cycle's third year at the latest.
            years_since = year - max(min(start, created), year - CYCLE_YEARS) + 1
        state[process.pk] = {
            "last": last_day.year if last_day else None,
            "years_since": years_since,
            "findings": counts[process.pk],
            "mandatory": years_since >= CYCLE_YEARS,
        }
    return state


def _score(process: Process, info: dict) -> int:
    findings = sum(FINDING_WEIGHTS.get(g, 0) * n for g, n in info["findings"].items())
    return process.risk * 10 + min(findings, 30) + min(info["years_since"], 4) * 8


def _rationale(process: Process, info: dict, year: int) -> str:
    f = info["findings"]
    parts = [
        _("Risk: %(label)s (%(risk)s/5).")
        % {"label": process.get_risk_display(), "risk": process.risk},
        _(
            "Findings in the last %(n)s years: %(major)s major, %(minor)s minor, "
            "%(obs)s observations."
        )
        % {
            "n": FINDINGS_LOOKBACK,
            "major": f.get(Finding.Grade.MAJOR, 0),
            "minor": f.get(Finding.Grade.MINOR, 0),
            "obs": f.get(Finding.Grade.OBSERVATION, 0),
        },
    ]
    if info["last"] is None:
        parts.append(_("Never audited."))
    else:
        parts.append(
            ngettext(
                "Last audited in %(last)s (%(n)s year ago).",
                "Last audited in %(last)s (%(n)s years ago).",
                year - info["last"],
            )
            % {"last": info["last"], "n": year - info["last"]}
        )
    if info["mandatory"]:
        parts.append(_("Due this year under the 3-year cycle."))
    return " ".join(parts)


def propose_programme(year: int) -> list[ProposedItem]:
    """Which processes to audit in `year`, and when, ranked by risk.

    Mandatory: every process the 3-year rule makes due. Then the highest scores,
    until at least a third of the active processes are in. The highest scores
    get the earliest months, spread over February to November.
    """
    processes = list(
        Process.objects.filter(is_active=True)
        .select_related("owner_unit")
        .prefetch_related("clauses")
        .order_by("code")
    )
    if not processes:
        return []
    state = due_state(year=year, processes=processes)
    proposals = []
    for process in processes:
        info = state[process.pk]
        proposals.append(
            ProposedItem(
                process=process,
                org_unit=process.owner_unit,
                clauses=list(process.clauses.all()),
                score=_score(process, info),
                mandatory=info["mandatory"],
                years_since=info["years_since"],
                last_audited=info["last"],
                findings=info["findings"],
                rationale=_rationale(process, info, year),
            )
        )
    proposals.sort(key=lambda p: (-p.score, -p.process.risk, p.process.code))
    wanted = math.ceil(len(processes) / CYCLE_YEARS)
    chosen = [p for p in proposals if p.mandatory]
    for p in proposals:
        if len(chosen) >= wanted:
            break
        if not p.mandatory:
            chosen.append(p)
    chosen.sort(key=lambda p: (-p.score, -p.process.risk, p.process.code))
    span = LAST_MONTH - FIRST_MONTH + 1
    for index, p in enumerate(chosen):
        p.month = FIRST_MONTH + (index * span) // len(chosen)
    return chosen


def missing_due_processes(programme: Programme) -> list[Process]:
    """Processes the 3-year rule makes due that are neither planned nor justifiably deferred."""
    processes = list(Process.objects.filter(is_active=True).order_by("code"))
    state = due_state(year=programme.year, processes=processes)
    covered = set(
        programme.items.filter(
            Q(status=ProgrammeItem.Status.PLANNED)
            | (Q(status=ProgrammeItem.Status.DEFERRED) & ~Q(justification=""))
        ).values_list("process_id", flat=True)
    )
    return [p for p in processes if state[p.pk]["mandatory"] and p.pk not in covered]


# --- programme progress -----------------------------------------------------------------------

PROGRESS = ("planned", "in_progress", "done", "late", "deferred")


def progress_labels() -> dict[str, str]:
    return {
        "planned": _("Planned"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "late": _("Late"),
        "deferred": _("Deferred"),
    }


def items_with_progress(programme: Programme, today: date | None = None) -> list[ProgrammeItem]:
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
    for item in items:
        item.progress = item_progress(item, programme.year, today)
    return items


def item_progress(item: ProgrammeItem, year: int, today: date) -> str:
    if item.status == ProgrammeItem.Status.DEFERRED:
        return "deferred"
    if item.has_closed:
        return "done"
    if (year, item.planned_month) < (today.year, today.month):
        return "late"
    if item.has_active:
        return "in_progress"
    return "planned"


def progress_totals(items: list[ProgrammeItem]) -> dict[str, int]:
    counts = Counter(item.progress for item in items)
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
    teamed = (
        Audit.team.through.objects.filter(
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
        users = users.filter(auditor_profile__can_lead=True)
    return users.order_by("last_name", "first_name")


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
    return (
        ProgrammeItem.objects.select_related("programme", "process", "org_unit")
        .prefetch_related("clauses")
        .filter(pk=pk)
        .first()
    )


def question_templates() -> QuerySet[QuestionTemplate]:
    return QuestionTemplate.objects.select_related("clause", "process").order_by(
        "clause__sort_key", "process__code", "id"
    )


def checklist_item(audit: Audit, *, pk: int) -> ChecklistItem | None:
    item = audit.checklist.filter(pk=pk).first()
    if item is not None:
        item.audit = audit  # already loaded: no query for the audit again
    return item
