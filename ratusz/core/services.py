"""Writes and workflows of the core area.

Every function takes the acting user first (keyword-only), checks permission
through `ratusz.core.access`, validates with `full_clean()` and saves inside a
transaction. Records that two people may edit carry a version number: a save
based on an old version raises `Conflict` instead of overwriting.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.options import Options
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core import access, search
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import (
    Action,
    Attachment,
    AttachmentText,
    Clause,
    Effectiveness,
    Notification,
    NumberSeries,
    OrgUnit,
    Role,
    RoleAssignment,
    User,
)
from ratusz.core.uploads import sniff_upload

# --- organisation -----------------------------------------------------------


@transaction.atomic
def create_org_unit(
    *, name: str, code: str, parent: OrgUnit | None = None, kind: str = OrgUnit.Kind.DEPARTMENT
) -> OrgUnit:
    unit = OrgUnit(name=name, code=code, parent=parent, kind=kind)
    unit.full_clean(exclude=["path"])
    unit.save()
    return place_org_unit(unit=unit)


@transaction.atomic
def place_org_unit(*, unit: OrgUnit) -> OrgUnit:
    """Recompute the materialised path of a unit and its subtree (after a move)."""
    parent = unit.parent
    if parent is not None and parent.path.startswith(unit.path or "\0"):
        raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
    old_path = unit.path
    new_path = f"{parent.path if parent is not None else ''}{unit.pk:06d}/"
    if new_path != old_path:
        unit.path = new_path
        unit.save(update_fields=["path"])
        if old_path:
            for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
                child.path = new_path + child.path[len(old_path) :]
                child.save(update_fields=["path"])
    return unit


@transaction.atomic
def grant_role(*, user: User, role: str, org_unit: OrgUnit | None = None) -> RoleAssignment:
    if role == Role.PROCESS_OWNER and org_unit is None:
        raise ValidationError({"org_unit": _("A process owner role names the unit they run.")})
    if role == Role.EXTERNAL_AUDITOR and user.access_expires_at is None:
        raise ValidationError(
            {"access_expires_at": _("An external auditor's account needs an expiry date.")}
        )
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, org_unit=org_unit
    )
    return assignment


# --- optimistic locking -------------------------------------------------------
#
# A record two people may edit has a `version` column. A write locks the row
# (`lock`), refuses a save based on an old version, and saves with the version
# raised by one (`save_versioned`); views turn the Conflict into a message with
# the user's text kept (`core.forms.submit`), the API into 409.


class Versioned(Protocol):
    """A record two people may edit: a model with a `version` column."""

    version: int
    _meta: ClassVar[Options[Any]]

    def full_clean(self) -> None: ...

    def save(self, *, update_fields: Iterable[str] | None = ...) -> None: ...


class WithStatus(Protocol):
    """A record that moves through statuses by transitions."""

    @property
    def status(self) -> str: ...


M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Versioned)


def check_version(obj: Versioned, expected_version: int | None) -> None:
    """Refuse a save based on an old version of the record."""
    if expected_version is not None and obj.version != expected_version:
        raise Conflict(current=obj)


def lock(
    model: type[M], pk: Any, expected_version: int | None, *, related: tuple[str, ...] = ()
) -> M:
    """The record locked for this transaction, if it is still the version the actor loaded.

    Only the record's own row is locked (PostgreSQL `FOR UPDATE OF`), not the
    rows of `related`, which are loaded with it.
    """
    queryset = model._default_manager.select_for_update(of=("self",))
    if related:
        queryset = queryset.select_related(*related)
    current = queryset.get(pk=pk)
    # Only versioned models are locked; a type cannot say "a Model and Versioned".
    check_version(cast(Versioned, current), expected_version)
    return current


def save_versioned(obj: V, fields: Iterable[str], *, clean: bool = True) -> V:
    """Save the named fields with the version raised by one (and `updated_at`, if any)."""
    obj.version += 1
    if clean:
        obj.full_clean()
    update_fields = [*fields, "version"]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        update_fields.append("updated_at")
    obj.save(update_fields=list(dict.fromkeys(update_fields)))
    return obj


def require_status(obj: WithStatus, *allowed: str, message: str) -> None:
    """Refuse a transition from any status but the allowed ones, saying why."""
    if obj.status not in allowed:
        raise ValidationError(message)


def apply_changes(obj: models.Model, changes: dict[str, Any], editable: Iterable[str]) -> list[str]:
    """Set the changed fields a service allows on the record; refuse any other name.

    Returns the names set, for `save_versioned`.
    """
    unknown = set(changes) - set(editable)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(obj, name, value)
    return list(changes)


# --- the clause registry ----------------------------------------------------


@transaction.atomic
def set_clause_applicability(
    *,
    actor: User,
    clause: Clause,
    applicable: bool,
    justification: str,
    expected_version: int | None = None,
) -> Clause:
    if not access.can_manage_clauses(actor):
        raise Denied(_("Only the quality manager decides which clauses apply."))
    clause = lock(Clause, clause.pk, expected_version)
    clause.applicable = applicable
    clause.justification = justification.strip()
    if not applicable and not clause.justification:
        raise ValidationError(
            {"justification": _("Say why this clause does not apply to the office.")}
        )
    return save_versioned(clause, ["applicable", "justification"])


# --- actions ----------------------------------------------------------------

ACTION_EDITABLE_FIELDS = (
    "title",
    "description",
    "kind",
    "org_unit",
    "owner",
    "due_date",
    "clause",
    "effectiveness_required",
    "effectiveness_due",
)


def require_confirmation(confirmed: bool, message: str) -> None:
    """Something unusual but allowed (a date in the past): done only once the user
    confirms it (`confirmed=True`); the form shows the message by its checkbox."""
    if not confirmed:
        raise ValidationError({"confirmed": message})


def confirm_due_date(due_date: date | None, confirmed: bool) -> None:
    """A due date already past is usually a typing slip: it is saved once confirmed."""
    if due_date is not None and due_date < timezone.localdate():
        require_confirmation(
            confirmed,
            _("The due date %(date)s has already passed. Tick the box if that is right.")
            % {"date": date_format(due_date, "SHORT_DATE_FORMAT")},
        )


def _validate_owner(owner: User, unit: OrgUnit) -> None:
    if not owner.is_active or access.is_external(owner):
        raise ValidationError({"owner": _("The owner must be an active member of staff.")})


@transaction.atomic
def create_action(
    *,
    actor: User,
    title: str,
    org_unit: OrgUnit,
    owner: User,
    due_date: date,
    description: str = "",
    kind: str = Action.Kind.OTHER,
    clause: Clause | None = None,
    source: models.Model | None = None,
    effectiveness_required: bool = True,
    effectiveness_due: date | None = None,
    confirmed: bool = False,
) -> Action:
    if not access.can_create_action(actor, org_unit):
        raise Denied(
            _("You can raise actions only for the units you run (%(unit)s is not one of them).")
            % {"unit": org_unit},
            field="org_unit",
        )
    action = Action(
        title=title.strip(),
        description=description,
        kind=kind,
        org_unit=org_unit,
        owner=owner,
        due_date=due_date,
        clause=clause,
        created_by=actor,
        effectiveness_required=effectiveness_required,
        effectiveness_due=effectiveness_due,
    )
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = str(source.pk)
        action.source_label = str(source)[:255]
    _validate_owner(owner, org_unit)
    _validate_dates(action)
    confirm_due_date(action.due_date, confirmed)
    action.full_clean()
    action.save()
    search.index_action(action)
    if owner != actor:
        notify(
            recipient=owner,
            kind="action_assigned",
            url=action.get_absolute_url(),
            params={"ref": action.reference, "title": action.title, "by": str(actor)},
        )
    return action


def _validate_dates(action: Action) -> None:
    errors: dict[str, str] = {}
    if action.due_date is None:
        errors["due_date"] = _("Give the date by which the action must be done.")
    if (
        action.effectiveness_due is not None
        and action.due_date is not None
        and action.effectiveness_due < action.due_date
    ):
        errors["effectiveness_due"] = _(
            "The effectiveness check cannot come before the action's due date."
        )
    if errors:
        raise ValidationError(errors)


def _save_action(action: Action, fields: list[str]) -> Action:
    save_versioned(action, fields)
    search.index_action(action)
    return action


@transaction.atomic
def update_action(
    *,
    actor: User,
    action: Action,
    expected_version: int | None,
    confirmed: bool = False,
    **changes: Any,
) -> Action:
    current = lock(Action, action.pk, expected_version)
    if not access.can_manage_action(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit can edit this action."))
    if not current.is_open:
        raise ValidationError(_("A completed or cancelled action can no longer be edited."))
    new_unit = changes.get("org_unit", current.org_unit)
    if new_unit != current.org_unit and not access.can_create_action(actor, new_unit):
        raise ValidationError(
            {"org_unit": _("You cannot move an action to a unit you do not run.")}
        )
    old_owner_id = current.owner_id
    old_due_date = current.due_date
    fields = apply_changes(current, changes, ACTION_EDITABLE_FIELDS)
    _validate_owner(current.owner, current.org_unit)
    _validate_dates(current)
    if current.due_date != old_due_date:
        confirm_due_date(current.due_date, confirmed)
    _save_action(current, fields)
    if current.owner_id != old_owner_id and current.owner_id != actor.pk:
        notify(
            recipient=current.owner,
            kind="action_assigned",
            url=current.get_absolute_url(),
            params={"ref": current.reference, "title": current.title, "by": str(actor)},
        )
    return current


@transaction.atomic
def start_action(*, actor: User, action: Action, expected_version: int | None) -> Action:
    current = lock(Action, action.pk, expected_version)
    if not access.can_work_on_action(actor, current):
        raise Denied(_("Only the action's owner or the head of the unit can start it."))
    require_status(current, Action.Status.OPEN, message=_("Only an open action can be started."))
    current.status = Action.Status.IN_PROGRESS
    return _save_action(current, ["status"])


@transaction.atomic
def complete_action(
    *, actor: User, action: Action, expected_version: int | None, completion_evidence: str
) -> Action:
    current = lock(Action, action.pk, expected_version)
    if not access.can_work_on_action(actor, current):
        raise Denied(_("Only the action's owner or the head of the unit can complete it."))
    if not current.is_open:
        raise ValidationError(_("This action is not open, so it cannot be completed."))
    if not completion_evidence.strip():
        raise ValidationError(
            {"completion_evidence": _("Describe what was done and where the evidence is.")}
        )
    current.completion_evidence = completion_evidence.strip()
    current.completed_at = timezone.now()
    current.completed_by = actor
    if current.effectiveness_required:
        current.status = Action.Status.DONE
        if current.effectiveness_due is None:
            current.effectiveness_due = timezone.localdate()
    else:
        current.status = Action.Status.CLOSED
    return _save_action(
        current,
        ["status", "completion_evidence", "completed_at", "completed_by", "effectiveness_due"],
    )


@transaction.atomic
def verify_effectiveness(
    *,
    actor: User,
    action: Action,
    expected_version: int | None,
    effective: bool,
    effectiveness_notes: str,
    confirmed: bool = False,
) -> Action:
    current = lock(Action, action.pk, expected_version)
    if not access.can_verify_action(actor, current):
        if actor.pk in (current.owner_id, current.completed_by_id):
            raise Denied(
                _("The effectiveness of an action is checked by someone who did not do it.")
            )
        raise Denied(_("Only the quality manager or the head of the unit checks effectiveness."))
    require_status(
        current,
        Action.Status.DONE,
        message=_("Only a completed action awaits an effectiveness check."),
    )
    if not effectiveness_notes.strip():
        raise ValidationError(
            {"effectiveness_notes": _("Say how effectiveness was checked and what was found.")}
        )
    planned = current.effectiveness_due
    if planned is not None and planned > timezone.localdate():
        require_confirmation(
            confirmed,
            _(
                "The effectiveness check was planned for %(date)s. Checked earlier, it may "
                "not show whether the problem comes back. Tick the box to record it now."
            )
            % {"date": date_format(planned, "SHORT_DATE_FORMAT")},
        )
    current.effectiveness_result = (
        Effectiveness.EFFECTIVE if effective else Effectiveness.NOT_EFFECTIVE
    )
    current.effectiveness_notes = effectiveness_notes.strip()
    current.verified_at = timezone.now()
    current.verified_by = actor
    fields = ["effectiveness_result", "effectiveness_notes", "verified_at", "verified_by", "status"]
    if effective:
        current.status = Action.Status.CLOSED
    else:
        # Not effective: the work goes back to the owner.
        current.status = Action.Status.IN_PROGRESS
        current.completed_at = None
        current.completed_by = None
        fields += ["completed_at", "completed_by"]
        notify(
            recipient=current.owner,
            kind="action_reopened",
            url=current.get_absolute_url(),
            params={"ref": current.reference, "title": current.title},
        )
    return _save_action(current, fields)


@transaction.atomic
def cancel_action(
    *, actor: User, action: Action, expected_version: int | None, cancel_reason: str
) -> Action:
    current = lock(Action, action.pk, expected_version)
    if not access.can_manage_action(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit can cancel this action."))
    if not current.is_open:
        raise ValidationError(_("Only an open action can be cancelled."))
    if not cancel_reason.strip():
        raise ValidationError({"cancel_reason": _("Say why the action is cancelled.")})
    current.status = Action.Status.CANCELLED
    current.cancel_reason = cancel_reason.strip()
    return _save_action(current, ["status", "cancel_reason"])


# --- attachments ------------------------------------------------------------


@transaction.atomic
def attach_file(
    *,
    actor: User,
    target: models.Model,
    upload: UploadedFile,
    description: str = "",
    clauses: list[Clause] | None = None,
) -> Attachment:
    if not access.can_change_object(actor, target):
        raise Denied(_("You cannot add evidence to this record."))
    limit = settings.RATUSZ_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1048576, 1), "limit": limit // 1048576}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")})
    # Django and DRF keep only uploads that come with a file name.
    assert upload.name is not None
    mime_type = sniff_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        original_name=upload.name[:255],
        mime_type=mime_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        description=description.strip(),
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    _track_stored_file(attachment.file)
    # A failed database write must not leave the stored file behind.
    try:
        attachment.full_clean()
        attachment.save()
        if clauses:
            attachment.clauses.set(clauses)
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


# Files stored inside `files_removed_on_failure()`: deleted again if the block fails.
_STORED_FILES: contextvars.ContextVar[list[FieldFile] | None] = contextvars.ContextVar(
    "stored_files", default=None
)


def _track_stored_file(file: FieldFile) -> None:
    stored = _STORED_FILES.get()
    if stored is not None:
        stored.append(file)


@contextmanager
def files_removed_on_failure() -> Iterator[None]:
    """Delete the files that `attach_file` stored inside the block if the block fails.

    Wrap it around the transaction of a service that stores a file and then goes on
    writing: when anything after the upload fails, the transaction rolls back and
    the file leaves the media folder with it, so no file is left without a record.
    """
    stored: list[FieldFile] = []
    token = _STORED_FILES.set(stored)
    try:
        yield
    except BaseException:
        for file in stored:
            if file.name:
                file.storage.delete(file.name)
        raise
    finally:
        _STORED_FILES.reset(token)


# --- extracted text -----------------------------------------------------------


def queue_text_extraction(attachment: Attachment) -> AttachmentText | None:
    """Mark a file's text as awaited; the caller queues the task that extracts it.

    Files whose type has no text (images) get no record.
    """
    from ratusz.lib.textextract import SUPPORTED_MIME_TYPES

    if attachment.mime_type.split(";", 1)[0] not in SUPPORTED_MIME_TYPES:
        return None
    text, _created = AttachmentText.objects.get_or_create(attachment=attachment)
    return text


def extract_attachment_text(attachment: Attachment) -> AttachmentText:
    """Read the file once and keep its text with it (slow: run it in a background job).

    Runs outside any transaction: the file is read and parsed first, and only the
    result is written. A file with the same content whose text is already known
    (a new version keeps the files of the one before) is not read again.
    """
    from ratusz.lib.textextract import extract

    known = (
        AttachmentText.objects.filter(
            attachment__sha256=attachment.sha256, extracted_at__isnull=False
        )
        .exclude(attachment=attachment)
        .first()
    )
    if known is not None:
        text, truncated = known.text, known.truncated
    else:
        with attachment.file.open("rb") as handle:
            data = handle.read(settings.RATUSZ_MAX_UPLOAD_BYTES + 1)
        extraction = extract(
            data,
            attachment.mime_type,
            max_chars=settings.RATUSZ_TEXT_MAX_FILE_CHARS,
            max_unpacked_bytes=settings.RATUSZ_TEXT_MAX_UNPACKED_MB * 1024 * 1024,
        )
        text, truncated = extraction.text, extraction.truncated
    stored, _created = AttachmentText.objects.update_or_create(
        attachment=attachment,
        defaults={"text": text, "truncated": truncated, "extracted_at": timezone.now()},
    )
    return stored


# --- numbering --------------------------------------------------------------
#
# Every register number (NC/2026/0001, AW/2026/03, P-07 …) is taken from one
# counter row per series, locked until the transaction that saves the record
# ends: two writers queue on the row, so numbers are unique and without gaps
# on SQLite and PostgreSQL alike. A rolled-back save gives its number back
# with the rest of the transaction.


def take_number(series: str) -> int:
    """The next number of a series ("nonconformity:2026"), reserved for this transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number() must run inside the transaction that saves the record")
    # INSERT … ON CONFLICT DO NOTHING: the first writer of a new series creates
    # its row, any other waits for it instead of failing on the unique key.
    NumberSeries.objects.bulk_create([NumberSeries(key=series)], ignore_conflicts=True)
    counter = NumberSeries.objects.select_for_update().get(key=series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def give_back_number(series: str, number: int) -> bool:
    """Return a number the record no longer uses, if it is still the series' last one.

    A number taken by a later record stays taken (a gap is better than a
    duplicate); returns whether the number was given back.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("give_back_number() must run inside the transaction that saves")
    return bool(
        NumberSeries.objects.filter(key=series, last=number).update(last=models.F("last") - 1)
    )


def last_number(series: str) -> int:
    """The last number taken in a series (0 before the first)."""
    return NumberSeries.objects.filter(key=series).values_list("last", flat=True).first() or 0


def raise_series_to(series: str, number: int) -> None:
    """Make sure the series continues after `number` (records made outside `take_number`)."""
    NumberSeries.objects.bulk_create([NumberSeries(key=series)], ignore_conflicts=True)
    NumberSeries.objects.filter(key=series, last__lt=number).update(last=number)


# --- my settings ------------------------------------------------------------


def update_profile(*, user: User, language: str) -> User:
    """The signed-in user's own settings (the language Ratusz speaks to them in)."""
    user.language = language
    user.clean_fields(exclude=[f.name for f in User._meta.fields if f.name != "language"])
    user.save(update_fields=["language"])
    return user


# --- notifications ----------------------------------------------------------


def notify(
    *,
    recipient: User,
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    dedupe_key: str | None = None,
) -> Notification | None:
    """Create an in-app notification; with a dedupe key, at most once per recipient."""
    if (
        dedupe_key
        and Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists()
    ):
        return None
    return Notification.objects.create(
        recipient=recipient, kind=kind, params=params or {}, url=url, dedupe_key=dedupe_key
    )


def mark_notifications_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
