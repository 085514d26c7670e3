"""Readiness for the certification auditor: for each applicable ISO 9001 clause,
the evidence Ratusz holds and whether it is current.

The rules are data: each area's `readiness.py` lists in `RULES` the clauses it
checks, each with its thresholds, a reason and the page where the gap is fixed
(`core.plugins.ReadinessRule`); this module holds the rules of the clauses core
owns and collects the rest. A clause without a rule says it is not covered by
Ratusz yet rather than pretending to be green. The score is green = 1, amber = ½,
red = 0 over the clauses that have a rule; one figure per ISO week is kept
(`record_week`) to show the trend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.models import Clause, Office, OrgUnit
from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict, area_modules

NOT_COVERED = "not_covered"  # a clause no rule checks
POINTS = {GREEN: 1.0, AMBER: 0.5, RED: 0.0}


@dataclass
class ClauseReadiness:
    clause: Clause
    state: str
    evidence: str = ""
    reasons: list[Verdict] = field(default_factory=list)

    @property
    def fix_url(self) -> str:
        return next((v.fix_url for v in self.reasons if v.state != GREEN and v.fix_url), "")

    def fix_url_for(self, user) -> str:
        """The page where the gap is fixed, if this user may open it."""
        return next(
            (url for v in self.reasons if v.state != GREEN and (url := v.fix_url_for(user))), ""
        )


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


def _edits_office(user) -> bool:
    """The office's scope is kept in the administration site."""
    return user.is_active and user.is_staff and user.has_perm("core.change_office")


def _scope(today: date, p: dict) -> Verdict:
    office = Office.current()
    fix = reverse("admin:core_office_changelist")
    if office is None or not office.qms_scope.strip():
        return Verdict(RED, _("The scope of the QMS is not written down."), fix, _edits_office)
    # Each excluded clause carries its own justification (a database rule); the
    # scope states why the exclusions do not affect conformity of the services.
    excluded = Clause.objects.filter(applicable=False).exists()
    if excluded and not office.scope_justification.strip():
        return Verdict(
            AMBER,
            _("Clauses are excluded, but the scope does not say why that is acceptable."),
            fix,
            _edits_office,
        )
    return Verdict(GREEN, _("Scope written; every exclusion justified."))


def _roles(today: date, p: dict) -> Verdict:
    headless = OrgUnit.objects.filter(is_active=True, head__isnull=True).order_by("path").first()
    if headless is not None:
        return Verdict(
            AMBER,
            _("Unit %(unit)s has no head.") % {"unit": headless.name},
            reverse("core:org_unit_detail", args=[headless.pk]),
        )
    return Verdict(GREEN, _("Every unit has a head."))


# The clauses core owns (the office's scope and its units); every other area
# contributes its rules through its own `readiness.py`.
RULES: list[ReadinessRule] = [
    ReadinessRule("4.3", gettext_lazy("QMS scope and justified exclusions"), _scope),
    ReadinessRule("5.3", gettext_lazy("Heads of units"), _roles),
]

_WORST = {RED: 0, AMBER: 1, GREEN: 2}


def rules() -> list[ReadinessRule]:
    """Every area's rules (this module's among them), in INSTALLED_APPS order."""
    return [rule for _label, module in area_modules("readiness") for rule in module.RULES]


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
    by_clause: dict[str, list[ReadinessRule]] = {}
    for rule in rules():
        by_clause.setdefault(rule.clause, []).append(rule)
    rows = []
    for clause in clauses:
        checks = by_clause.get(clause.number, [])
        if not checks:
            rows.append(ClauseReadiness(clause=clause, state=NOT_COVERED))
            continue
        verdicts = [rule.check(today, rule.params) for rule in checks]
        rows.append(
            ClauseReadiness(
                clause=clause,
                state=min((v.state for v in verdicts), key=_WORST.__getitem__),
                evidence="; ".join(str(rule.evidence) for rule in checks),
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
