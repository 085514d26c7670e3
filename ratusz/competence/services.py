"""Writes of competence, training and resources (ISO 9001 7.1–7.4).

Every write checks the policy, validates the record (`full_clean`) and runs in
one transaction. Records two people may edit carry a version: a stale save is
a Conflict, not a lost update.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.competence import policies
from ratusz.competence.models import (
    Attendance,
    CommunicationEntry,
    Competence,
    CompetenceRecord,
    InductionItem,
    Placement,
    PlanItem,
    Position,
    Resource,
    Training,
)
from ratusz.core import access
from ratusz.core.errors import Denied
from ratusz.core.models import OrgUnit, User
from ratusz.core.services import (
    apply_changes,
    attach_file,
    files_removed_on_failure,
    lock,
    save_versioned,
)
from ratusz.lib.deadlines import add_months


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _staff(person: User, field: str = "person") -> None:
    if not person.is_active or access.is_external(person):
        raise ValidationError({field: _("%(p)s is not an active member of staff.") % {"p": person}})


# --- the catalogue --------------------------------------------------------------

COMPETENCE_FIELDS = (
    "name",
    "kind",
    "evidenced_by",
    "validity_months",
    "description",
    "audit_role",
)


def _unique_name(competence: Competence) -> None:
    taken = Competence.objects.filter(name__iexact=competence.name).exclude(pk=competence.pk)
    if taken.exists():
        raise ValidationError(
            {"name": _("A competence named “%(n)s” exists already.") % {"n": competence.name}}
        )
    if competence.audit_role:
        holder = (
            Competence.objects.filter(audit_role=competence.audit_role)
            .exclude(pk=competence.pk)
            .first()
        )
        if holder is not None:
            raise ValidationError(
                {
                    "audit_role": _("“%(n)s” qualifies for this already; one competence does.")
                    % {"n": holder.name}
                }
            )


@transaction.atomic
def create_competence(
    *,
    actor: User,
    name: str,
    kind: str,
    evidenced_by: str,
    validity_months: int | None = None,
    description: str = "",
    audit_role: str = "",
) -> Competence:
    if not policies.can_manage_catalogue(actor):
        raise Denied(_("Only the quality manager or HR keeps the list of competences."))
    competence = Competence(
        name=name.strip(),
        kind=kind,
        evidenced_by=evidenced_by.strip(),
        validity_months=validity_months or None,
        description=description.strip(),
        audit_role=audit_role or "",
    )
    _unique_name(competence)
    competence.full_clean(validate_unique=False)
    competence.save()
    return competence


@transaction.atomic
def update_competence(
    *, actor: User, competence: Competence, expected_version: int | None, **changes
) -> Competence:
    if not policies.can_manage_catalogue(actor):
        raise Denied(_("Only the quality manager or HR keeps the list of competences."))
    current = lock(Competence, competence.pk, expected_version)
    if "validity_months" in changes:
        changes["validity_months"] = changes["validity_months"] or None
    fields = apply_changes(current, changes, COMPETENCE_FIELDS)
    _unique_name(current)
    return save_versioned(current, fields)


@transaction.atomic
def create_position(
    *,
    actor: User,
    name: str,
    org_unit: OrgUnit,
    competences: list[Competence] | None = None,
    description: str = "",
) -> Position:
    if not policies.can_manage_positions(actor, org_unit):
        raise Denied(_("You can add positions only in the units you run."), field="org_unit")
    position = Position(name=name.strip(), org_unit=org_unit, description=description.strip())
    position.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            position.save()
    except IntegrityError:
        raise ValidationError(
            {"name": _("The unit already has a position with this name.")}
        ) from None
    position.competences.set(competences or [])
    return position


@transaction.atomic
def update_position(
    *, actor: User, position: Position, expected_version: int | None, **changes
) -> Position:
    current = lock(Position, position.pk, expected_version, related=("org_unit",))
    if not policies.can_manage_positions(actor, current.org_unit):
        raise Denied(_("You can change positions only in the units you run."))
    competences = changes.pop("competences", None)
    if "org_unit" in changes and not policies.can_manage_positions(actor, changes["org_unit"]):
        raise Denied(_("You can move positions only to the units you run."), field="org_unit")
    fields = apply_changes(current, changes, ("name", "org_unit", "description", "is_active"))
    try:
        with transaction.atomic():
            save_versioned(current, fields)
    except IntegrityError:
        raise ValidationError(
            {"name": _("The unit already has a position with this name.")}
        ) from None
    if competences is not None:
        current.competences.set(competences)
    return current


@transaction.atomic
def place_person(*, actor: User, person: User, position: Position, since: date) -> Placement:
    """Put a member of staff on a position (replacing the one they held)."""
    if not policies.can_manage_person(actor, person):
        raise Denied(_("You can place only the people of the units you run."), field="person")
    _staff(person)
    placement, _created = Placement.objects.update_or_create(
        person=person, defaults={"position": position, "since": since}
    )
    return placement


# --- competence records -----------------------------------------------------------


def _expiry(competence: Competence, issued_on: date, expires_on: date | None) -> date | None:
    if expires_on is None and competence.validity_months:
        return add_months(issued_on, competence.validity_months)
    return expires_on


def _check_dates(issued_on: date, expires_on: date | None) -> None:
    if issued_on > timezone.localdate():
        raise ValidationError(
            {"issued_on": _("The date of issue %(d)s is in the future.") % {"d": _short(issued_on)}}
        )
    if expires_on is not None and expires_on < issued_on:
        raise ValidationError(
            {
                "expires_on": _("The expiry date %(e)s is before the date of issue %(i)s.")
                % {"e": _short(expires_on), "i": _short(issued_on)}
            }
        )


def _close_plan(person: User, competence: Competence, year: int) -> None:
    PlanItem.objects.filter(
        person=person,
        competence=competence,
        year=year,
        status__in=(PlanItem.Status.PLANNED, PlanItem.Status.SCHEDULED),
    ).update(status=PlanItem.Status.DONE)


@transaction.atomic
def create_record(
    *,
    actor: User,
    person: User,
    competence: Competence,
    issued_on: date,
    expires_on: date | None = None,
    evidence: str = "",
    file: UploadedFile | None = None,
    training: Training | None = None,
) -> CompetenceRecord:
    """Record a competence a person holds; without an expiry date the competence's
    validity sets one."""
    if not policies.can_manage_person(actor, person):
        raise Denied(
            _("Only the head of the person's unit, the quality manager or HR records competences."),
            field="person",
        )
    _staff(person)
    expires_on = _expiry(competence, issued_on, expires_on)
    _check_dates(issued_on, expires_on)
    record = CompetenceRecord(
        person=person,
        competence=competence,
        issued_on=issued_on,
        expires_on=expires_on,
        evidence=evidence.strip(),
        training=training,
        created_by=actor,
    )
    record.full_clean()
    with files_removed_on_failure():
        record.save()
        if file is not None:
            attach_file(actor=actor, target=record, upload=file, description=record.evidence)
    _close_plan(person, competence, issued_on.year)
    return record


@transaction.atomic
def update_record(
    *,
    actor: User,
    record: CompetenceRecord,
    expected_version: int | None,
    file: UploadedFile | None = None,
    **changes,
) -> CompetenceRecord:
    current = lock(CompetenceRecord, record.pk, expected_version, related=("person__org_unit",))
    if not policies.can_change_record(actor, current):
        raise Denied(
            _("Only the head of the person's unit, the quality manager or HR records competences.")
        )
    if "evidence" in changes:
        changes["evidence"] = changes["evidence"].strip()
    fields = apply_changes(current, changes, ("issued_on", "expires_on", "evidence"))
    _check_dates(current.issued_on, current.expires_on)
    with files_removed_on_failure():
        save_versioned(current, fields)
        if file is not None:
            attach_file(actor=actor, target=current, upload=file, description=current.evidence)
    return current


# --- the training plan ----------------------------------------------------------------


@transaction.atomic
def plan_training(*, actor: User, person: User, competence: Competence, year: int) -> PlanItem:
    """Put a person's gap on the year's training plan."""
    if not policies.can_manage_person(actor, person):
        raise Denied(
            _("Only the head of the person's unit, the quality manager or HR plans trainings."),
            field="person",
        )
    _staff(person)
    if not 1990 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 1990 and 2100.")})
    item, created = PlanItem.objects.get_or_create(
        year=year,
        person=person,
        competence=competence,
        defaults={"created_by": actor},
    )
    if not created and item.status == PlanItem.Status.CANCELLED:
        item.status = PlanItem.Status.PLANNED
        save_versioned(item, ["status"])
    return item


@transaction.atomic
def plan_gaps(*, actor: User, year: int, org_unit: OrgUnit | None = None) -> int:
    """Put every gap of the people the actor manages (in one unit, if given) on the plan."""
    from ratusz.competence import selectors

    matrix = selectors.matrix(user=actor, org_unit=org_unit, today=date(year, 1, 1))
    made = 0
    for row in matrix.rows:
        for cell in row.cells:
            if cell.is_gap and not cell.planned:
                plan_training(actor=actor, person=row.person, competence=cell.competence, year=year)
                made += 1
    return made


@transaction.atomic
def cancel_plan_item(*, actor: User, item: PlanItem, expected_version: int | None) -> PlanItem:
    current = lock(PlanItem, item.pk, expected_version, related=("person__org_unit",))
    if not policies.can_manage_person(actor, current.person):
        raise Denied(
            _("Only the head of the person's unit, the quality manager or HR plans trainings.")
        )
    current.status = PlanItem.Status.CANCELLED
    return save_versioned(current, ["status"])


# --- trainings ----------------------------------------------------------------------

TRAINING_FIELDS = (
    "topic",
    "provider",
    "held_on",
    "hours",
    "org_unit",
    "competence",
    "materials",
    "evaluate_after_days",
)


def _enrol(actor: User, training: Training, people: list[User]) -> None:
    for person in people:
        if not policies.can_manage_person(actor, person):
            raise Denied(
                _("You can enrol only the people of the units you run (%(p)s is not one of them).")
                % {"p": person},
                field="attendees",
            )
        _staff(person, "attendees")
        Attendance.objects.get_or_create(training=training, person=person)
        if training.competence_id:
            PlanItem.objects.filter(
                person=person,
                competence_id=training.competence_id,
                year=training.held_on.year,
                status=PlanItem.Status.PLANNED,
            ).update(training=training, status=PlanItem.Status.SCHEDULED)


@transaction.atomic
def create_training(
    *,
    actor: User,
    topic: str,
    held_on: date,
    hours: Decimal = Decimal(1),
    provider: str = "",
    org_unit: OrgUnit | None = None,
    competence: Competence | None = None,
    materials: str = "",
    evaluate_after_days: int = 30,
    attendees: list[User] | None = None,
    file: UploadedFile | None = None,
) -> Training:
    if not policies.can_manage_trainings(actor, org_unit):
        raise Denied(_("You can plan trainings only for the units you run."), field="org_unit")
    training = Training(
        topic=topic.strip(),
        held_on=held_on,
        hours=hours,
        provider=provider.strip(),
        org_unit=org_unit,
        competence=competence,
        materials=materials.strip(),
        evaluate_after_days=evaluate_after_days,
        created_by=actor,
    )
    if hours is not None and hours <= 0:
        raise ValidationError({"hours": _("A training lasts more than 0 hours.")})
    training.full_clean()
    with files_removed_on_failure():
        training.save()
        _enrol(actor, training, attendees or [])
        if file is not None:
            attach_file(actor=actor, target=training, upload=file, description=_("Materials"))
    return training


@transaction.atomic
def update_training(
    *, actor: User, training: Training, expected_version: int | None, **changes
) -> Training:
    current = lock(Training, training.pk, expected_version)
    if not policies.can_manage_training(actor, current):
        raise Denied(_("Only whoever organises the training changes it."))
    if "hours" in changes and changes["hours"] is not None and changes["hours"] <= 0:
        raise ValidationError({"hours": _("A training lasts more than 0 hours.")})
    fields = apply_changes(current, changes, TRAINING_FIELDS)
    return save_versioned(current, fields)


@transaction.atomic
def enrol(*, actor: User, training: Training, attendees: list[User]) -> Training:
    if not policies.can_manage_training(actor, training):
        raise Denied(_("Only whoever organises the training enrols people."))
    if training.status in (Training.Status.EVALUATED, Training.Status.CANCELLED):
        raise ValidationError({"attendees": _("The training is closed.")})
    _enrol(actor, training, attendees)
    return training


@transaction.atomic
def record_attendance(
    *,
    actor: User,
    training: Training,
    attended: list[User],
    expected_version: int | None = None,
    today: date | None = None,
) -> Training:
    """Mark who attended; refused before the training's day."""
    today = today or timezone.localdate()
    current = lock(Training, training.pk, expected_version)
    if not policies.can_manage_training(actor, current):
        raise Denied(_("Only whoever organises the training records attendance."))
    if current.held_on > today:
        raise ValidationError(
            {
                "attended": _(
                    "The training is on %(d)s, in the future: attendance is recorded once it is held."
                )
                % {"d": _short(current.held_on)}
            }
        )
    if current.status == Training.Status.CANCELLED:
        raise ValidationError({"attended": _("The training was cancelled.")})
    enrolled = {a.person_id: a for a in current.attendances.all()}
    strangers = [p for p in attended if p.pk not in enrolled]
    if strangers:
        raise ValidationError(
            {"attended": _("%(p)s is not enrolled on this training.") % {"p": strangers[0]}}
        )
    chosen = {p.pk for p in attended}
    for person_id, attendance in enrolled.items():
        if attendance.attended != (person_id in chosen):
            attendance.attended = person_id in chosen
            save_versioned(attendance, ["attended"])
    if current.status == Training.Status.PLANNED:
        current.status = Training.Status.HELD
    return save_versioned(current, ["status"])


@transaction.atomic
def evaluate_attendance(
    *,
    actor: User,
    attendance: Attendance,
    result: str,
    evaluation: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> Attendance:
    """The effectiveness of a training for one person, judged after the set time;
    an effective training gives (or renews) the competence it teaches."""
    today = today or timezone.localdate()
    current = lock(Attendance, attendance.pk, expected_version, related=("training", "person"))
    training = current.training
    if not policies.can_manage_training(actor, training):
        raise Denied(_("Only whoever organises the training evaluates it."))
    if not current.attended:
        raise ValidationError({"result": _("%(p)s did not attend.") % {"p": current.person}})
    if current.result != Attendance.Result.PENDING:
        raise ValidationError({"result": _("This attendance is evaluated already.")})
    if result not in (Attendance.Result.EFFECTIVE, Attendance.Result.NOT_EFFECTIVE):
        raise ValidationError({"result": _("Say whether the training was effective.")})
    if today < training.evaluation_due:
        raise ValidationError(
            {
                "result": _("Effectiveness is evaluated from %(d)s, %(n)d days after the training.")
                % {"d": _short(training.evaluation_due), "n": training.evaluate_after_days}
            }
        )
    if not evaluation.strip():
        raise ValidationError({"evaluation": _("Say how the effectiveness was checked.")})
    current.result = result
    current.evaluation = evaluation.strip()
    current.evaluated_on = today
    save_versioned(current, ["result", "evaluation", "evaluated_on"])
    if result == Attendance.Result.EFFECTIVE and training.competence_id:
        competence = training.competence
        assert competence is not None
        record = CompetenceRecord(
            person=current.person,
            competence=competence,
            issued_on=training.held_on,
            expires_on=_expiry(competence, training.held_on, None),
            evidence=_("Training “%(t)s” of %(d)s")
            % {"t": training.topic, "d": _short(training.held_on)},
            training=training,
            created_by=actor,
        )
        record.evidence = record.evidence[:255]
        record.full_clean()
        record.save()
        PlanItem.objects.filter(
            person=current.person,
            competence=competence,
            status__in=(PlanItem.Status.PLANNED, PlanItem.Status.SCHEDULED),
            year__in=(training.held_on.year, today.year),
        ).update(status=PlanItem.Status.DONE, training=training)
    pending = training.attendances.filter(attended=True, result=Attendance.Result.PENDING)
    if not pending.exists():
        locked = lock(Training, training.pk, None)
        locked.status = Training.Status.EVALUATED
        save_versioned(locked, ["status"])
    return current


@transaction.atomic
def cancel_training(*, actor: User, training: Training, expected_version: int | None) -> Training:
    current = lock(Training, training.pk, expected_version)
    if not policies.can_manage_training(actor, current):
        raise Denied(_("Only whoever organises the training cancels it."))
    if current.status != Training.Status.PLANNED:
        raise ValidationError(_("Only a training not held yet can be cancelled."))
    current.status = Training.Status.CANCELLED
    current.plan_items.filter(status=PlanItem.Status.SCHEDULED).update(
        status=PlanItem.Status.PLANNED, training=None
    )
    return save_versioned(current, ["status"])


# --- communication plan and resources ------------------------------------------------

COMMUNICATION_FIELDS = (
    "subject",
    "when",
    "audience",
    "channel",
    "communicator",
    "direction",
    "last_performed",
)


def _check_not_future(day: date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("The date %(d)s is in the future.") % {"d": _short(day)}})


@transaction.atomic
def create_communication(*, actor: User, **fields) -> CommunicationEntry:
    if not policies.can_manage_resources(actor):
        raise Denied(_("Only the quality manager keeps the communication plan."))
    unknown = set(fields) - set(COMMUNICATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_not_future(fields.get("last_performed"), "last_performed")
    entry = CommunicationEntry(**fields)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def update_communication(
    *, actor: User, entry: CommunicationEntry, expected_version: int | None, **changes
) -> CommunicationEntry:
    if not policies.can_manage_resources(actor):
        raise Denied(_("Only the quality manager keeps the communication plan."))
    current = lock(CommunicationEntry, entry.pk, expected_version)
    fields = apply_changes(current, changes, COMMUNICATION_FIELDS)
    _check_not_future(current.last_performed, "last_performed")
    return save_versioned(current, fields)


RESOURCE_FIELDS = (
    "name",
    "kind",
    "owner",
    "org_unit",
    "description",
    "last_review",
    "next_review",
    "incidents",
)


def _check_review(resource: Resource) -> None:
    _check_not_future(resource.last_review, "last_review")
    if (
        resource.last_review
        and resource.next_review
        and resource.next_review < resource.last_review
    ):
        raise ValidationError({"next_review": _("The next review is before the last one.")})


@transaction.atomic
def create_resource(*, actor: User, **fields) -> Resource:
    if not policies.can_manage_resources(actor):
        raise Denied(_("Only the quality manager keeps the list of resources."))
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    resource = Resource(**fields)
    if resource.owner is not None:
        _staff(resource.owner, "owner")
    _check_review(resource)
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def update_resource(
    *, actor: User, resource: Resource, expected_version: int | None, **changes
) -> Resource:
    if not policies.can_manage_resources(actor):
        raise Denied(_("Only the quality manager keeps the list of resources."))
    current = lock(Resource, resource.pk, expected_version)
    fields = apply_changes(current, changes, RESOURCE_FIELDS)
    _check_review(current)
    return save_versioned(current, fields)


# --- induction of new employees --------------------------------------------------------


@transaction.atomic
def add_induction_step(*, actor: User, person: User, title: str) -> InductionItem:
    if not policies.can_manage_person(actor, person):
        raise Denied(
            _("Only the head of the person's unit, the quality manager or HR plans the induction.")
        )
    item = InductionItem(person=person, title=title.strip())
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def complete_induction_step(
    *, actor: User, item: InductionItem, expected_version: int | None, done_on: date
) -> InductionItem:
    current = lock(InductionItem, item.pk, expected_version, related=("person__org_unit",))
    if not policies.can_manage_person(actor, current.person):
        raise Denied(
            _("Only the head of the person's unit, the quality manager or HR plans the induction.")
        )
    if current.done_on is not None:
        raise ValidationError({"done_on": _("This step is done already.")})
    _check_not_future(done_on, "done_on")
    current.done_on = done_on
    current.done_by = actor
    return save_versioned(current, ["done_on", "done_by"])


# --- the management-control self-assessment and the ISO 18091 diagnostic -------------


@transaction.atomic
def start_assessment(*, actor: User, kind: str, year: int, closes_on: date | None = None):
    """Open a year's questionnaire with the previous year's questions of its kind
    (the office's edited set), or the shipped set the first time."""
    from ratusz.competence import question_sets
    from ratusz.competence.models import Assessment, Question

    if not policies.can_manage_assessments(actor):
        raise Denied(_("Only the quality manager runs the self-assessment."))
    if Assessment.objects.filter(kind=kind, year=year).exists():
        raise ValidationError(
            {"year": _("There is a questionnaire of this kind for %(y)d already.") % {"y": year}}
        )
    assessment = Assessment(kind=kind, year=year, closes_on=closes_on)
    assessment.full_clean(validate_unique=False)
    assessment.save()
    previous = Assessment.objects.filter(kind=kind, year__lt=year).order_by("-year").first()
    if previous is not None:
        rows = [(q.group, q.audience, q.text) for q in previous.questions.all()]
    else:
        labels = question_sets.groups(kind)
        rows = [(labels[g], who, text) for g, who, text in question_sets.questions(kind)]
    Question.objects.bulk_create(
        Question(assessment=assessment, group=g, audience=who, text=text, order=n)
        for n, (g, who, text) in enumerate(rows)
    )
    return assessment


@transaction.atomic
def save_question(*, actor: User, assessment, group: str, text: str, audience: str, question=None):
    """Add or change a question. Once anyone has answered, the questions stay as
    they were answered."""
    from ratusz.competence.models import Question

    if not policies.can_manage_assessments(actor):
        raise Denied(_("Only the quality manager runs the self-assessment."))
    if assessment.submissions.exists():
        raise ValidationError(
            _("Answers have been given already: the questions can no longer change.")
        )
    question = question or Question(assessment=assessment, order=assessment.questions.count())
    question.group, question.text, question.audience = group.strip(), text.strip(), audience
    question.full_clean()
    question.save()
    return question


def role_in(assessment, person: User) -> str:
    """Which version a person answers: managers (heads of units) or staff."""
    from ratusz.competence.models import Submission

    if access.managed_unit_paths(person) or assessment.kind == "iso18091":
        return Submission.Role.MANAGER
    return Submission.Role.STAFF


def unit_is_too_small(unit: OrgUnit | None) -> bool:
    from ratusz.competence.models import MIN_GROUP

    if unit is None:
        return True
    return User.objects.filter(org_unit=unit, is_active=True).count() < MIN_GROUP


@transaction.atomic
def answer(*, actor: User, assessment, answers: dict[int, str]):
    """Record a filled-in questionnaire. The answer names no person; a separate
    marker says only that the person has answered, so no one answers twice. A
    member of staff in a unit of fewer than five people is counted only in the
    office-wide result: their unit is not stored with the answer."""
    from ratusz.competence.models import Answer, Assessment, Participation, Submission

    if not policies.can_answer(actor, assessment):
        raise Denied(_("This questionnaire is not for you."))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != Assessment.Status.OPEN:
        raise ValidationError(_("The questionnaire is closed."))
    if Participation.objects.filter(assessment=assessment, person=actor).exists():
        raise ValidationError(_("You have answered this questionnaire already."))
    role = role_in(assessment, actor)
    questions = list(policies.questions_for(assessment, role))
    allowed = (
        {"green", "yellow", "red"} if assessment.kind == "iso18091" else {"yes", "no", "unknown"}
    )
    errors = {}
    for q in questions:
        if answers.get(q.pk) not in allowed:
            errors[f"q{q.pk}"] = _("Answer this question.")
    if errors:
        raise ValidationError(errors)
    unit = actor.org_unit
    if role == Submission.Role.STAFF and unit_is_too_small(unit):
        unit = None
    if assessment.kind == "iso18091":
        unit = None
    submission = Submission.objects.create(assessment=assessment, role=role, org_unit=unit)
    Answer.objects.bulk_create(
        Answer(submission=submission, question=q, value=answers[q.pk]) for q in questions
    )
    try:
        with transaction.atomic():
            Participation.objects.create(assessment=assessment, person=actor)
    except IntegrityError:
        raise ValidationError(_("You have answered this questionnaire already.")) from None
    return submission


@transaction.atomic
def close_assessment(*, actor: User, assessment, expected_version: int | None):
    from ratusz.competence.models import Assessment

    if not policies.can_manage_assessments(actor):
        raise Denied(_("Only the quality manager runs the self-assessment."))
    assessment = lock(Assessment, assessment.pk, expected_version)
    assessment.status = Assessment.Status.CLOSED
    return save_versioned(assessment, ["status"])


def _weakness_title(question) -> str:
    return (_("Weakness found by the %(a)s: %(q)s") % {"a": question.assessment, "q": question})[
        :200
    ]


@transaction.atomic
def weakness_to_action(
    *, actor: User, question, org_unit: OrgUnit, owner: User, due_date: date, confirmed=False
):
    """Raise a corrective action for a weak question or a red indicator."""
    from ratusz.core.services import create_action

    return create_action(
        actor=actor,
        title=_weakness_title(question),
        description=question.text,
        org_unit=org_unit,
        owner=owner,
        due_date=due_date,
        source=question.assessment,
        confirmed=confirmed,
    )


@transaction.atomic
def weakness_to_risk(
    *,
    actor: User,
    question,
    org_unit: OrgUnit,
    owner: User,
    likelihood: int,
    impact: int,
    review_date: date,
):
    """Enter a weakness in the risk register as a risk to be reduced."""
    from ratusz.risks.models import Risk
    from ratusz.risks.services import create_risk

    return create_risk(
        actor=actor,
        title=_weakness_title(question),
        kind=Risk.Kind.RISK,
        category=Risk.Category.OPERATIONAL,
        cause=question.text,
        event=_("The control the question asks about does not work."),
        effect=_("Tasks of the office are not done as required."),
        org_unit=org_unit,
        owner=owner,
        inherent_likelihood=likelihood,
        inherent_impact=impact,
        residual_likelihood=likelihood,
        residual_impact=impact,
        response=Risk.Response.REDUCE,
        review_date=review_date,
    )
