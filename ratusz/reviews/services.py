"""Writes of the management reviews (ISO 9001 9.3).

A review is planned (draft inputs compiled live), held (the inputs frozen as a
snapshot, never recomputed), recorded (discussion, conclusions, decisions each
becoming an action in the tracker), signed by its chair and distributed to the
people invited, who acknowledge it. Every write checks who may make it, runs in
one transaction and refuses a stale version with a Conflict.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core import services as core_services
from ratusz.core.audit import newest_exported_head
from ratusz.core.errors import Denied
from ratusz.core.models import Action, Attachment, Clause, OrgUnit, User
from ratusz.core.plugins import ReviewTopic
from ratusz.core.services import lock, require_status, save_versioned, take_number
from ratusz.reviews import policies, selectors
from ratusz.reviews.models import Attendance, Decision, InputNote, Review

CONCLUSIONS = ("suitability", "adequacy", "effectiveness", "alignment")


def _check_chair(chair: User | None) -> None:
    if chair is None:
        return
    if not chair.is_active or not policies.can_chair(chair):
        raise ValidationError(
            {"chair": _("%(user)s is not a member of top management.") % {"user": chair}}
        )


def _check_people(people: list[User]) -> None:
    for person in people:
        if not person.is_active or access.is_external(person):
            raise ValidationError(
                {"attendees": _("%(user)s is not an active member of staff.") % {"user": person}}
            )


def _period_start(planned_date: date, exclude: int | None = None) -> date:
    """The day after the period of the last review held, or a year back for the first."""
    previous = selectors.last_held(before=planned_date, exclude=exclude)
    if previous is not None and previous.period_end < planned_date:
        return previous.period_end + timedelta(days=1)
    return planned_date - timedelta(days=365)


def _set_attendees(review: Review, people: list[User]) -> None:
    wanted = {person.pk for person in people}
    if review.chair_id:
        wanted.add(review.chair_id)
    review.attendance.exclude(person_id__in=wanted).delete()
    have = set(review.attendance.values_list("person_id", flat=True))
    Attendance.objects.bulk_create(
        [Attendance(review=review, person_id=pk) for pk in sorted(wanted - have)]
    )


@transaction.atomic
def plan_review(
    *,
    actor: User,
    planned_date: date,
    chair: User | None = None,
    attendees: list[User] | None = None,
    location: str = "",
) -> Review:
    if not policies.can_plan_review(actor):
        raise Denied(_("Only the quality manager plans management reviews."))
    _check_chair(chair)
    _check_people(attendees or [])
    review = Review(
        year=planned_date.year,
        number=take_number(f"review:{planned_date.year}"),
        planned_date=planned_date,
        period_start=_period_start(planned_date),
        period_end=planned_date,
        chair=chair,
        location=location.strip(),
        created_by=actor,
    )
    review.full_clean()
    review.save()
    _set_attendees(review, attendees or [])
    return review


def _locked(review: Review, expected_version: int | None) -> Review:
    return lock(Review, review.pk, expected_version, related=("chair",))


def _refuse_held(review: Review) -> None:
    require_status(
        review,
        Review.Status.PLANNED,
        message=_("This review has been held; its plan and inputs can no longer be changed."),
    )


@transaction.atomic
def update_review(
    *,
    actor: User,
    review: Review,
    expected_version: int | None,
    planned_date: date,
    chair: User | None,
    attendees: list[User],
    location: str = "",
) -> Review:
    current = _locked(review, expected_version)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager changes a management review."))
    _refuse_held(current)
    _check_chair(chair)
    _check_people(attendees)
    if planned_date.year != current.year:
        raise ValidationError(
            {
                "planned_date": _(
                    "A review stays in the year it was numbered in (%(year)d); plan a new one."
                )
                % {"year": current.year}
            }
        )
    current.planned_date = planned_date
    current.period_start = min(_period_start(planned_date, exclude=current.pk), planned_date)
    current.period_end = planned_date
    current.chair = chair
    current.location = location.strip()
    save_versioned(current, ["planned_date", "period_start", "period_end", "chair", "location"])
    _set_attendees(current, attendees)
    return current


def _people(review: Review) -> list[User]:
    return [row.person for row in review.attendance.select_related("person")]


def _mail(people: list[User], subject: str, body: str) -> int:
    sent = 0
    for person in people:
        if person.email:
            send_mail(subject, body, None, [person.email])
            sent += 1
    return sent


@transaction.atomic
def invite(*, actor: User, review: Review, expected_version: int | None) -> Review:
    """Invite the chair and attendees: in Ratusz, by e-mail; the date is in their calendar."""
    current = _locked(review, expected_version)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager invites to a management review."))
    _refuse_held(current)
    people = _people(current)
    if not people:
        raise ValidationError(_("Choose the chair and the attendees before inviting them."))
    when = date_format(current.planned_date, "SHORT_DATE_FORMAT")
    link = f"{settings.SITE_URL.rstrip('/')}{current.get_absolute_url()}"
    for person in people:
        core_services.notify(
            recipient=person,
            kind="review_invitation",
            url=current.get_absolute_url(),
            params={"ref": current.reference, "due": current.planned_date.isoformat()},
        )
    agenda = "\n".join(f"{topic}) {label}" for topic, label in ReviewTopic.choices)
    _mail(
        people,
        _("Invitation: management review %(ref)s on %(date)s")
        % {"ref": current.reference, "date": when},
        _(
            "You are invited to the management review %(ref)s on %(date)s%(place)s.\n\n"
            "Agenda (ISO 9001 9.3.2):\n%(agenda)s\n\nThe inputs: %(link)s\n"
        )
        % {
            "ref": current.reference,
            "date": when,
            "place": f", {current.location}" if current.location else "",
            "agenda": agenda,
            "link": link,
        },
    )
    current.invited_at = timezone.now()
    return save_versioned(current, ["invited_at"])


@transaction.atomic
def comment_input(
    *, actor: User, review: Review, expected_version: int | None, topic: str, comment: str
) -> Review:
    current = _locked(review, expected_version)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager comments the review's inputs."))
    _refuse_held(current)
    if topic not in ReviewTopic.values:
        raise ValidationError({"topic": _("No such input of a management review.")})
    note, _created = InputNote.objects.get_or_create(review=current, topic=topic)
    note.comment = comment.strip()
    note.full_clean()
    note.save(update_fields=["comment"])
    return save_versioned(current, [])


@transaction.atomic
def attach_evidence(
    *, actor: User, review: Review, topic: str, upload: UploadedFile, description: str = ""
) -> Attachment:
    """A file for an input Ratusz does not hold (or to back one it does)."""
    current = _locked(review, None)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager adds evidence to the review's inputs."))
    _refuse_held(current)
    if topic not in ReviewTopic.values:
        raise ValidationError({"topic": _("No such input of a management review.")})
    note, _created = InputNote.objects.get_or_create(review=current, topic=topic)
    return core_services.attach_file(
        actor=actor,
        target=note,
        upload=upload,
        description=description,
        clauses=list(Clause.objects.filter(number="9.3.2")),
    )


def _audit_head() -> str:
    heads = newest_exported_head(settings.RATUSZ_AUDIT_HEAD_DIR)
    if not heads:
        return ""
    head = heads[-1]
    return f"{head.seq}:{head.hash} ({head.source})"[:255]


@transaction.atomic
def hold_review(
    *,
    actor: User,
    review: Review,
    expected_version: int | None,
    present: list[User],
    today: date | None = None,
) -> Review:
    """Record that the review was held: the inputs are frozen as they are now."""
    today = today or timezone.localdate()
    current = _locked(review, expected_version)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager records that a review was held."))
    _refuse_held(current)
    if current.chair_id is None:
        raise ValidationError(
            {"chair": _("The review has no chair: choose a member of top management first.")}
        )
    if current.planned_date > today:
        raise ValidationError(
            _("The review is planned for %(date)s; it cannot be held before that day.")
            % {"date": date_format(current.planned_date, "SHORT_DATE_FORMAT")}
        )
    invited = {row.person_id: row for row in current.attendance.all()}
    strangers = [person for person in present if person.pk not in invited]
    if strangers:
        raise ValidationError(
            {"present": _("%(user)s was not invited to this review.") % {"user": strangers[0]}}
        )
    if current.chair_id not in {person.pk for person in present}:
        raise ValidationError(
            {"present": _("The chair must be present for the review to be held.")}
        )
    here = {person.pk for person in present}
    for row in invited.values():
        row.present = row.person_id in here
        row.save(update_fields=["present"])
    current.snapshot = selectors.snapshot_of(current)
    current.audit_head = _audit_head()
    current.held_on = today
    current.status = Review.Status.HELD
    return save_versioned(current, ["snapshot", "audit_head", "held_on", "status"])


@transaction.atomic
def save_record(
    *,
    actor: User,
    review: Review,
    expected_version: int | None,
    discussion: dict[str, str] | None = None,
    **conclusions: str,
) -> Review:
    """The discussion of each input and the conclusions (9.3.1) while the record is open."""
    unknown = set(conclusions) - set(CONCLUSIONS)
    if unknown:
        raise TypeError(f"save_record() got unknown fields: {sorted(unknown)}")
    current = _locked(review, expected_version)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager writes the review's record."))
    require_status(
        current,
        Review.Status.HELD,
        message=_(
            "The record can be written only after the review is held and before it is signed."
        ),
    )
    for topic, text in (discussion or {}).items():
        if topic not in ReviewTopic.values:
            raise ValidationError(_("No such input of a management review."))
        note, _created = InputNote.objects.get_or_create(review=current, topic=topic)
        if note.discussion != text.strip():
            note.discussion = text.strip()
            note.save(update_fields=["discussion"])
    for name, value in conclusions.items():
        setattr(current, name, value.strip())
    return save_versioned(current, list(conclusions))


@transaction.atomic
def add_decision(
    *,
    actor: User,
    review: Review,
    kind: str,
    text: str,
    owner: User | None,
    due_date: date | None,
    org_unit: OrgUnit | None = None,
    confirmed: bool = False,
) -> Decision:
    """An output of the review (9.3.3); it becomes an action in the tracker."""
    current = _locked(review, None)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager records the review's decisions."))
    require_status(
        current,
        Review.Status.HELD,
        message=_("Decisions are recorded after the review is held and before it is signed."),
    )
    errors = {}
    if owner is None:
        errors["owner"] = _("Every decision needs an owner who carries it out.")
    if due_date is None:
        errors["due_date"] = _("Every decision needs a date by which it is done.")
    if not text.strip():
        errors["text"] = _("Write down what was decided.")
    if errors:
        raise ValidationError(errors)
    assert owner is not None and due_date is not None
    unit = org_unit or owner.org_unit
    if unit is None:
        raise ValidationError({"org_unit": _("Choose the unit that carries out the decision.")})
    number = (
        current.decisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    decision = Decision(review=current, number=number, kind=kind, text=text.strip())
    decision.full_clean(exclude=["action"])
    decision.save()
    decision.action = core_services.create_action(
        actor=actor,
        title=text.strip().splitlines()[0][:255],
        description=text.strip(),
        kind=Action.Kind.REVIEW_DECISION,
        org_unit=unit,
        owner=owner,
        due_date=due_date,
        clause=Clause.objects.filter(number="9.3.3").first(),
        source=decision,
        confirmed=confirmed,
    )
    decision.save(update_fields=["action"])
    return decision


@transaction.atomic
def sign_review(*, actor: User, review: Review, expected_version: int | None) -> Review:
    current = _locked(review, expected_version)
    if not policies.can_sign_review(actor, current):
        raise Denied(_("Only the chair of the review signs its record."))
    require_status(
        current, Review.Status.HELD, message=_("Only a held review awaiting signature is signed.")
    )
    missing = {
        name: _("Write the conclusion before the record is signed.")
        for name in CONCLUSIONS
        if not getattr(current, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    current.status = Review.Status.SIGNED
    current.signed_at = timezone.now()
    return save_versioned(current, ["status", "signed_at"])


@transaction.atomic
def distribute_review(*, actor: User, review: Review, expected_version: int | None) -> Review:
    current = _locked(review, expected_version)
    if not policies.can_manage_review(actor, current):
        raise Denied(_("Only the quality manager distributes the record."))
    require_status(current, Review.Status.SIGNED, message=_("Only a signed record is distributed."))
    people = _people(current)
    for person in people:
        core_services.notify(
            recipient=person,
            kind="review_distributed",
            url=current.get_absolute_url(),
            params={"ref": current.reference},
            dedupe_key=f"review-distributed-{current.pk}",
        )
    _mail(
        people,
        _("Record of management review %(ref)s") % {"ref": current.reference},
        _(
            "The signed record of management review %(ref)s is in Ratusz. "
            "Please read it and acknowledge it: %(link)s\n"
        )
        % {
            "ref": current.reference,
            "link": f"{settings.SITE_URL.rstrip('/')}{current.get_absolute_url()}",
        },
    )
    current.status = Review.Status.DISTRIBUTED
    current.distributed_at = timezone.now()
    return save_versioned(current, ["status", "distributed_at"])


@transaction.atomic
def acknowledge_review(*, actor: User, review: Review) -> Attendance:
    current = _locked(review, None)
    require_status(
        current,
        Review.Status.DISTRIBUTED,
        message=_("The record can be acknowledged once it is distributed."),
    )
    row = current.attendance.filter(person=actor).first()
    if row is None:
        raise Denied(_("Only the people invited to the review acknowledge its record."))
    if row.acknowledged_at is None:
        row.acknowledged_at = timezone.now()
        row.save(update_fields=["acknowledged_at"])
    return row
