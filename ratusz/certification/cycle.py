"""The external audit cycle of a certificate (ISO/IEC 17021-1), worked out from
its dates and the audits held or planned.

Within a three-year cycle the certification body audits at least once per
calendar year: the first surveillance audit within 12 months of the
certification decision, the second in the following calendar year, and the
recertification audit early enough for a new decision before the certificate
expires. Ratusz warns 90, 60 and 30 days before each deadline and says when a
rule is broken (an audit missed, or planned too late).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from ratusz.certification.models import Certificate, ExternalAudit
from ratusz.lib.deadlines import add_months

WARN_DAYS = (90, 60, 30)
# The recertification audit must end before the certificate expires (the
# body's decision should follow before expiry too; 90/60/30-day warnings
# leave room for it).


# Stage 2 follows stage 1 within six months, or stage 1 has to be repeated
# (the usual rule of certification bodies under ISO/IEC 17021-1, 9.3.1).
STAGE_2_WITHIN_MONTHS = 6


class Stage:
    STAGE_1 = "stage_1"
    STAGE_2 = "stage_2"
    SURVEILLANCE_1 = "surveillance_1"
    SURVEILLANCE_2 = "surveillance_2"
    RECERTIFICATION = "recertification"


class State:
    DONE = "done"
    DONE_LATE = "done_late"
    PLANNED = "planned"
    PLANNED_TOO_LATE = "planned_too_late"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass
class Milestone:
    stage: str
    due_by: date
    audit: ExternalAudit | None
    state: str
    days_left: int
    warning: int | None = None  # 90, 60 or 30 when the deadline is that close

    @property
    def label(self) -> str:
        return {
            Stage.STAGE_1: _("Initial certification, stage 1"),
            Stage.STAGE_2: _("Initial certification, stage 2"),
            Stage.SURVEILLANCE_1: _("First surveillance audit"),
            Stage.SURVEILLANCE_2: _("Second surveillance audit"),
            Stage.RECERTIFICATION: _("Recertification audit"),
        }[self.stage]

    @property
    def is_problem(self) -> bool:
        return self.state in (State.OVERDUE, State.PLANNED_TOO_LATE, State.DONE_LATE)


@dataclass
class CyclePlan:
    certificate: Certificate | None  # None while the office seeks its first certificate
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def next_open(self) -> Milestone | None:
        return next(
            (m for m in self.milestones if m.state not in (State.DONE, State.DONE_LATE)), None
        )

    @property
    def problems(self) -> list[Milestone]:
        return [m for m in self.milestones if m.is_problem]


def deadlines(certificate: Certificate) -> dict[str, date]:
    """The latest date each audit of the cycle may end."""
    decided = certificate.decision_date
    return {
        Stage.SURVEILLANCE_1: min(add_months(decided, 12), date(decided.year + 1, 12, 31)),
        Stage.SURVEILLANCE_2: min(add_months(decided, 24), date(decided.year + 2, 12, 31)),
        Stage.RECERTIFICATION: certificate.expiry_date - timedelta(days=1),
    }


def _state(audit: ExternalAudit | None, due_by: date, today: date) -> str:
    if audit is not None and audit.status == ExternalAudit.Status.DONE:
        return State.DONE if audit.end_date <= due_by else State.DONE_LATE
    if audit is not None and audit.status == ExternalAudit.Status.PLANNED:
        return State.PLANNED if audit.end_date <= due_by else State.PLANNED_TOO_LATE
    return State.OVERDUE if today > due_by else State.DUE


def plan(certificate: Certificate, audits: list[ExternalAudit], today: date) -> CyclePlan:
    """Match the certificate's audits to the cycle's stages and judge each."""
    held = sorted(
        (a for a in audits if a.status != ExternalAudit.Status.CANCELLED),
        key=lambda a: a.start_date,
    )
    surveillance = [
        a
        for a in held
        if a.kind == ExternalAudit.Kind.SURVEILLANCE and a.start_date > certificate.decision_date
    ]
    recertification = [
        a
        for a in held
        if a.kind == ExternalAudit.Kind.RECERTIFICATION and a.start_date > certificate.decision_date
    ]
    matched = {
        Stage.SURVEILLANCE_1: surveillance[0] if surveillance else None,
        Stage.SURVEILLANCE_2: surveillance[1] if len(surveillance) > 1 else None,
        Stage.RECERTIFICATION: recertification[0] if recertification else None,
    }
    result = CyclePlan(certificate=certificate)
    for stage, due_by in deadlines(certificate).items():
        result.milestones.append(_milestone(stage, matched[stage], due_by, today))
    return result


def plan_for(certificate: Certificate, today: date) -> CyclePlan:
    audits = list(
        ExternalAudit.objects.filter(body=certificate.body).filter(
            start_date__gt=certificate.decision_date,
            start_date__lte=certificate.expiry_date + timedelta(days=183),
        )
    )
    return plan(certificate, audits, today)


def _milestone(stage: str, audit: ExternalAudit | None, due_by: date, today: date) -> Milestone:
    state = _state(audit, due_by, today)
    days_left = (due_by - today).days
    warning = None
    if state in (State.DUE, State.PLANNED_TOO_LATE) and 0 <= days_left <= WARN_DAYS[0]:
        warning = min(w for w in WARN_DAYS if days_left <= w)
    return Milestone(stage, due_by, audit, state, days_left, warning)


def initial_plan(audits: list[ExternalAudit], today: date) -> CyclePlan:
    """Initial certification: stage 1, then stage 2 within six months of it."""
    held = sorted(
        (a for a in audits if a.status != ExternalAudit.Status.CANCELLED),
        key=lambda a: a.start_date,
    )
    stage_1 = next((a for a in reversed(held) if a.kind == ExternalAudit.Kind.STAGE_1), None)
    result = CyclePlan(certificate=None)
    if stage_1 is None:
        # Nothing planned yet: the first step is to agree stage 1 with a body.
        result.milestones.append(Milestone(Stage.STAGE_1, today, None, State.DUE, 0))
        return result
    result.milestones.append(_milestone(Stage.STAGE_1, stage_1, stage_1.end_date, today))
    stage_2 = next(
        (
            a
            for a in held
            if a.kind == ExternalAudit.Kind.STAGE_2 and a.start_date >= stage_1.end_date
        ),
        None,
    )
    due_by = add_months(stage_1.end_date, STAGE_2_WITHIN_MONTHS)
    result.milestones.append(_milestone(Stage.STAGE_2, stage_2, due_by, today))
    return result


def initial_plan_for(today: date) -> CyclePlan | None:
    """The initial certification under way, if the office has no certificate yet."""
    audits = list(
        ExternalAudit.objects.filter(
            certificate__isnull=True,
            kind__in=(ExternalAudit.Kind.STAGE_1, ExternalAudit.Kind.STAGE_2),
        )
    )
    if Certificate.objects.exists() and not audits:
        return None
    return initial_plan(audits, today)
