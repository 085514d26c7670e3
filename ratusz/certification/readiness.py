"""Readiness for the certification auditor: for each applicable ISO 9001 clause,
the evidence Ratusz holds and whether it is current.

The rules are data: `RULES` maps a clause to a check with its thresholds, a
reason and the page where the gap is fixed. A clause without a rule says it is
not covered by Ratusz yet rather than pretending to be green. The score is
green = 1, amber = ½, red = 0 over the clauses that have a rule; one figure
per ISO week is kept (`record_week`) to show the trend.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.core.models import Clause, Office, OrgUnit

GREEN, AMBER, RED, NOT_COVERED = "green", "amber", "red", "not_covered"
POINTS = {GREEN: 1.0, AMBER: 0.5, RED: 0.0}


@dataclass(frozen=True)
class Verdict:
    state: str
    reason: str
    fix_url: str = ""


@dataclass(frozen=True)
class Rule:
    clause: str
    evidence: Any  # what Ratusz looks at (lazy text)
    check: Callable[[date, dict], Verdict]
    params: dict = field(default_factory=dict)


@dataclass
class ClauseReadiness:
    clause: Clause
    state: str
    evidence: str = ""
    reasons: list[Verdict] = field(default_factory=list)

    @property
    def fix_url(self) -> str:
        return next((v.fix_url for v in self.reasons if v.state != GREEN and v.fix_url), "")


@dataclass
class Readiness:
    clauses: list[ClauseReadiness]
    today: date

    def count(self, state: str) -> int:
        return sum(1 for c in self.clauses if c.state == state)

    count_green = property(lambda self: self.count(GREEN))
    count_amber = property(lambda self: self.count(AMBER))
    count_red = property(lambda self: self.count(RED))
    count_not_covered = property(lambda self: self.count(NOT_COVERED))

    @property
    def score(self) -> int | None:
        covered = [c for c in self.clauses if c.state in POINTS]
        if not covered:
            return None
        return round(100 * sum(POINTS[c.state] for c in covered) / len(covered))


# --- the checks ---------------------------------------------------------------------


def _scope(today: date, p: dict) -> Verdict:
    office = Office.current()
    fix = "/admin/core/office/"
    if office is None or not office.qms_scope.strip():
        return Verdict(RED, _("The scope of the QMS is not written down."), fix)
    # Each excluded clause carries its own justification (a database rule); the
    # scope states why the exclusions do not affect conformity of the services.
    excluded = Clause.objects.filter(applicable=False).exists()
    if excluded and not office.scope_justification.strip():
        return Verdict(
            AMBER,
            _("Clauses are excluded, but the scope does not say why that is acceptable."),
            fix,
        )
    return Verdict(GREEN, _("Scope written; every exclusion justified."))


def _processes(today: date, p: dict) -> Verdict:
    from ratusz.processes.models import Process

    active = Process.objects.filter(is_active=True)
    if not active.exists():
        return Verdict(RED, _("No processes are described."), "/processes/")
    orphan = active.filter(owner__isnull=True).order_by("code").first()
    if orphan is not None:
        return Verdict(
            AMBER,
            _("Process %(p)s has no owner.") % {"p": orphan},
            f"/processes/{orphan.pk}/edit/",
        )
    return Verdict(GREEN, _("%(n)d processes, each with an owner.") % {"n": active.count()})


def _policy(today: date, p: dict) -> Verdict:
    from ratusz.documents.models import Document
    from ratusz.documents.selectors import acknowledgement_stats

    policy = (
        Document.objects.select_related("current_version")
        .filter(doc_type__code="policy", current_version__isnull=False)
        .order_by("number")
        .first()
    )
    if policy is None:
        return Verdict(RED, _("No quality policy is in force."), "/documents/")
    stats = acknowledgement_stats(policy)
    if stats and stats.recipients and stats.percent < p["acknowledged_percent"]:
        return Verdict(
            AMBER,
            _("The policy is in force, but only %(pct)d%% of the staff confirmed reading it.")
            % {"pct": stats.percent},
            f"/documents/{policy.pk}/distribution/",
        )
    return Verdict(GREEN, _("%(doc)s is in force and acknowledged.") % {"doc": policy.number})


def _roles(today: date, p: dict) -> Verdict:
    headless = OrgUnit.objects.filter(is_active=True, head__isnull=True).order_by("path").first()
    if headless is not None:
        return Verdict(
            AMBER,
            _("Unit %(unit)s has no head.") % {"unit": headless.name},
            reverse("core:org_unit_detail", args=[headless.pk]),
        )
    return Verdict(GREEN, _("Every unit has a head."))


def _auditors(today: date, p: dict) -> Verdict:
    from ratusz.audits.models import AuditorProfile

    pool = AuditorProfile.objects.filter(is_active=True, user__is_active=True)
    size = pool.count()
    if size < p["min_auditors"]:
        return Verdict(
            RED,
            ngettext(
                "%(n)d internal auditor in the pool; at least %(min)d are needed.",
                "%(n)d internal auditors in the pool; at least %(min)d are needed.",
                size,
            )
            % {"n": size, "min": p["min_auditors"]},
            "/audits/auditors/",
        )
    stale = pool.filter(trained_on__lt=today - timedelta(days=365 * p["training_years"])).count()
    if stale:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d auditor's training is older than %(y)d years.",
                "%(n)d auditors' training is older than %(y)d years.",
                stale,
            )
            % {"n": stale, "y": p["training_years"]},
            "/audits/auditors/",
        )
    return Verdict(GREEN, _("%(n)d trained internal auditors.") % {"n": size})


def _documents(today: date, p: dict) -> Verdict:
    from ratusz.documents.models import Document

    overdue = Document.objects.filter(
        current_version__isnull=False, next_review_date__lt=today
    ).count()
    fix = "/documents/?state=review_overdue"
    if overdue > p["amber_up_to"]:
        return Verdict(
            RED,
            ngettext(
                "%(n)d document is past its review date.",
                "%(n)d documents are past their review date.",
                overdue,
            )
            % {"n": overdue},
            fix,
        )
    if overdue:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d document is past its review date.",
                "%(n)d documents are past their review date.",
                overdue,
            )
            % {"n": overdue},
            fix,
        )
    return Verdict(GREEN, _("Every document in force is within its review date."))


def _programme(today: date, p: dict) -> Verdict:
    from ratusz.audits.models import Programme
    from ratusz.audits.selectors import programme_totals

    programme = Programme.objects.filter(year=today.year).first()
    fix = f"/audits/programme/{today.year}/"
    if programme is None:
        return Verdict(RED, _("There is no audit programme for %(y)d.") % {"y": today.year}, fix)
    if programme.status != Programme.Status.APPROVED:
        return Verdict(
            RED, _("The audit programme for %(y)d is not approved.") % {"y": today.year}, fix
        )
    late = programme_totals(today.year, today)["late"]
    if late > p["amber_up_to"]:
        return Verdict(RED, _("%(n)d programmed audits are late.") % {"n": late}, fix)
    if late:
        return Verdict(
            AMBER,
            ngettext("%(n)d programmed audit is late.", "%(n)d programmed audits are late.", late)
            % {"n": late},
            fix,
        )
    return Verdict(GREEN, _("The programme is approved and on schedule."))


def _corrections(today: date, p: dict) -> Verdict:
    from ratusz.improvement.models import Nonconformity

    waiting = Nonconformity.objects.filter(
        status=Nonconformity.Status.OPEN,
        correction="",
        detected_on__lt=today - timedelta(days=p["correct_within_days"]),
    ).count()
    if waiting:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d nonconformity has no correction recorded after %(d)d days.",
                "%(n)d nonconformities have no correction recorded after %(d)d days.",
                waiting,
            )
            % {"n": waiting, "d": p["correct_within_days"]},
            "/improvement/nonconformities/?status=open",
        )
    return Verdict(GREEN, _("Nonconformities are corrected promptly."))


def _nonconformities(today: date, p: dict) -> Verdict:
    from ratusz.improvement.models import Nonconformity

    open_ = Nonconformity.objects.open()
    counts = open_.aggregate(
        overdue=Count("pk", filter=Q(target_date__lt=today)),
        major_overdue=Count("pk", filter=Q(target_date__lt=today, grade="major")),
        unverified=Count(
            "pk",
            filter=Q(status=Nonconformity.Status.VERIFICATION, verification_due__lt=today),
        ),
    )
    fix = "/improvement/nonconformities/?overdue=1"
    if counts["major_overdue"] or counts["overdue"] > p["amber_up_to"]:
        return Verdict(
            RED,
            ngettext(
                "%(n)d nonconformity is past its target date.",
                "%(n)d nonconformities are past their target date.",
                counts["overdue"],
            )
            % {"n": counts["overdue"]},
            fix,
        )
    if counts["overdue"] or counts["unverified"]:
        return Verdict(
            AMBER,
            _(
                "%(overdue)d past the target date, %(unverified)d waiting too long for the "
                "effectiveness check."
            )
            % counts,
            fix if counts["overdue"] else "/improvement/nonconformities/?status=verification",
        )
    return Verdict(GREEN, _("No nonconformity is overdue or waiting for its effectiveness check."))


def _ideas(today: date, p: dict) -> Verdict:
    from ratusz.improvement.models import Idea

    waiting = Idea.objects.filter(
        status__in=(Idea.Status.SUBMITTED, Idea.Status.EVALUATING),
        created_at__date__lt=today - timedelta(days=p["decide_within_days"]),
    ).count()
    if waiting:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d improvement idea has waited more than %(d)d days for a decision.",
                "%(n)d improvement ideas have waited more than %(d)d days for a decision.",
                waiting,
            )
            % {"n": waiting, "d": p["decide_within_days"]},
            "/improvement/ideas/",
        )
    return Verdict(GREEN, _("Improvement ideas are decided on time."))


RULES: list[Rule] = [
    Rule("4.3", gettext_lazy("QMS scope and justified exclusions"), _scope),
    Rule("4.4", gettext_lazy("Processes and their owners"), _processes),
    Rule(
        "5.2",
        gettext_lazy("Quality policy in force and acknowledged"),
        _policy,
        {"acknowledged_percent": 90},
    ),
    Rule("5.3", gettext_lazy("Heads of units"), _roles),
    Rule(
        "7.2",
        gettext_lazy("Internal auditors trained"),
        _auditors,
        {"min_auditors": 2, "training_years": 3},
    ),
    Rule("7.5", gettext_lazy("Documents within their review date"), _documents, {"amber_up_to": 3}),
    Rule(
        "8.7",
        gettext_lazy("Immediate correction of nonconformities"),
        _corrections,
        {"correct_within_days": 14},
    ),
    Rule("9.2", gettext_lazy("This year's audit programme"), _programme, {"amber_up_to": 1}),
    Rule(
        "10.2",
        gettext_lazy("Nonconformities on time and verified"),
        _nonconformities,
        {"amber_up_to": 3},
    ),
    Rule("10.3", gettext_lazy("Improvement ideas decided"), _ideas, {"decide_within_days": 60}),
]

_WORST = {RED: 0, AMBER: 1, GREEN: 2}


def assess(today: date | None = None) -> Readiness:
    """Every applicable main clause (4.1 … 10.3) with its state and reasons."""
    today = today or timezone.localdate()
    clauses = [
        c
        for c in Clause.objects.filter(standard="ISO 9001", edition="2015", applicable=True)
        .exclude(number__in=["4", "5", "6", "7", "8", "9", "10"])
        .order_by("sort_key")
        if c.number.count(".") == 1
    ]
    by_clause: dict[str, list[Rule]] = {}
    for rule in RULES:
        by_clause.setdefault(rule.clause, []).append(rule)
    rows = []
    for clause in clauses:
        rules = by_clause.get(clause.number, [])
        if not rules:
            rows.append(ClauseReadiness(clause=clause, state=NOT_COVERED))
            continue
        verdicts = [rule.check(today, rule.params) for rule in rules]
        rows.append(
            ClauseReadiness(
                clause=clause,
                state=min((v.state for v in verdicts), key=_WORST.__getitem__),
                evidence="; ".join(str(rule.evidence) for rule in rules),
                reasons=verdicts,
            )
        )
    return Readiness(clauses=rows, today=today)


@transaction.atomic
def record_week(readiness: Readiness):
    """Keep this ISO week's figure (the latest assessment of the week wins)."""
    from ratusz.certification.models import ReadinessSnapshot

    week_start = readiness.today - timedelta(days=readiness.today.weekday())
    snapshot, _created = ReadinessSnapshot.objects.update_or_create(
        week_start=week_start,
        defaults={
            "score": readiness.score,
            "green": readiness.count(GREEN),
            "amber": readiness.count(AMBER),
            "red": readiness.count(RED),
        },
    )
    return snapshot


def ensure_week(readiness: Readiness) -> None:
    """Record this week's figure if the daily run has not yet (a page view writes at
    most once a week; the daily run keeps the figure current)."""
    from ratusz.certification.models import ReadinessSnapshot

    week_start = readiness.today - timedelta(days=readiness.today.weekday())
    if not ReadinessSnapshot.objects.filter(week_start=week_start).exists():
        record_week(readiness)


def trend(weeks: int = 26):
    from ratusz.certification.models import ReadinessSnapshot

    return list(reversed(ReadinessSnapshot.objects.order_by("-week_start")[:weeks]))
