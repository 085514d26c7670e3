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


class Stage:
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
            Stage.SURVEILLANCE_1: _("First surveillance audit"),
            Stage.SURVEILLANCE_2: _("Second surveillance audit"),
            Stage.RECERTIFICATION: _("Recertification audit"),
        }[self.stage]

    @property
    def is_problem(self) -> bool:
        return self.state in (State.OVERDUE, State.PLANNED_TOO_LATE, State.DONE_LATE)


@dataclass
class CyclePlan:
    certificate: Certificate
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
        audit = matched[stage]
        state = _state(audit, due_by, today)
        days_left = (due_by - today).days
        warning = None
        if state in (State.DUE, State.PLANNED_TOO_LATE) and 0 <= days_left <= WARN_DAYS[0]:
            warning = min(w for w in WARN_DAYS if days_left <= w)
        result.milestones.append(Milestone(stage, due_by, audit, state, days_left, warning))
    return result


def plan_for(certificate: Certificate, today: date) -> CyclePlan:
    audits = list(
        ExternalAudit.objects.filter(body=certificate.body).filter(
            start_date__gt=certificate.decision_date,
            start_date__lte=certificate.expiry_date + timedelta(days=183),
        )
    )
    return plan(certificate, audits, today)
