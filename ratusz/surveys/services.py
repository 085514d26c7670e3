"""Writes of satisfaction surveys: build (while a draft), publish, close, answer.

A survey is one record to two editors: every change of it or of its questions
carries the survey's version and raises it, so two people building the same
survey get a Conflict instead of a lost question. Answers are checked whole
before anything is saved: a response is stored complete or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core import audit
from ratusz.core.errors import Denied
from ratusz.core.models import User
from ratusz.core.services import apply_changes, lock, require_status, save_versioned
from ratusz.surveys import policies
from ratusz.surveys.models import TEXT_LIMIT, Answer, Option, Question, Response, Survey

SURVEY_FIELDS = ("title", "intro", "opens_on", "closes_on")
MAX_OPTIONS = 20
MAX_QUESTIONS = 60


def _require_manager(actor: User) -> None:
    if not policies.can_manage_surveys(actor):
        raise Denied(_("Only the quality manager builds and publishes surveys."))


def _require_draft(survey: Survey) -> None:
    require_status(
        survey,
        Survey.Status.DRAFT,
        message=_("A published survey is not changed: its answers would no longer match."),
    )


def _check_period(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The survey closes before it opens.")})


def create_survey(
    *, actor: User, title: str, opens_on: date, closes_on: date, intro: str = ""
) -> Survey:
    _require_manager(actor)
    _check_period(opens_on, closes_on)
    survey = Survey(
        title=title.strip(),
        intro=intro.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def update_survey(
    *, actor: User, survey: Survey, expected_version: int | None, **changes: Any
) -> Survey:
    _require_manager(actor)
    current = lock(Survey, survey.pk, expected_version)
    _require_draft(current)
    changes = {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}
    fields = apply_changes(current, changes, SURVEY_FIELDS)
    _check_period(current.opens_on, current.closes_on)
    return save_versioned(current, fields)


def _clean_options(kind: str, options: list[str] | None) -> list[str]:
    labels = [o.strip() for o in options or [] if o.strip()]
    if kind not in Question.CHOICE_KINDS:
        if labels:
            raise ValidationError(
                {"options": _("Only single- and multiple-choice questions have options.")}
            )
        return []
    if len(labels) < 2:
        raise ValidationError({"options": _("Give at least two options, one per line.")})
    if len(labels) > MAX_OPTIONS:
        raise ValidationError(
            {"options": _("At most %(n)d options, one per line.") % {"n": MAX_OPTIONS}}
        )
    if len({label.casefold() for label in labels}) != len(labels):
        raise ValidationError({"options": _("Two options have the same text.")})
    too_long = [label for label in labels if len(label) > 200]
    if too_long:
        raise ValidationError({"options": _("An option is longer than 200 characters.")})
    return labels


def _save_options(question: Question, labels: list[str]) -> None:
    question.options.all().delete()
    Option.objects.bulk_create(
        [Option(question=question, position=n, label=label) for n, label in enumerate(labels, 1)]
    )


@transaction.atomic
def add_question(
    *,
    actor: User,
    survey: Survey,
    expected_version: int | None,
    text: str,
    kind: str,
    required: bool = False,
    options: list[str] | None = None,
) -> Question:
    _require_manager(actor)
    current = lock(Survey, survey.pk, expected_version)
    _require_draft(current)
    if current.questions.count() >= MAX_QUESTIONS:
        raise ValidationError(_("A survey has at most %(n)d questions.") % {"n": MAX_QUESTIONS})
    labels = _clean_options(kind, options)
    last = current.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(
        survey=current, position=last + 1, text=text.strip(), kind=kind, required=required
    )
    question.full_clean()
    question.save()
    _save_options(question, labels)
    save_versioned(current, [])
    return question


def _lock_question(question: Question, expected_version: int | None) -> tuple[Survey, Question]:
    survey = lock(Survey, question.survey_id, expected_version)
    _require_draft(survey)
    return survey, Question.objects.get(pk=question.pk)


@transaction.atomic
def update_question(
    *,
    actor: User,
    question: Question,
    expected_version: int | None,
    text: str,
    kind: str,
    required: bool = False,
    options: list[str] | None = None,
) -> Question:
    _require_manager(actor)
    survey, current = _lock_question(question, expected_version)
    labels = _clean_options(kind, options)
    current.text, current.kind, current.required = text.strip(), kind, required
    current.full_clean()
    current.save(update_fields=["text", "kind", "required"])
    _save_options(current, labels)
    save_versioned(survey, [])
    return current


@transaction.atomic
def delete_question(*, actor: User, question: Question, expected_version: int | None) -> Survey:
    _require_manager(actor)
    survey, current = _lock_question(question, expected_version)
    current.delete()
    # Close the gap so the positions stay 1…n.
    for n, q in enumerate(survey.questions.order_by("position"), 1):
        if q.position != n:
            q.position = n
            q.save(update_fields=["position"])
    return save_versioned(survey, [])


@transaction.atomic
def move_question(
    *, actor: User, question: Question, expected_version: int | None, direction: str
) -> Survey:
    _require_manager(actor)
    survey, current = _lock_question(question, expected_version)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move a question up or down.")})
    siblings = survey.questions.order_by("position")
    other = (
        siblings.filter(position__lt=current.position).last()
        if direction == "up"
        else siblings.filter(position__gt=current.position).first()
    )
    if other is not None:
        # Swap through a free position: the pair (survey, position) is unique.
        mine, theirs = current.position, other.position
        current.position = 0
        current.save(update_fields=["position"])
        other.position = mine
        other.save(update_fields=["position"])
        current.position = theirs
        current.save(update_fields=["position"])
    return save_versioned(survey, [])


@transaction.atomic
def publish_survey(*, actor: User, survey: Survey, expected_version: int | None) -> Survey:
    """Open the survey at its public address for its period."""
    _require_manager(actor)
    current = lock(Survey, survey.pk, expected_version)
    require_status(current, Survey.Status.DRAFT, message=_("Only a draft survey is published."))
    if not current.questions.exists():
        raise ValidationError(_("Add at least one question before publishing the survey."))
    if current.closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": _("The survey's period is over; move its closing date first.")}
        )
    current.status = Survey.Status.OPEN
    current.published_at = timezone.now()
    return save_versioned(current, ["status", "published_at"])


@transaction.atomic
def close_survey(*, actor: User, survey: Survey, expected_version: int | None) -> Survey:
    """Stop taking answers; the results stay."""
    _require_manager(actor)
    current = lock(Survey, survey.pk, expected_version)
    require_status(current, Survey.Status.OPEN, message=_("Only an open survey is closed."))
    current.status = Survey.Status.CLOSED
    current.closed_at = timezone.now()
    if current.closes_on > timezone.localdate():
        current.closes_on = max(current.opens_on, timezone.localdate())
    return save_versioned(current, ["status", "closed_at", "closes_on"])


@transaction.atomic
def copy_survey(*, actor: User, survey: Survey, opens_on: date, closes_on: date) -> Survey:
    """A new draft with the same questions: next year's survey, comparable with this one."""
    _require_manager(actor)
    _check_period(opens_on, closes_on)
    copy = create_survey(
        actor=actor, title=survey.title, intro=survey.intro, opens_on=opens_on, closes_on=closes_on
    )
    questions = list(survey.questions.prefetch_related("options"))
    new = Question.objects.bulk_create(
        [
            Question(
                survey=copy, position=q.position, text=q.text, kind=q.kind, required=q.required
            )
            for q in questions
        ]
    )
    Option.objects.bulk_create(
        [
            Option(question=n, position=o.position, label=o.label)
            for q, n in zip(questions, new, strict=True)
            for o in q.options.all()
        ]
    )
    audit.record_created(new)
    return copy


# --- answering ----------------------------------------------------------------------


def _missing(question: Question) -> str:
    return _("Answer the question „%(question)s”.") % {"question": question.text}


def _as_int(raw: Any) -> int | None:
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def check_answers(survey: Survey, answers: Mapping[int, Any]) -> list[Answer]:
    """The answers as unsaved rows, or a ValidationError naming each question at fault.

    `answers` maps a question id to: a number 1–5 (scale), "yes"/"no" (yes/no), an
    option id (single choice), a list of option ids (multiple choice) or a text.
    An empty value is no answer.
    """
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    known = {q.pk for q in questions}
    errors: dict[str, list[str]] = {}
    unknown = [q for q in answers if q not in known]
    if unknown:
        errors["__all__"] = [_("The answers name a question this survey does not have.")]
    rows: list[Answer] = []
    for q in questions:
        raw = answers.get(q.pk)
        key = f"q{q.pk}"
        values = raw if isinstance(raw, list | tuple) else [raw]
        values = [v for v in values if v is not None and str(v).strip() != ""]
        if not values:
            if q.required:
                errors[key] = [_missing(q)]
            continue
        if q.kind != Question.Kind.MULTIPLE and len(values) > 1:
            errors[key] = [_("Give one answer to „%(question)s”.") % {"question": q.text}]
            continue
        if q.kind == Question.Kind.SCALE:
            value = _as_int(values[0])
            if value is None or not 1 <= value <= 5:
                errors[key] = [
                    _("Answer „%(question)s” with a number from 1 to 5.") % {"question": q.text}
                ]
                continue
            rows.append(Answer(question=q, value=value))
        elif q.kind == Question.Kind.YES_NO:
            word = str(values[0]).strip().lower()
            if word not in ("yes", "no", "1", "0", "true", "false"):
                errors[key] = [_("Answer „%(question)s” with yes or no.") % {"question": q.text}]
                continue
            rows.append(Answer(question=q, value=1 if word in ("yes", "1", "true") else 0))
        elif q.kind in Question.CHOICE_KINDS:
            options = {o.pk: o for o in q.options.all()}
            ids = [_as_int(v) for v in values]
            if any(i not in options for i in ids):
                errors[key] = [
                    _("Choose among the options given for „%(question)s”.") % {"question": q.text}
                ]
                continue
            rows.extend(Answer(question=q, option=options[i]) for i in dict.fromkeys(ids) if i)
        else:
            text = str(values[0]).strip()
            if len(text) > TEXT_LIMIT:
                errors[key] = [
                    _("The answer to „%(question)s” is longer than %(n)d characters.")
                    % {"question": q.text, "n": TEXT_LIMIT}
                ]
                continue
            if "\x00" in text:
                errors[key] = [
                    _("The answer to „%(question)s” holds a null character.") % {"question": q.text}
                ]
                continue
            rows.append(Answer(question=q, text=text))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def answer_survey(
    *,
    survey: Survey,
    answers: Mapping[int, Any],
    channel: str = Response.Channel.WEB,
    actor: User | None = None,
    today: date | None = None,
) -> Response:
    """Store one response whole: every answer checked first, then saved together.

    A web answer is taken only while the survey is open and within its period; a
    paper form is typed in by staff while the survey is open or after it closed.
    """
    today = today or timezone.localdate()
    current = Survey.objects.get(pk=survey.pk)
    if channel == Response.Channel.PAPER:
        if actor is None or not policies.can_enter_paper(actor, current):
            raise Denied(_("Only staff type in paper answers, and only to a published survey."))
    elif channel == Response.Channel.WEB:
        if not current.accepts_answers(today):
            raise ValidationError(_("This survey is not taking answers now."))
        actor = None
    else:
        raise ValidationError({"channel": _("Unknown channel.")})
    rows = check_answers(current, answers)
    if not rows:
        raise ValidationError(_("Answer at least one question."))
    response = Response.objects.create(
        survey=current, channel=channel, submitted_on=today, entered_by=actor
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response
