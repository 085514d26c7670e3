"""Writes and workflows of nonconformities and improvement ideas.

Other areas (internal audits, external audits, feedback) raise nonconformities
and ideas through `raise_nonconformity` and `submit_idea`, so numbering,
recurrence detection, notifications and the search index stay in one place.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core import access, search
from ratusz.core import selectors as core_selectors
from ratusz.core.errors import Denied
from ratusz.core.models import Action, ActionQuerySet, Clause, Effectiveness, OrgUnit, User
from ratusz.core.services import (
    attach_file,
    confirm_due_date,
    lock,
    notify,
    require_confirmation,
    require_status,
    save_versioned,
    take_number,
)
from ratusz.improvement import policies
from ratusz.improvement.models import CauseCategory, Idea, Nonconformity, Source
from ratusz.improvement.search import index_idea, index_nc
from ratusz.processes.models import Process

NC = Nonconformity.Status

RECURRENCE_WINDOW = timedelta(days=365)

# Sources that come with their own evidence and need no triage.
_TRIAGED_SOURCES = (Source.INTERNAL_AUDIT, Source.EXTERNAL_AUDIT)


def find_recurrence(
    *,
    process: Process | None,
    clause: Clause | None,
    org_unit: OrgUnit,
    detected_on: date,
    exclude_pk: int | None = None,
) -> Nonconformity | None:
    """The latest earlier nonconformity on the same process (or unit) and clause
    detected within the 12 months before `detected_on`."""
    if clause is None:
        return None
    qs = Nonconformity.objects.filter(
        clause=clause,
        detected_on__lte=detected_on,
        detected_on__gte=detected_on - RECURRENCE_WINDOW,
    ).exclude(status=Nonconformity.Status.REJECTED)
    qs = (
        qs.filter(process=process)
        if process
        else qs.filter(process__isnull=True, org_unit=org_unit)
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-detected_on", "-pk").first()


@transaction.atomic
def raise_nonconformity(
    *,
    actor: User,
    title: str,
    description: str,
    source: str,
    org_unit: OrgUnit,
    detected_on: date | None = None,
    grade: str = "",
    process: Process | None = None,
    clause: Clause | None = None,
    owner: User | None = None,
    target_date: date | None = None,
    source_reference: str = "",
    correction: str = "",
) -> Nonconformity:
    """Record a nonconformity.

    Audit findings arrive open and assigned (to the given owner, else the head of
    the unit); anything else reported by someone other than the quality manager
    waits for triage, where it is graded (a grade proposed by the reporter stays
    as the proposal).
    """
    if not access.is_active_account(actor) or access.is_external(actor):
        raise ValidationError(_("Only members of staff record nonconformities."))
    detected_on = detected_on or timezone.localdate()
    if source not in _TRIAGED_SOURCES:
        # Audits date their findings by the audit; a report says when it happened.
        _not_in_future(detected_on, "detected_on")
    if source in _TRIAGED_SOURCES and clause is None:
        raise ValidationError({"clause": _("A nonconformity from an audit names the ISO clause.")})
    if grade and grade not in Nonconformity.Grade.values:
        raise ValidationError({"grade": _("Choose the grade: major or minor.")})
    if source in _TRIAGED_SOURCES and not grade:
        raise ValidationError({"grade": _("Choose the grade: major or minor.")})
    # The quality manager's own record is triaged once she grades it; an ungraded
    # report (the quick form) waits for triage like anyone's.
    triaged = source in _TRIAGED_SOURCES or (access.is_quality_manager(actor) and bool(grade))
    nc = Nonconformity(
        year=detected_on.year,
        number=take_number(f"nonconformity:{detected_on.year}"),
        title=title.strip(),
        description=description.strip(),
        source=source,
        source_reference=source_reference,
        grade=grade,
        status=Nonconformity.Status.OPEN if triaged else Nonconformity.Status.REPORTED,
        org_unit=org_unit,
        process=process,
        clause=clause,
        detected_on=detected_on,
        target_date=target_date,
        reported_by=actor,
        owner=(owner or org_unit.head) if triaged else owner,
        correction=correction,
    )
    nc.recurrence_of = find_recurrence(
        process=process, clause=clause, org_unit=org_unit, detected_on=detected_on
    )
    nc.full_clean()
    nc.save()
    index_nc(nc)
    if nc.owner is not None and nc.owner.pk != actor.pk:
        _tell_owner(nc, nc.owner)
    if nc.status == NC.REPORTED:
        for manager in core_selectors.quality_managers().exclude(pk=actor.pk):
            notify(
                recipient=manager,
                kind="nonconformity_reported",
                url=nc.get_absolute_url(),
                params={"ref": nc.reference, "title": nc.title, "by": str(actor)},
            )
    return nc


@transaction.atomic
def submit_idea(
    *,
    actor: User,
    title: str,
    description: str,
    source: str = Idea.Source.STAFF,
    org_unit: OrgUnit | None = None,
    process: Process | None = None,
    clause: Clause | None = None,
    expected_benefit: str = "",
    source_reference: str = "",
    submitted_on: date | None = None,
    evidence: UploadedFile | None = None,
) -> Idea:
    """Record an idea; a file sent with it (a sketch, a photo) is saved with it or not at all."""
    if not access.is_active_account(actor) or access.is_external(actor):
        raise ValidationError(_("Only members of staff submit improvement ideas."))
    year = (submitted_on or timezone.localdate()).year
    idea = Idea(
        year=year,
        number=take_number(f"idea:{year}"),
        title=title.strip(),
        description=description.strip(),
        source=source,
        source_reference=source_reference,
        submitted_by=actor,
        org_unit=org_unit,
        process=process,
        clause=clause,
        expected_benefit=expected_benefit,
    )
    idea.full_clean()
    idea.save()
    index_idea(idea)
    if evidence is not None:
        _attach_evidence(actor, idea, evidence, _("Sent with the idea"))
    return idea


@transaction.atomic
def report_problem(
    *,
    actor: User,
    title: str,
    description: str,
    org_unit: OrgUnit,
    detected_on: date | None = None,
    correction: str = "",
    evidence: UploadedFile | None = None,
) -> Nonconformity:
    """A member of staff reports a problem: when it happened, what was done, and
    a photo or scan as evidence. The report and its file are saved together or
    not at all."""
    nc = raise_nonconformity(
        actor=actor,
        title=title,
        description=description,
        source=Source.STAFF_REPORT,
        org_unit=org_unit,
        detected_on=detected_on,
        correction=correction,
    )
    if evidence is not None:
        _attach_evidence(actor, nc, evidence, _("Sent with the report"))
    return nc


def _attach_evidence(actor: User, record: Nonconformity | Idea, upload, description: str) -> None:
    """A file sent with a report, its problems named on the report's `evidence` field."""
    try:
        attach_file(actor=actor, target=record, upload=upload, description=description)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "file" in exc.error_dict:
            raise ValidationError({"evidence": exc.error_dict["file"]}) from exc
        raise


# --- shared helpers ------------------------------------------------------------------


def _tell_owner(nc: Nonconformity, owner: User) -> None:
    notify(
        recipient=owner,
        kind="nonconformity_assigned",
        url=nc.get_absolute_url(),
        params={"ref": nc.reference, "title": nc.title},
    )


def _locked_nc(nc: Nonconformity, expected_version: int | None) -> Nonconformity:
    return lock(
        Nonconformity, nc.pk, expected_version, related=("org_unit", "owner", "reported_by")
    )


def _save_nc(nc: Nonconformity, fields: list[str]) -> Nonconformity:
    save_versioned(nc, fields)
    index_nc(nc)
    return nc


def _staff_member(user: User | None, field: str) -> User:
    """The person chosen as responsible, if there is one and they are on the staff."""
    if user is None:
        raise ValidationError({field: _("Choose the person responsible.")})
    if not access.is_staff_member(user):
        raise ValidationError({field: _("The person must be an active member of staff.")})
    return user


def _not_in_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future.")})


def actions_of(record: Nonconformity | Idea) -> ActionQuerySet:
    """The core actions raised by a nonconformity or an idea."""
    return Action.objects.filter(
        source_type=ContentType.objects.get_for_model(type(record)), source_id=str(record.pk)
    )


def _live_actions(record: Nonconformity | Idea) -> ActionQuerySet:
    return actions_of(record).exclude(status=Action.Status.CANCELLED)


def _create_action(
    *,
    actor: User,
    source,
    kind: str,
    title: str,
    owner: User,
    due_date: date | None,
    org_unit: OrgUnit,
    clause: Clause | None,
    description: str,
    confirmed: bool = False,
) -> Action:
    """A core action raised by this area's record.

    Built here rather than through `core.services.create_action`, because the
    record's own rules decide who may add it (a nonconformity's owner may, even
    if they do not run the unit). Effectiveness is judged once, on the record,
    so the action itself needs no separate check.
    """
    _staff_member(owner, "owner")
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date by which the action must be done.")})
    confirm_due_date(due_date, confirmed)
    action = Action(
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        org_unit=org_unit,
        owner=owner,
        due_date=due_date,
        clause=clause,
        created_by=actor,
        effectiveness_required=False,
        source_type=ContentType.objects.get_for_model(type(source)),
        source_id=str(source.pk),
        source_label=str(source)[:255],
    )
    action.full_clean()
    action.save()
    search.index_action(action)
    if owner.pk != actor.pk:
        notify(
            recipient=owner,
            kind="action_assigned",
            url=action.get_absolute_url(),
            params={"ref": action.reference, "title": action.title, "by": str(actor)},
        )
    return action


# --- nonconformity workflow -------------------------------------------------------------


@transaction.atomic
def triage(
    *,
    actor: User,
    nc: Nonconformity,
    expected_version: int | None,
    accept: bool,
    grade: str | None = None,
    owner: User | None = None,
    clause: Clause | None = None,
    process: Process | None = None,
    target_date: date | None = None,
    rejection_reason: str = "",
) -> Nonconformity:
    """REPORTED → OPEN (a nonconformity, assigned) or REJECTED (not one, with the reason)."""
    if not policies.can_triage(actor):
        raise Denied(_("Only the quality manager triages reports."))
    nc = _locked_nc(nc, expected_version)
    require_status(nc, NC.REPORTED, message=_("This report has already been triaged."))
    if not accept:
        if not rejection_reason.strip():
            raise ValidationError({"rejection_reason": _("Say why this is not a nonconformity.")})
        nc.status = NC.REJECTED
        nc.rejection_reason = rejection_reason.strip()
        _save_nc(nc, ["status", "rejection_reason"])
        _tell_reporter(nc, accepted=False)
        return nc
    owner = _staff_member(owner or nc.org_unit.head, "owner")
    errors = {}
    if grade not in Nonconformity.Grade.values:
        errors["grade"] = _("Choose the grade: major or minor.")
    if target_date is None:
        errors["target_date"] = _("Give the date by which the nonconformity must be closed.")
    elif target_date < nc.detected_on:
        errors["target_date"] = _("The target date cannot come before the detection date.")
    if errors:
        raise ValidationError(errors)
    assert grade is not None  # a missing grade was refused above
    nc.status = NC.OPEN
    nc.grade = grade
    nc.owner = owner
    nc.target_date = target_date
    if clause is not None:
        nc.clause = clause
    if process is not None:
        nc.process = process
    nc.recurrence_of = find_recurrence(
        process=nc.process,
        clause=nc.clause,
        org_unit=nc.org_unit,
        detected_on=nc.detected_on,
        exclude_pk=nc.pk,
    )
    _save_nc(nc, ["status", "grade", "owner", "target_date", "clause", "process", "recurrence_of"])
    if owner.pk != actor.pk:
        _tell_owner(nc, owner)
    _tell_reporter(nc, accepted=True)
    return nc


def _tell_reporter(nc: Nonconformity, *, accepted: bool) -> None:
    if nc.reported_by_id == nc.owner_id and accepted:
        return
    notify(
        recipient=nc.reported_by,
        kind="nonconformity_accepted" if accepted else "nonconformity_rejected",
        url=nc.get_absolute_url(),
        params={"ref": nc.reference, "title": nc.title, "reason": nc.rejection_reason},
    )


def _check_change(actor: User, nc: Nonconformity) -> None:
    if not policies.can_change_nc(actor, nc):
        raise Denied(
            _(
                "Only the person responsible, the head of the unit or the quality manager "
                "works on this nonconformity."
            )
        )
    require_status(
        nc, NC.OPEN, message=_("This nonconformity is not open, so it cannot be changed.")
    )


@transaction.atomic
def record_correction(
    *,
    actor: User,
    nc: Nonconformity,
    expected_version: int | None,
    correction: str,
    correction_done_on: date | None = None,
) -> Nonconformity:
    """The immediate correction and containment (8.7): what was done to the output itself."""
    nc = _locked_nc(nc, expected_version)
    _check_change(actor, nc)
    if not correction.strip():
        raise ValidationError({"correction": _("Describe the correction or containment.")})
    if correction_done_on is not None:
        _not_in_future(correction_done_on, "correction_done_on")
        if correction_done_on < nc.detected_on:
            raise ValidationError(
                {"correction_done_on": _("The correction cannot come before the detection.")}
            )
    nc.correction = correction.strip()
    nc.correction_done_on = correction_done_on
    return _save_nc(nc, ["correction", "correction_done_on"])


@transaction.atomic
def record_root_cause(
    *,
    actor: User,
    nc: Nonconformity,
    expected_version: int | None,
    whys: list[str],
    root_cause: str,
    categories: list[str],
) -> Nonconformity:
    """The root-cause analysis (10.2.1 b): up to five whys and the cause categories."""
    nc = _locked_nc(nc, expected_version)
    _check_change(actor, nc)
    whys = [why.strip() for why in whys if why and why.strip()]
    errors = {}
    if not whys:
        errors["whys"] = _("Answer at least the first “why?”.")
    elif len(whys) > 5:
        errors["whys"] = _("Five “why?” questions are enough.")
    if not root_cause.strip():
        errors["root_cause"] = _("State the root cause.")
    unknown = set(categories) - set(CauseCategory.values)
    if not categories or unknown:
        errors["categories"] = _("Choose at least one cause category from the list.")
    if errors:
        raise ValidationError(errors)
    nc.whys = whys
    nc.root_cause = root_cause.strip()
    nc.cause_categories = [c for c in CauseCategory.values if c in categories]
    nc.analysed_by = actor
    nc.analysed_at = timezone.now()
    return _save_nc(nc, ["whys", "root_cause", "cause_categories", "analysed_by", "analysed_at"])


@transaction.atomic
def add_corrective_action(
    *,
    actor: User,
    nc: Nonconformity,
    title: str,
    owner: User,
    due_date: date,
    description: str = "",
    confirmed: bool = False,
) -> Action:
    """A corrective action (kind CORRECTIVE) in the one action tracker, raised by this nc.
    A due date already past is saved only when `confirmed`."""
    nc = _locked_nc(nc, None)
    _check_change(actor, nc)
    if not title.strip():
        raise ValidationError({"title": _("Give the action a title.")})
    if due_date is not None and due_date < nc.detected_on:
        raise ValidationError(
            {"due_date": _("The action cannot be due before the nonconformity was detected.")}
        )
    action = _create_action(
        actor=actor,
        source=nc,
        kind=Action.Kind.CORRECTIVE,
        title=title,
        owner=owner,
        due_date=due_date,
        org_unit=nc.org_unit,
        clause=nc.clause,
        description=description,
        confirmed=confirmed,
    )
    # Any change to the set of actions is a change to the record (and its lock).
    _save_nc(nc, [])
    return action


@transaction.atomic
def plan_verification(
    *,
    actor: User,
    nc: Nonconformity,
    expected_version: int | None,
    verification_due: date,
    verification_method: str,
) -> Nonconformity:
    """When and how the effectiveness of the corrective actions will be checked."""
    nc = _locked_nc(nc, expected_version)
    _check_change(actor, nc)
    errors = {}
    if verification_due is None:
        errors["verification_due"] = _("Give the date of the effectiveness check.")
    else:
        last_due = _live_actions(nc).aggregate(last=Max("due_date"))["last"]
        if last_due is not None and verification_due < last_due:
            errors["verification_due"] = _(
                "The check cannot come before the last corrective action is due (%(date)s)."
            ) % {"date": date_format(last_due, "SHORT_DATE_FORMAT")}
        elif verification_due < nc.detected_on:
            errors["verification_due"] = _(
                "The check cannot come before the nonconformity was detected."
            )
    if not verification_method.strip():
        errors["verification_method"] = _("Say how effectiveness will be checked.")
    if errors:
        raise ValidationError(errors)
    nc.verification_due = verification_due
    nc.verification_method = verification_method.strip()
    return _save_nc(nc, ["verification_due", "verification_method"])


@transaction.atomic
def request_verification(
    *, actor: User, nc: Nonconformity, expected_version: int | None
) -> Nonconformity:
    """OPEN → VERIFICATION once the analysis is done and every corrective action is done."""
    nc = _locked_nc(nc, expected_version)
    _check_change(actor, nc)
    actions = _live_actions(nc)
    errors = {}
    if not nc.root_cause:
        errors["root_cause"] = _("Record the root-cause analysis first.")
    if not actions.filter(kind=Action.Kind.CORRECTIVE).exists():
        errors["actions"] = _("Add at least one corrective action.")
    elif actions.open().exists():
        errors["actions"] = _("Every corrective action must be done first.")
    if nc.verification_due is None or not nc.verification_method:
        errors["verification_due"] = _("Plan the effectiveness check first.")
    if errors:
        raise ValidationError(errors)
    nc.status = NC.VERIFICATION
    nc.verification_result = ""
    nc.verification_notes = ""
    nc.verified_on = None
    nc.verified_by = None
    _save_nc(
        nc,
        [
            "status",
            "verification_result",
            "verification_notes",
            "verified_on",
            "verified_by",
        ],
    )
    for manager in core_selectors.quality_managers().exclude(pk=actor.pk):
        notify(
            recipient=manager,
            kind="nonconformity_verification_requested",
            url=nc.get_absolute_url(),
            params={"ref": nc.reference, "title": nc.title, "by": str(actor)},
        )
    return nc


@transaction.atomic
def record_verification(
    *,
    actor: User,
    nc: Nonconformity,
    expected_version: int | None,
    effective: bool,
    verification_notes: str,
    verified_on: date | None = None,
    confirmed: bool = False,
) -> Nonconformity:
    """The effectiveness check (10.2.1 d). Not effective: back to the owner for more actions.
    A check recorded before its planned date is saved only when `confirmed`."""
    nc = _locked_nc(nc, expected_version)
    if not policies.can_verify_nc(actor, nc):
        raise Denied(
            _(
                "Effectiveness is checked by the quality manager or a head of unit "
                "who is not responsible for this nonconformity."
            )
        )
    require_status(
        nc, NC.VERIFICATION, message=_("This nonconformity is not awaiting an effectiveness check.")
    )
    verified_on = verified_on or timezone.localdate()
    _not_in_future(verified_on, "verified_on")
    last_done = _live_actions(nc).aggregate(last=Max("completed_at"))["last"]
    if last_done is not None and verified_on < timezone.localtime(last_done).date():
        raise ValidationError(
            {
                "verified_on": _(
                    "The check cannot come before the last corrective action was done (%(date)s)."
                )
                % {"date": date_format(timezone.localtime(last_done), "SHORT_DATE_FORMAT")}
            }
        )
    if not verification_notes.strip():
        raise ValidationError(
            {"verification_notes": _("Say how effectiveness was checked and what was found.")}
        )
    if nc.verification_due is not None and verified_on < nc.verification_due:
        require_confirmation(
            confirmed,
            _(
                "The effectiveness check was planned for %(date)s. Checked earlier, it may "
                "not show whether the problem comes back. Tick the box to record it now."
            )
            % {"date": date_format(nc.verification_due, "SHORT_DATE_FORMAT")},
        )
    nc.verification_notes = verification_notes.strip()
    nc.verified_on = verified_on
    nc.verified_by = actor
    fields = ["verification_result", "verification_notes", "verified_on", "verified_by"]
    if effective:
        nc.verification_result = Effectiveness.EFFECTIVE
        _save_nc(nc, fields)
        for manager in core_selectors.quality_managers().exclude(pk=actor.pk):
            notify(
                recipient=manager,
                kind="nonconformity_ready_to_close",
                url=nc.get_absolute_url(),
                params={"ref": nc.reference, "title": nc.title},
            )
        return nc
    nc.verification_result = Effectiveness.NOT_EFFECTIVE
    nc.status = NC.OPEN
    nc.failed_verifications += 1
    _save_nc(nc, [*fields, "status", "failed_verifications"])
    if nc.owner is not None:
        notify(
            recipient=nc.owner,
            kind="nonconformity_not_effective",
            url=nc.get_absolute_url(),
            params={"ref": nc.reference, "title": nc.title},
        )
    return nc


@transaction.atomic
def close(
    *, actor: User, nc: Nonconformity, expected_version: int | None, closure_notes: str = ""
) -> Nonconformity:
    """The quality manager closes a nonconformity whose actions proved effective."""
    if not policies.can_close(actor):
        raise Denied(_("Only the quality manager closes nonconformities."))
    nc = _locked_nc(nc, expected_version)
    if nc.status == NC.CLOSED:
        raise ValidationError(_("This nonconformity is already closed."))
    if _live_actions(nc).open().exists():
        raise ValidationError({"actions": _("Some actions are still open.")})
    if nc.status != NC.VERIFICATION or nc.verification_result != Effectiveness.EFFECTIVE:
        raise ValidationError(
            {"verification_result": _("Effectiveness has not been verified as effective yet.")}
        )
    nc.status = NC.CLOSED
    nc.closed_at = timezone.now()
    nc.closed_by = actor
    nc.closure_notes = closure_notes.strip()
    _save_nc(nc, ["status", "closed_at", "closed_by", "closure_notes"])
    for person in {p for p in (nc.owner, nc.reported_by) if p is not None} - {actor}:
        notify(
            recipient=person,
            kind="nonconformity_closed",
            url=nc.get_absolute_url(),
            params={"ref": nc.reference, "title": nc.title},
        )
    return nc


# --- improvement ideas --------------------------------------------------------------------

IDEA = Idea.Status


def _locked_idea(idea: Idea, expected_version: int | None) -> Idea:
    return lock(Idea, idea.pk, expected_version, related=("org_unit",))


def _save_idea(idea: Idea, fields: list[str]) -> Idea:
    save_versioned(idea, fields)
    index_idea(idea)
    return idea


def _check_evaluator(actor: User, idea: Idea) -> None:
    if not policies.can_evaluate_idea(actor, idea):
        raise Denied(
            _("Only the quality manager or the head of the unit concerned works on this idea.")
        )


@transaction.atomic
def evaluate_idea(
    *, actor: User, idea: Idea, expected_version: int | None, evaluation: str
) -> Idea:
    idea = _locked_idea(idea, expected_version)
    _check_evaluator(actor, idea)
    require_status(
        idea, IDEA.SUBMITTED, IDEA.EVALUATING, message=_("This idea has already been decided.")
    )
    if not evaluation.strip():
        raise ValidationError({"evaluation": _("Write the evaluation: benefits, costs, risks.")})
    idea.evaluation = evaluation.strip()
    idea.status = IDEA.EVALUATING
    return _save_idea(idea, ["evaluation", "status"])


@transaction.atomic
def decide_idea(
    *, actor: User, idea: Idea, expected_version: int | None, accept: bool, decision_notes: str
) -> Idea:
    if not policies.can_decide_idea(actor):
        raise Denied(_("Only the quality manager decides on improvement ideas."))
    idea = _locked_idea(idea, expected_version)
    require_status(
        idea, IDEA.SUBMITTED, IDEA.EVALUATING, message=_("This idea has already been decided.")
    )
    if accept and not idea.evaluation:
        raise ValidationError({"evaluation": _("Evaluate the idea before accepting it.")})
    if not decision_notes.strip():
        raise ValidationError({"decision_notes": _("Explain the decision.")})
    idea.status = IDEA.ACCEPTED if accept else IDEA.REJECTED
    idea.decision_notes = decision_notes.strip()
    idea.decided_by = actor
    idea.decided_at = timezone.now()
    _save_idea(idea, ["status", "decision_notes", "decided_by", "decided_at"])
    if idea.submitted_by_id != actor.pk:
        notify(
            recipient=idea.submitted_by,
            kind="idea_accepted" if accept else "idea_rejected",
            url=idea.get_absolute_url(),
            params={"ref": idea.reference, "title": idea.title},
        )
    return idea


@transaction.atomic
def add_idea_action(
    *,
    actor: User,
    idea: Idea,
    title: str,
    owner: User,
    due_date: date,
    description: str = "",
    confirmed: bool = False,
) -> Action:
    """An implementation action (kind IMPROVEMENT) for an accepted idea.
    A due date already past is saved only when `confirmed`."""
    idea = _locked_idea(idea, None)
    _check_evaluator(actor, idea)
    require_status(idea, IDEA.ACCEPTED, message=_("Actions are added to an accepted idea only."))
    if not title.strip():
        raise ValidationError({"title": _("Give the action a title.")})
    _staff_member(owner, "owner")
    unit = idea.org_unit or owner.org_unit
    if unit is None:
        raise ValidationError({"owner": _("The owner belongs to no unit; choose someone else.")})
    action = _create_action(
        actor=actor,
        source=idea,
        kind=Action.Kind.IMPROVEMENT,
        title=title,
        owner=owner,
        due_date=due_date,
        org_unit=unit,
        clause=idea.clause,
        description=description,
        confirmed=confirmed,
    )
    _save_idea(idea, [])
    return action


@transaction.atomic
def mark_implemented(
    *,
    actor: User,
    idea: Idea,
    expected_version: int | None,
    benefit_achieved: str,
    implemented_on: date | None = None,
) -> Idea:
    idea = _locked_idea(idea, expected_version)
    _check_evaluator(actor, idea)
    require_status(idea, IDEA.ACCEPTED, message=_("Only an accepted idea can be implemented."))
    if _live_actions(idea).open().exists():
        raise ValidationError({"actions": _("Some implementation actions are still open.")})
    if not benefit_achieved.strip():
        raise ValidationError({"benefit_achieved": _("Describe the benefit achieved.")})
    implemented_on = implemented_on or timezone.localdate()
    _not_in_future(implemented_on, "implemented_on")
    idea.status = IDEA.IMPLEMENTED
    idea.benefit_achieved = benefit_achieved.strip()
    idea.implemented_on = implemented_on
    return _save_idea(idea, ["status", "benefit_achieved", "implemented_on"])
