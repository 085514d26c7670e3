"""Writes and workflows of internal audits (ISO 9001 9.2).

Every function takes the acting user first (keyword-only), checks permission
through `ratusz.audits.policies`, validates and saves inside a transaction.
Records two people may edit carry a version: a save based on an old version
raises `Conflict` instead of overwriting. Nonconformities and ideas are made
only through the improvement area's services. The yearly programme is made and
approved in `planning.py`, from the risk-based proposal of `proposal.py`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.audits import policies, qualification
from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Finding,
    ProgrammeItem,
    QuestionTemplate,
    ReportAcknowledgement,
)
from ratusz.core import access, search
from ratusz.core import audit as audit_trail
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Clause, OrgUnit, User
from ratusz.core.services import (
    check_version,
    give_back_number,
    lock,
    notify,
    require_status,
    save_versioned,
    take_number,
)
from ratusz.improvement import services as improvement
from ratusz.improvement.models import Idea, Source
from ratusz.processes.models import Process

# --- the auditor pool -------------------------------------------------------------------------


@transaction.atomic
def save_auditor(
    *,
    actor: User,
    user: User,
    trained_on: date | None = None,
    training: str = "",
    qualifications: str = "",
    can_lead: bool = False,
    is_active: bool = True,
    expected_version: int | None = None,
) -> AuditorProfile:
    """Add someone to the auditor pool or update their entry.

    While competence records hold the auditors' qualifications
    (`qualification.kept_in_records()`), the entry is the membership alone and
    the training date, training and "qualified to lead" given here are not
    kept: they are recorded once, as the person's competence. An update names the version
    the actor loaded (`expected_version`); a stale one raises `Conflict`.
    """
    if not policies.can_manage_pool(actor):
        raise Denied(_("Only the quality manager maintains the auditor pool."))
    if not access.is_staff_member(user):
        raise ValidationError({"user": _("Auditors are active members of the office's staff.")})
    in_records = qualification.kept_in_records()
    if not in_records:
        if trained_on is None:
            raise ValidationError({"trained_on": _("Give the date the auditor training ended.")})
        if trained_on > timezone.localdate():
            raise ValidationError({"trained_on": _("The training date cannot be in the future.")})
    existing = AuditorProfile.objects.filter(user=user).values_list("pk", flat=True).first()
    if existing is None:
        profile = AuditorProfile(user=user)
    else:
        profile = lock(AuditorProfile, existing, expected_version)
    if not in_records:
        profile.trained_on = trained_on
        profile.training = training.strip()
        profile.can_lead = can_lead
    profile.qualifications = qualifications.strip()
    profile.is_active = is_active
    if existing is None:
        profile.full_clean()
        profile.save()
        return profile
    return save_versioned(
        profile, ["trained_on", "training", "qualifications", "can_lead", "is_active"]
    )


# --- question templates -----------------------------------------------------------------------


@transaction.atomic
def create_question_template(*, actor: User, **fields: Any) -> QuestionTemplate:
    """A reusable checklist question (the fields of `_fill_question_template`)."""
    return _fill_question_template(actor, QuestionTemplate(), **fields)


@transaction.atomic
def update_question_template(
    *, actor: User, template: QuestionTemplate, expected_version: int | None, **fields: Any
) -> QuestionTemplate:
    current = lock(QuestionTemplate, template.pk, expected_version)
    current.version += 1
    return _fill_question_template(actor, current, **fields)


def _fill_question_template(
    actor: User,
    template: QuestionTemplate,
    *,
    text: str,
    guidance: str = "",
    clause: Clause | None = None,
    process: Process | None = None,
    is_active: bool = True,
) -> QuestionTemplate:
    if not policies.can_manage_questions(actor):
        raise Denied(_("Only the quality manager maintains the question templates."))
    if not text.strip():
        raise ValidationError({"text": _("Write the question.")})
    if clause is None and process is None:
        raise ValidationError({"clause": _("Choose the ISO clause or the process it checks.")})
    template.text = text.strip()
    template.guidance = guidance.strip()
    template.clause = clause
    template.process = process
    template.is_active = is_active
    template.full_clean()
    template.save()
    return template


def _check_team(
    lead: User, team: list[User], units: list[OrgUnit], process: Process | None
) -> None:
    errors: dict[str, list[str]] = {}
    profiles = {
        p.user_id: p
        for p in AuditorProfile.objects.filter(user_id__in=[lead.pk, *(u.pk for u in team)])
    }
    qualified = qualification.of(profiles.values())
    lead_profile = profiles.get(lead.pk)
    if lead_profile is None or not lead_profile.is_active:
        errors.setdefault("lead_auditor", []).append(
            _("%(who)s is not an active member of the auditor pool.") % {"who": lead}
        )
    elif not qualified[lead.pk].can_lead:
        errors.setdefault("lead_auditor", []).append(
            _("%(who)s is not qualified to lead audits.") % {"who": lead}
        )
    problem = policies.independence_problem(lead, units=units, process=process)
    if problem:
        errors.setdefault("lead_auditor", []).append(problem)
    for member in team:
        if member.pk == lead.pk:
            continue
        profile = profiles.get(member.pk)
        if profile is None or not profile.is_active:
            errors.setdefault("team", []).append(
                _("%(who)s is not an active member of the auditor pool.") % {"who": member}
            )
        problem = policies.independence_problem(member, units=units, process=process)
        if problem:
            errors.setdefault("team", []).append(problem)
    if errors:
        raise ValidationError(errors)


def _check_plan(
    *,
    title: str,
    objectives: str,
    scope: str,
    criteria: str,
    units: list[OrgUnit],
    clauses: list[Clause],
    planned_start: date | None,
    planned_end: date | None,
) -> None:
    errors = {}
    for name, value, message in (
        ("title", title, _("Give the audit a title.")),
        ("objectives", objectives, _("State the audit objectives.")),
        ("scope", scope, _("State the audit scope.")),
        ("criteria", criteria, _("State the audit criteria.")),
    ):
        if not (value or "").strip():
            errors[name] = message
    if not units:
        errors["org_units"] = _("Choose at least one audited unit.")
    if not clauses:
        errors["clauses"] = _("Choose the ISO clauses the audit covers.")
    if planned_start is None:
        errors["planned_start"] = _("Give the planned start date.")
    if planned_end is None:
        errors["planned_end"] = _("Give the planned end date.")
    elif planned_start and planned_end < planned_start:
        errors["planned_end"] = _("An audit cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


def _closed_refusal(audit: Audit, what: str) -> ValidationError:
    return ValidationError(policies.why_closed(audit, what))


# --- audits -----------------------------------------------------------------------------------


@transaction.atomic
def create_audit(
    *,
    actor: User,
    title: str,
    objectives: str,
    scope: str,
    criteria: str,
    org_units: list[OrgUnit],
    clauses: list[Clause],
    planned_start: date,
    planned_end: date,
    lead_auditor: User,
    team: list[User] | None = None,
    process: Process | None = None,
    programme_item: ProgrammeItem | None = None,
    opening_meeting: datetime | None = None,
) -> Audit:
    if not policies.can_plan_audits(actor):
        raise Denied(_("Only the quality manager and auditors of the pool plan audits."))
    team = [u for u in (team or []) if u.pk != lead_auditor.pk]
    _check_plan(
        title=title,
        objectives=objectives,
        scope=scope,
        criteria=criteria,
        units=org_units,
        clauses=clauses,
        planned_start=planned_start,
        planned_end=planned_end,
    )
    _check_team(lead_auditor, team, org_units, process)
    audit = Audit(
        year=planned_start.year,
        number=take_number(f"audit:{planned_start.year}"),
        programme_item=programme_item,
        title=title.strip(),
        objectives=objectives.strip(),
        scope=scope.strip(),
        criteria=criteria.strip(),
        process=process,
        planned_start=planned_start,
        planned_end=planned_end,
        opening_meeting=opening_meeting,
        lead_auditor=lead_auditor,
        created_by=actor,
    )
    audit.full_clean()
    audit.save()
    audit.org_units.set(org_units)
    audit.clauses.set(clauses)
    audit.team.set(team)
    _index(audit)
    for member in [lead_auditor, *team]:
        if member.pk != actor.pk:
            notify(
                recipient=member,
                kind="audit_assigned",
                url=audit.get_absolute_url(),
                params={"ref": audit.reference, "title": audit.title, "by": str(actor)},
            )
    return audit


def _locked(audit: Audit, expected_version: int | None) -> Audit:
    return lock(Audit, audit.pk, expected_version)


def _save_audit(audit: Audit, fields: list[str]) -> Audit:
    save_versioned(audit, fields)
    _index(audit)
    return audit


@transaction.atomic
def update_audit(
    *,
    actor: User,
    audit: Audit,
    expected_version: int | None,
    title: str,
    objectives: str,
    scope: str,
    criteria: str,
    org_units: list[OrgUnit],
    clauses: list[Clause],
    planned_start: date,
    planned_end: date,
    lead_auditor: User,
    team: list[User] | None = None,
    process: Process | None = None,
    opening_meeting: datetime | None = None,
    closing_meeting: datetime | None = None,
) -> Audit:
    current = _locked(audit, expected_version)
    if current.is_closed:
        raise _closed_refusal(current, _("plan"))
    if not policies.can_edit_audit(actor, current):
        raise Denied(_("Only the quality manager and the lead auditor change the audit plan."))
    team = [u for u in (team or []) if u.pk != lead_auditor.pk]
    _check_plan(
        title=title,
        objectives=objectives,
        scope=scope,
        criteria=criteria,
        units=org_units,
        clauses=clauses,
        planned_start=planned_start,
        planned_end=planned_end,
    )
    _check_team(lead_auditor, team, org_units, process)
    current.title = title.strip()
    current.objectives = objectives.strip()
    current.scope = scope.strip()
    current.criteria = criteria.strip()
    current.process = process
    current.planned_start = planned_start
    current.planned_end = planned_end
    current.lead_auditor = lead_auditor
    current.opening_meeting = opening_meeting
    current.closing_meeting = closing_meeting
    if planned_start.year != current.year and not current.checklist.exists():
        # The reference follows the year the audit takes place in, until work begins.
        give_back_number(f"audit:{current.year}", current.number)
        current.year = planned_start.year
        current.number = take_number(f"audit:{planned_start.year}")
    _save_audit(
        current,
        [
            "title",
            "objectives",
            "scope",
            "criteria",
            "process",
            "planned_start",
            "planned_end",
            "lead_auditor",
            "opening_meeting",
            "closing_meeting",
            "year",
            "number",
        ],
    )
    current.org_units.set(org_units)
    current.clauses.set(clauses)
    current.team.set(team)
    return current


def templates_for(audit: Audit) -> list[QuestionTemplate]:
    """Active question templates for the audit's clauses (and their sub-clauses) and process."""
    by_clause = Q(pk__in=[])
    for number in (c.number for c in audit.clauses.all()):
        by_clause |= Q(clause__number=number) | Q(clause__number__startswith=f"{number}.")
    wanted = Q(process__isnull=True) & by_clause
    if audit.process_id:
        wanted |= Q(process_id=audit.process_id)
    qs = QuestionTemplate.objects.filter(wanted, is_active=True)
    return list(qs.select_related("clause").order_by("clause__sort_key", "process_id", "id"))


def _build_checklist(audit: Audit) -> int:
    rows = [
        ChecklistItem(
            audit=audit,
            position=index,
            question=t.text,
            guidance=t.guidance,
            template=t,
            clause=t.clause,
        )
        for index, t in enumerate(templates_for(audit), start=1)
    ]
    # bulk_create sends no signals: the trail is told about the new items here.
    audit_trail.record_created(ChecklistItem.objects.bulk_create(rows))
    return len(rows)


@transaction.atomic
def start_audit(*, actor: User, audit: Audit, expected_version: int | None) -> Audit:
    current = _locked(audit, expected_version)
    if not policies.runs_audit(actor, current):
        raise Denied(_("Only the audit team or the quality manager starts the audit."))
    require_status(current, Audit.Status.PLANNED, message=_("Only a planned audit can be started."))
    if not current.checklist.exists():
        _build_checklist(current)
    current.status = Audit.Status.IN_PROGRESS
    if current.opening_meeting is None:
        current.opening_meeting = timezone.now()
    return _save_audit(current, ["status", "opening_meeting"])


@transaction.atomic
def cancel_audit(
    *, actor: User, audit: Audit, expected_version: int | None, cancel_reason: str
) -> Audit:
    current = _locked(audit, expected_version)
    if current.is_closed:
        raise _closed_refusal(current, _("status"))
    if not policies.can_edit_audit(actor, current):
        raise Denied(_("Only the quality manager and the lead auditor cancel an audit."))
    if not cancel_reason.strip():
        raise ValidationError({"cancel_reason": _("Say why the audit is cancelled.")})
    current.status = Audit.Status.CANCELLED
    current.cancel_reason = cancel_reason.strip()
    return _save_audit(current, ["status", "cancel_reason"])


@transaction.atomic
def close_audit(
    *,
    actor: User,
    audit: Audit,
    expected_version: int | None,
    closing_meeting: datetime | None,
    summary: str,
    issued_at: datetime | None = None,
) -> Audit:
    """Issue the report: the lead auditor, after the closing meeting, every question answered."""
    current = _locked(audit, expected_version)
    if current.is_closed:
        raise _closed_refusal(current, _("report"))
    if not policies.is_lead(actor, current):
        raise Denied(_("Only the lead auditor closes the audit and issues the report."))
    require_status(
        current, Audit.Status.IN_PROGRESS, message=_("Start the audit before closing it.")
    )
    errors = {}
    if closing_meeting is None:
        errors["closing_meeting"] = _("Give the date of the closing meeting.")
    if not summary.strip():
        errors["summary"] = _("Write the audit conclusions.")
    open_questions = current.checklist.filter(answer="").count()
    if not current.checklist.exists():
        errors["checklist"] = _("The checklist is empty: add and answer the audit questions.")
    elif open_questions:
        errors["checklist"] = _(
            "%(n)s checklist questions are not answered yet; answer every question "
            "(“not applicable” where it does not apply)."
        ) % {"n": open_questions}
    if errors:
        raise ValidationError(errors)
    current.closing_meeting = closing_meeting
    current.summary = summary.strip()
    current.status = Audit.Status.CLOSED
    current.report_issued_at = issued_at or timezone.now()
    _save_audit(current, ["closing_meeting", "summary", "status", "report_issued_at"])
    for unit in current.org_units.select_related("head"):
        if unit.head is not None and unit.head.pk != actor.pk:
            notify(
                recipient=unit.head,
                kind="audit_report_issued",
                url=current.get_absolute_url(),
                params={"ref": current.reference, "title": current.title, "unit": unit.name},
                dedupe_key=f"audit_report:{current.pk}:{unit.pk}",
            )
    return current


# --- the checklist ----------------------------------------------------------------------------


def _require_performer(actor: User, audit: Audit, what: str) -> None:
    if audit.is_closed:
        raise _closed_refusal(audit, what)
    if not policies.is_on_team(actor, audit):
        raise Denied(_("Only the lead auditor and the audit team work on the audit."))


@transaction.atomic
def add_question(
    *, actor: User, audit: Audit, question: str, clause: Clause | None = None, guidance: str = ""
) -> ChecklistItem:
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    _require_performer(actor, audit, _("checklist"))
    if not question.strip():
        raise ValidationError({"question": _("Write the question.")})
    # Positions order the checklist (not a register number); the audit's row
    # lock above keeps two additions from taking the same one.
    last = audit.checklist.aggregate(last=Max("position"))["last"]
    position = (last or 0) + 1
    item = ChecklistItem(
        audit=audit,
        position=position,
        question=question.strip(),
        guidance=guidance.strip(),
        clause=clause,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def answer_question(
    *,
    actor: User,
    item: ChecklistItem,
    expected_version: int | None,
    answer: str,
    evidence: str = "",
    answered_at: datetime | None = None,
) -> ChecklistItem:
    current = (
        ChecklistItem.objects.select_for_update(of=("self",))
        .select_related("audit")
        .get(pk=item.pk)
    )
    _require_performer(actor, current.audit, _("checklist"))
    require_status(
        current.audit,
        Audit.Status.IN_PROGRESS,
        message=_("Start the audit before answering its checklist."),
    )
    check_version(current, expected_version)
    if answer not in ChecklistItem.Answer.values:
        raise ValidationError({"answer": _("Choose an answer.")})
    if (
        answer in (ChecklistItem.Answer.NONCONFORMS, ChecklistItem.Answer.OBSERVATION)
        and not (evidence or "").strip()
    ):
        raise ValidationError(
            {"evidence": _("Write down the evidence behind a nonconformity or an observation.")}
        )
    current.answer = answer
    current.evidence = (evidence or "").strip()
    current.answered_by = actor
    current.answered_at = answered_at or timezone.now()
    save_versioned(current, ["answer", "evidence", "answered_by", "answered_at"])
    return current


class ChecklistRefused(Exception):
    """Some answers of a checklist saved at once were refused; none was saved.

    `problems` maps each refused question's id to its `Conflict` or
    `ValidationError`, so the page can say which question and why."""

    def __init__(self, problems: dict[int, Exception]) -> None:
        self.problems = problems
        super().__init__(_("No answer was saved: correct the questions marked below."))


def answer_questions(
    *, actor: User, audit: Audit, answers: list[dict[str, Any]]
) -> list[ChecklistItem]:
    """Save several answers of one audit's checklist together: all or none.

    Each entry holds `item` and the arguments of `answer_question`. Every entry
    is checked (so the auditor learns of every refused question at once); if any
    is refused, nothing is saved and `ChecklistRefused` names them.
    """
    saved: list[ChecklistItem] = []
    problems: dict[int, Exception] = {}
    with transaction.atomic():
        for entry in answers:
            if entry["item"].audit_id != audit.pk:
                raise ValidationError(_("A question of another audit was sent."))
            try:
                saved.append(answer_question(actor=actor, **entry))
            except (Conflict, ValidationError) as exc:
                problems[entry["item"].pk] = exc
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ChecklistRefused(problems)
    return saved


# --- findings ---------------------------------------------------------------------------------


@transaction.atomic
def record_finding(
    *,
    actor: User,
    audit: Audit,
    grade: str,
    clause: Clause | None,
    org_unit: OrgUnit | None,
    description: str,
    evidence: str = "",
    process: Process | None = None,
    checklist_item: ChecklistItem | None = None,
    found_on: date | None = None,
    nc_target_date: date | None = None,
) -> Finding:
    """Record a finding; a nonconformity finding raises a linked nonconformity record in
    the same transaction, so either both are saved or neither."""
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    _require_performer(actor, audit, _("findings"))
    require_status(
        audit, Audit.Status.IN_PROGRESS, message=_("Start the audit before recording findings.")
    )
    errors = {}
    if grade not in Finding.Grade.values:
        errors["grade"] = _("Choose the grade of the finding.")
    if clause is None:
        errors["clause"] = _("A finding names the ISO clause it concerns.")
    units = list(audit.org_units.all())
    if org_unit is None:
        errors["org_unit"] = _("Choose the unit the finding concerns.")
    elif org_unit.pk not in {u.pk for u in units}:
        errors["org_unit"] = _(
            "%(unit)s is not audited in this audit; choose one of: %(units)s."
        ) % {
            "unit": org_unit,
            "units": ", ".join(u.name for u in units),
        }
    if not description.strip():
        errors["description"] = _("Describe the finding.")
    if checklist_item is not None and checklist_item.audit_id != audit.pk:
        errors["checklist_item"] = _("That question belongs to another audit.")
    if errors:
        raise ValidationError(errors)
    finding = Finding(
        audit=audit,
        number=take_number(f"finding:{audit.pk}"),
        grade=grade,
        clause=clause,
        process=process or audit.process,
        org_unit=org_unit,
        description=description.strip(),
        evidence=evidence.strip(),
        checklist_item=checklist_item,
        recorded_by=actor,
    )
    finding.full_clean()
    finding.save()
    if grade in Finding.NONCONFORMITY_GRADES:
        # Refused above when missing: a nonconformity names its clause and unit.
        assert clause is not None and org_unit is not None
        nc = improvement.raise_nonconformity(
            actor=actor,
            title=_("%(grade)s: %(clause)s, %(unit)s")
            % {
                "grade": finding.get_grade_display(),
                "clause": clause.number,
                "unit": org_unit.name,
            },
            description=finding.description
            + ("\n\n" + _("Evidence") + f": {finding.evidence}" if finding.evidence else ""),
            source=Source.INTERNAL_AUDIT,
            source_reference=finding.reference,
            grade=grade,
            clause=clause,
            process=finding.process,
            org_unit=org_unit,
            owner=org_unit.head,
            detected_on=found_on,
            target_date=nc_target_date,
        )
        finding.nonconformity = nc
        finding.save(update_fields=["nonconformity"])
    _index_finding(finding)
    return finding


@transaction.atomic
def opportunity_to_idea(*, actor: User, finding: Finding) -> Idea:
    """Turn an opportunity for improvement into an improvement idea, once."""
    finding = (
        Finding.objects.select_for_update(of=("self",)).select_related("audit").get(pk=finding.pk)
    )
    audit = finding.audit
    if not policies.runs_audit(actor, audit):
        raise Denied(_("Only the audit team or the quality manager passes on opportunities."))
    if finding.grade != Finding.Grade.OPPORTUNITY:
        raise ValidationError(_("Only an opportunity for improvement becomes an idea."))
    if finding.idea is not None:
        raise ValidationError(
            _("This opportunity is already idea %(ref)s.") % {"ref": finding.idea.reference}
        )
    idea = improvement.submit_idea(
        actor=actor,
        title=finding.description.splitlines()[0][:200],
        description=finding.description,
        source=Idea.Source.AUDIT,
        source_reference=finding.reference,
        org_unit=finding.org_unit,
        process=finding.process,
        clause=finding.clause,
        expected_benefit=finding.evidence,
    )
    finding.idea = idea
    finding.version += 1
    finding.save(update_fields=["idea", "version"])
    return idea


# --- the report -------------------------------------------------------------------------------


@transaction.atomic
def acknowledge_report(
    *, actor: User, audit: Audit, org_unit: OrgUnit, comment: str = ""
) -> ReportAcknowledgement:
    if audit.status != Audit.Status.CLOSED:
        raise ValidationError(
            _("The report is not issued yet, so there is nothing to acknowledge.")
        )
    if not audit.org_units.filter(pk=org_unit.pk).exists():
        raise ValidationError({"org_unit": _("%(unit)s was not audited.") % {"unit": org_unit}})
    if not policies.can_acknowledge_for(actor, org_unit):
        raise Denied(
            _("Only the head of %(unit)s acknowledges the report for that unit.")
            % {"unit": org_unit}
        )
    existing = (
        ReportAcknowledgement.objects.filter(audit=audit, org_unit=org_unit)
        .select_related("user")
        .first()
    )
    if existing is not None:
        raise ValidationError(
            _("%(unit)s acknowledged this report already (%(who)s).")
            % {"unit": org_unit, "who": existing.user}
        )
    ack = ReportAcknowledgement(audit=audit, org_unit=org_unit, user=actor, comment=comment.strip())
    ack.full_clean()
    ack.save()
    return ack


# --- search -----------------------------------------------------------------------------------


def _index(audit: Audit) -> None:
    from ratusz.audits.search import audit_row

    search.index("audit", **audit_row(audit))


def _index_finding(finding: Finding) -> None:
    # Findings are found through their audit: its text includes them.
    _index(finding.audit)
