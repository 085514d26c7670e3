"""Writes and workflows of residents' submissions.

Every change goes through these functions, which check the policy, keep the
statutory clock (see `deadlines.py`) and save with the version raised, so the
audit trail holds the register's full history.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Sequence
from datetime import date
from functools import partial

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core.errors import Denied
from ratusz.core.models import Office, OrgUnit, User
from ratusz.core.services import lock, notify, require_status, save_versioned, take_number
from ratusz.core.uploads import sniff_upload
from ratusz.feedback import conf, deadlines, policies
from ratusz.feedback.models import (
    JUDGED,
    NEEDS_IDENTITY,
    Channel,
    DelayNotice,
    Kind,
    Outcome,
    Submission,
    SubmissionFile,
)
from ratusz.feedback.search import index_submission

S = Submission.Status

# Limits of what a resident may send (bad input is refused with a message, not cut).
MAX_SUBJECT = 200
MAX_CONTENT = 10_000
MAX_NAME = 200
MAX_ADDRESS = 300
# Letters without ambiguity (no 0/O, 1/I/L), in groups a person can copy.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _series(year: int) -> str:
    return f"feedback:{year}"


def _check_text(subject: str, content: str, name: str, address: str) -> None:
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["subject"] = _("Give the subject.")
    elif len(subject) > MAX_SUBJECT:
        errors["subject"] = _("The subject may be at most %(n)d characters long.") % {
            "n": MAX_SUBJECT
        }
    if not content.strip():
        errors["content"] = _("Write what the submission is about.")
    elif len(content) > MAX_CONTENT:
        errors["content"] = _("The content may be at most %(n)d characters long.") % {
            "n": MAX_CONTENT
        }
    if len(name) > MAX_NAME:
        errors["submitter_name"] = _("The name may be at most %(n)d characters long.") % {
            "n": MAX_NAME
        }
    if len(address) > MAX_ADDRESS:
        errors["submitter_address"] = _("The address may be at most %(n)d characters long.") % {
            "n": MAX_ADDRESS
        }
    if errors:
        raise ValidationError(errors)


def _create(
    *,
    actor: User | None,
    kind: str,
    channel: str,
    received_on: date,
    submitter_name: str,
    submitter_address: str,
    submitter_email: str,
    subject: str,
    content: str,
    about_mayor: bool,
    org_unit: OrgUnit | None = None,
    remarks: str = "",
    code_hash: str = "",
) -> Submission:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose what you are sending.")})
    _check_text(subject, content, submitter_name, submitter_address)
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError({"received_on": _("The day of receipt cannot be in the future.")})
    deadline = deadlines.deadline_for(kind, received_on)
    s = Submission(
        year=received_on.year,
        number=take_number(_series(received_on.year)),
        kind=kind,
        channel=channel,
        received_on=received_on,
        submitter_name=submitter_name.strip(),
        submitter_address=submitter_address.strip(),
        submitter_email=submitter_email.strip(),
        subject=subject.strip(),
        content=content.strip(),
        about_mayor=about_mayor and kind == Kind.COMPLAINT,
        org_unit=org_unit,
        clock_from=received_on,
        statutory_deadline=deadline,
        deadline=deadline,
        remarks=remarks,
        registered_by=actor,
        code_hash=code_hash,
    )
    if kind in NEEDS_IDENTITY and s.is_anonymous:
        # Registered and counted as feedback, but the law leaves it without consideration.
        s.status = S.CLOSED
        s.outcome = Outcome.WITHOUT_CONSIDERATION
        s.outcome_reasons = _(
            "Anonymous: the submission gives no name and address, so it is left without "
            "consideration (§ 8 of the regulation on complaints and motions)."
        )
        s.closed_on = received_on
    s.full_clean()
    s.save()
    index_submission(s)
    return s


@transaction.atomic
def register_submission(
    *,
    actor: User,
    kind: str,
    channel: str,
    received_on: date,
    subject: str,
    content: str,
    submitter_name: str = "",
    submitter_address: str = "",
    submitter_email: str = "",
    about_mayor: bool = False,
    org_unit: OrgUnit | None = None,
    remarks: str = "",
) -> Submission:
    """A member of staff registers a letter, an e-mail, a call or an oral protocol."""
    if not policies.can_register(actor):
        raise Denied(_("Only members of staff register submissions."))
    if channel == Channel.WEB:
        raise ValidationError({"channel": _("Web submissions arrive through the public form.")})
    return _create(
        actor=actor,
        kind=kind,
        channel=channel,
        received_on=received_on,
        submitter_name=submitter_name,
        submitter_address=submitter_address,
        submitter_email=submitter_email,
        subject=subject,
        content=content,
        about_mayor=about_mayor,
        org_unit=org_unit,
        remarks=remarks,
    )


PUBLIC_KINDS = (
    Kind.COMPLAINT,
    Kind.MOTION,
    Kind.PETITION,
    Kind.PUBLIC_INFORMATION,
    Kind.ACCESSIBILITY,
    Kind.COMPLIMENT,
    Kind.SUGGESTION,
)


# What a resident may attach: documents and photos, decided by content (core.uploads).
PUBLIC_FILE_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".odt", ".txt")


def max_files() -> int:
    return int(conf.get("RATUSZ_FEEDBACK_MAX_FILES"))


def max_file_bytes() -> int:
    return int(conf.get("RATUSZ_FEEDBACK_MAX_FILE_MB")) * 1024 * 1024


def check_attachments(files: Sequence[UploadedFile]) -> list[str]:
    """The sniffed type of each file, in order; or ValidationError on `attachments`
    naming every file refused and why."""
    if len(files) > max_files():
        raise ValidationError(
            {
                "attachments": _("At most %(n)s files may be attached; you chose %(chosen)s.")
                % {"n": max_files(), "chosen": len(files)}
            }
        )
    errors, types = [], []
    for upload in files:
        name = upload.name or "?"
        ext = os.path.splitext(name)[1].lower()
        if ext not in PUBLIC_FILE_TYPES:
            errors.append(
                _("%(name)s: files of type %(ext)s are not accepted. Accepted: %(list)s.")
                % {"name": name, "ext": ext or _("(none)"), "list": ", ".join(PUBLIC_FILE_TYPES)}
            )
            continue
        if not upload.size:
            errors.append(_("%(name)s: the file is empty.") % {"name": name})
            continue
        if upload.size > max_file_bytes():
            errors.append(
                _("%(name)s: the file is %(size)s MB; the limit is %(limit)s MB.")
                % {
                    "name": name,
                    "size": round(upload.size / 1048576, 1),
                    "limit": max_file_bytes() // 1048576,
                }
            )
            continue
        try:
            types.append(sniff_upload(upload))
        except ValidationError as exc:
            reasons = exc.message_dict.get("file", exc.messages)
            errors += [f"{name}: {reason}" for reason in reasons]
    if errors:
        raise ValidationError({"attachments": errors})
    return types


def _store_file(s: Submission, upload: UploadedFile, mime_type: str) -> SubmissionFile:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = SubmissionFile(
        submission=s,
        original_name=(upload.name or "file")[:255],
        mime_type=mime_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
    )
    stored.file.save(upload.name or "file", upload, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


def submit_public(
    *,
    kind: str,
    subject: str,
    content: str,
    submitter_name: str = "",
    submitter_address: str = "",
    submitter_email: str = "",
    about_mayor: bool = False,
    attachments: Sequence[UploadedFile] = (),
) -> tuple[Submission, str]:
    """A resident sends a submission through the portal, with up to `max_files()`
    attachments; returns it and its secret code (shown once; only its hash is kept)."""
    types = check_attachments(attachments)
    code = new_code()
    # Hashed before the transaction: the number's counter row stays locked until the
    # commit, and the slow hash must not hold every other resident in the queue.
    code_hash = make_password(_normal_code(code))
    stored: list[SubmissionFile] = []
    try:
        with transaction.atomic():
            s = _create(
                actor=None,
                kind=kind,
                channel=Channel.WEB,
                received_on=timezone.localdate(),
                submitter_name=submitter_name,
                submitter_address=submitter_address,
                submitter_email=submitter_email,
                subject=subject,
                content=content,
                about_mayor=about_mayor,
                code_hash=code_hash,
            )
            for upload, mime_type in zip(attachments, types, strict=True):
                stored.append(_store_file(s, upload, mime_type))
            if s.submitter_email:
                transaction.on_commit(lambda: _send_receipt(s, code))
    except BaseException:
        # The rolled-back submission leaves no file behind in the media folder.
        for kept in stored:
            if kept.file.name:
                kept.file.storage.delete(kept.file.name)
        raise
    return s, code


def _send_receipt(s: Submission, code: str) -> None:
    office = Office.current()
    body = _(
        "%(office)s received your submission on %(day)s.\n\nNumber: %(ref)s\n"
        "Code: %(code)s\nDeadline: %(deadline)s\n\nYou can check its state at %(path)s "
        "with the number and the code. Keep the code to yourself."
    ) % {
        "office": office.name if office else "",
        "day": date_format(s.received_on, "SHORT_DATE_FORMAT"),
        "ref": s.reference,
        "code": code,
        "deadline": date_format(s.deadline, "SHORT_DATE_FORMAT"),
        "path": "/public/status/",
    }
    send_mail(
        _("Your submission %(ref)s") % {"ref": s.reference},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [s.submitter_email],
        fail_silently=True,
    )


def parse_reference(reference: str) -> tuple[int, int] | None:
    """(year, number) of "SW/2026/0012", or None when it is not such a number."""
    parts = reference.strip().upper().replace(" ", "").split("/")
    if len(parts) != 3 or parts[0] != "SW" or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    year, number = int(parts[1]), int(parts[2])
    if not 1990 <= year <= 2100 or number < 1:
        return None
    return year, number


def check_status(*, reference: str, code: str) -> Submission | None:
    """The submission this number and code open, or None (the same answer for a wrong
    number and a wrong code, so guessing learns nothing)."""
    parsed = parse_reference(reference)
    normal = _normal_code(code)
    found = Submission.objects.filter(year=parsed[0], number=parsed[1]).first() if parsed else None
    if found is None or not found.code_hash:
        make_password(normal)  # the same work either way
        return None
    return found if check_password(normal, found.code_hash) else None


# --- handling ---------------------------------------------------------------------------


def _locked(submission: Submission, expected_version: int | None) -> Submission:
    return lock(Submission, submission.pk, expected_version)


def _may_handle(actor: User, s: Submission) -> None:
    if not policies.can_handle(actor, s):
        raise Denied(
            _("Only the handler, the head of the unit or the quality manager may do this.")
        )


def _open(s: Submission) -> None:
    require_status(s, *Submission.OPEN_STATUSES, message=_("The submission is closed."))


@transaction.atomic
def assign(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    org_unit: OrgUnit,
    handler: User,
    assigned_on: date | None = None,
) -> Submission:
    s = _locked(submission, expected_version)
    if not policies.can_assign(actor, s):
        raise Denied(_("Only the quality manager or the head of the unit assigns submissions."))
    _open(s)
    if not access.is_staff_member(handler):
        raise ValidationError({"handler": _("Choose a member of staff.")})
    s.org_unit, s.handler = org_unit, handler
    s.assigned_on = assigned_on or timezone.localdate()
    if s.status == S.REGISTERED:
        s.status = S.IN_PROGRESS
    save_versioned(s, ["org_unit", "handler", "assigned_on", "status"])
    if handler.pk != actor.pk:
        notify(
            recipient=handler,
            kind="feedback_assigned",
            url=s.get_absolute_url(),
            params={"ref": s.reference, "title": s.subject, "due": s.deadline.isoformat()},
        )
    index_submission(s)
    return s


@transaction.atomic
def give_delay_notice(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    reason: str,
    new_deadline: date,
    issued_on: date | None = None,
) -> Submission:
    """Art. 36 k.p.a.: before the deadline passes, tell the submitter why, the new date
    and their right to a reminder (ponaglenie)."""
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    _open(s)
    issued_on = issued_on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the delay.")})
    if issued_on > s.deadline:
        raise ValidationError(
            {
                "new_deadline": _(
                    "The deadline of %(day)s has passed: a notice of delay is given before it."
                )
                % {"day": date_format(s.deadline, "SHORT_DATE_FORMAT")}
            }
        )
    if new_deadline <= s.deadline:
        raise ValidationError({"new_deadline": _("The new date must be after the deadline.")})
    latest = deadlines.latest_extension(s.kind, s.received_on)
    if latest is not None and new_deadline > latest:
        raise ValidationError(
            {
                "new_deadline": _("The law allows at most two months from receipt: %(day)s.")
                % {"day": date_format(latest, "SHORT_DATE_FORMAT")}
            }
        )
    DelayNotice.objects.create(
        submission=s,
        issued_on=issued_on,
        reason=reason.strip(),
        new_deadline=new_deadline,
        previous_deadline=s.deadline,
        issued_by=actor,
    )
    s.deadline = new_deadline
    return save_versioned(s, ["deadline"])


@transaction.atomic
def call_to_complete(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    completion_requested: str,
    called_on: date | None = None,
) -> Submission:
    """Art. 7 ust. 2 of the petitions act: a petition with formal defects is called to be
    completed within 14 days; its clock starts again on completion."""
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    if s.kind != Kind.PETITION:
        raise ValidationError(_("Only a petition is called to be completed."))
    require_status(s, S.IN_PROGRESS, message=_("The petition is not being handled."))
    if not completion_requested.strip():
        raise ValidationError({"completion_requested": _("Say what is to be completed.")})
    called_on = called_on or timezone.localdate()
    s.completion_requested = completion_requested.strip()
    s.completion_due = deadlines.completion_due(called_on)
    s.status = S.AWAITING_COMPLETION
    return save_versioned(s, ["completion_requested", "completion_due", "status"])


@transaction.atomic
def record_completion(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    completed_on: date,
) -> Submission:
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    require_status(s, S.AWAITING_COMPLETION, message=_("Nothing is awaited from the submitter."))
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The day cannot be in the future.")})
    if completed_on < s.received_on:
        raise ValidationError({"completed_on": _("The day cannot be before receipt.")})
    s.returned_on = completed_on
    s.clock_from = completed_on
    s.statutory_deadline = s.deadline = deadlines.deadline_for(s.kind, completed_on)
    s.status = S.IN_PROGRESS
    return save_versioned(
        s, ["returned_on", "clock_from", "statutory_deadline", "deadline", "status"]
    )


COUNCIL = "Rada Miasta"


@transaction.atomic
def forward(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    forwarded_to: str,
    submitter_told: bool,
    forwarded_on: date | None = None,
) -> Submission:
    """Art. 229/231 k.p.a.: a complaint about the mayor's own tasks goes to the city
    council; one outside the office's competence to the competent body within 7 days,
    the submitter being told."""
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    require_status(s, S.REGISTERED, S.IN_PROGRESS, message=_("The submission is not open."))
    if not forwarded_to.strip():
        raise ValidationError({"forwarded_to": _("Name the body it is forwarded to.")})
    if not submitter_told and not s.is_anonymous:
        raise ValidationError(
            {"submitter_told": _("The submitter is told where the submission was forwarded.")}
        )
    s.forwarded_on = forwarded_on or timezone.localdate()
    s.forwarded_to = forwarded_to.strip()
    s.outcome = Outcome.FORWARDED
    s.status = S.CLOSED
    s.closed_on = s.forwarded_on
    if submitter_told:
        s.notified = _("Submitter told of the forwarding on %(day)s") % {
            "day": s.forwarded_on.isoformat()
        }
    if s.forwarded_on > deadlines.forward_due(s.received_on):
        s.remarks = (s.remarks + "\n" if s.remarks else "") + _(
            "Forwarded after the 7 days of art. 231 k.p.a."
        )
    return save_versioned(
        s, ["forwarded_on", "forwarded_to", "outcome", "status", "closed_on", "notified", "remarks"]
    )


@transaction.atomic
def mark_repeated(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    repeated_of: str,
    outcome_reasons: str = "",
) -> Submission:
    """Art. 239 k.p.a.: a repeated complaint with no new circumstances, already found
    unjustified, keeps the earlier position with a note in the file."""
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    require_status(s, S.REGISTERED, S.IN_PROGRESS, message=_("The submission is not open."))
    parsed = parse_reference(repeated_of)
    earlier = (
        Submission.objects.filter(year=parsed[0], number=parsed[1]).exclude(pk=s.pk).first()
        if parsed
        else None
    )
    if earlier is None:
        raise ValidationError({"repeated_of": _("No earlier submission has this number.")})
    if earlier.outcome != Outcome.UNJUSTIFIED:
        raise ValidationError(
            {"repeated_of": _("Only a complaint already found unjustified may be repeated.")}
        )
    s.repeated_of = earlier
    s.outcome = Outcome.WITHOUT_CONSIDERATION
    s.outcome_reasons = outcome_reasons.strip() or _(
        "Repeated without new circumstances: the earlier position is upheld (art. 239 k.p.a.)."
    )
    s.status = S.CLOSED
    s.closed_on = timezone.localdate()
    return save_versioned(s, ["repeated_of", "outcome", "outcome_reasons", "status", "closed_on"])


@transaction.atomic
def decide(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    outcome: str,
    outcome_reasons: str,
) -> Submission:
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    require_status(s, S.IN_PROGRESS, message=_("The submission is not being handled."))
    allowed = (
        [Outcome.JUSTIFIED, Outcome.PARTLY, Outcome.UNJUSTIFIED, Outcome.WITHOUT_CONSIDERATION]
        if s.kind in JUDGED
        else [Outcome.ANSWERED, Outcome.WITHOUT_CONSIDERATION]
    )
    if outcome not in allowed:
        raise ValidationError({"outcome": _("This outcome does not fit this kind of submission.")})
    if (
        outcome in (Outcome.UNJUSTIFIED, Outcome.WITHOUT_CONSIDERATION)
        and not outcome_reasons.strip()
    ):
        # Art. 238 §1: a refusal gives its factual and legal reasons.
        raise ValidationError(
            {"outcome_reasons": _("A refusal gives its factual and legal reasons.")}
        )
    s.outcome = outcome
    s.outcome_reasons = outcome_reasons.strip()
    return save_versioned(s, ["outcome", "outcome_reasons"])


def reply_template(s: Submission) -> str:
    """The usual shape of a reply (art. 238 k.p.a.): the authority, how it was resolved,
    and, for a refusal, the factual and legal reasons."""
    office = Office.current()
    outcome = s.get_outcome_display().lower() if s.outcome else "…"
    text = _(
        "Dear %(name)s,\n\nin reply to your %(kind)s of %(day)s (no. %(ref)s) concerning "
        '"%(subject)s", %(office)s informs you that it has been considered and found: '
        "%(outcome)s.\n\n%(reasons)s"
    ) % {
        "name": s.submitter_name or _("Sir or Madam"),
        "kind": s.get_kind_display().lower(),
        "day": date_format(s.received_on, "SHORT_DATE_FORMAT"),
        "ref": s.reference,
        "subject": s.subject,
        "office": office.name if office else _("the office"),
        "outcome": outcome,
        "reasons": s.outcome_reasons,
    }
    if s.kind == Kind.COMPLAINT:
        text += "\n\n" + _(
            "If you repeat the complaint without new circumstances, the earlier position will "
            "be upheld (art. 239 k.p.a.)."
        )
    return text.strip()


@transaction.atomic
def draft_reply(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    reply_text: str,
    reply_signatory: str,
) -> Submission:
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    require_status(s, S.IN_PROGRESS, S.REPLY_DRAFTED, message=_("The reply cannot be drafted now."))
    if not s.outcome:
        raise ValidationError(_("Decide the outcome before drafting the reply."))
    if not reply_text.strip():
        raise ValidationError({"reply_text": _("Write the reply.")})
    if len(reply_text) > MAX_CONTENT:
        raise ValidationError({"reply_text": _("The reply is too long.")})
    if not reply_signatory.strip():
        raise ValidationError(
            {"reply_signatory": _("The reply is signed with the name and post of the signatory.")}
        )
    s.reply_text, s.reply_signatory = reply_text.strip(), reply_signatory.strip()
    s.reply_drafted_by = actor
    s.status = S.REPLY_DRAFTED
    return save_versioned(s, ["reply_text", "reply_signatory", "reply_drafted_by", "status"])


@transaction.atomic
def approve_reply(
    *, actor: User, submission: Submission, expected_version: int | None
) -> Submission:
    s = _locked(submission, expected_version)
    if not policies.can_approve_reply(actor, s):
        raise Denied(_("The head of the unit or the quality manager approves the reply."))
    require_status(s, S.REPLY_DRAFTED, message=_("There is no draft reply to approve."))
    s.reply_approved_by = actor
    s.status = S.REPLY_APPROVED
    return save_versioned(s, ["reply_approved_by", "status"])


@transaction.atomic
def return_reply(
    *, actor: User, submission: Submission, expected_version: int | None
) -> Submission:
    s = _locked(submission, expected_version)
    if not policies.can_approve_reply(actor, s):
        raise Denied(_("The head of the unit or the quality manager approves the reply."))
    require_status(s, S.REPLY_DRAFTED, message=_("There is no draft reply to approve."))
    s.status = S.IN_PROGRESS
    return save_versioned(s, ["status"])


@transaction.atomic
def send_reply(
    *,
    actor: User,
    submission: Submission,
    expected_version: int | None,
    reply_sent_on: date,
    notified: str,
) -> Submission:
    """Record the approved reply as sent: its PDF's hash is kept with the register."""
    from ratusz.feedback.reply import reply_pdf

    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    require_status(s, S.REPLY_APPROVED, message=_("The reply is not approved yet."))
    if reply_sent_on > timezone.localdate():
        raise ValidationError({"reply_sent_on": _("The day cannot be in the future.")})
    if reply_sent_on < s.received_on:
        raise ValidationError({"reply_sent_on": _("The day cannot be before receipt.")})
    s.reply_sent_on = reply_sent_on
    s.notified = notified.strip() or s.submitter_name
    s.reply_sha256 = hashlib.sha256(reply_pdf(s)).hexdigest()
    s.status = S.CLOSED
    s.closed_on = reply_sent_on
    return save_versioned(s, ["reply_sent_on", "notified", "reply_sha256", "status", "closed_on"])


@transaction.atomic
def publish_petition(
    *, actor: User, submission: Submission, expected_version: int | None
) -> Submission:
    """Art. 8 of the petitions act: a petition is published on the office's website."""
    s = _locked(submission, expected_version)
    _may_handle(actor, s)
    if s.kind != Kind.PETITION:
        raise ValidationError(_("Only petitions are published."))
    s.published = True
    return save_versioned(s, ["published"])


@transaction.atomic
def open_nonconformity(
    *, actor: User, submission: Submission, expected_version: int | None
) -> Submission:
    """A complaint found justified opens a nonconformity (source: complaint) in one step."""
    from ratusz.improvement.models import Source
    from ratusz.improvement.services import raise_nonconformity

    s = _locked(submission, expected_version)
    if not policies.can_raise_from(actor, s):
        raise Denied(_("You may not open a nonconformity from this submission."))
    if s.kind != Kind.COMPLAINT or s.outcome not in (Outcome.JUSTIFIED, Outcome.PARTLY):
        raise ValidationError(_("Only a complaint found justified opens a nonconformity."))
    if s.nonconformity_id:
        raise ValidationError(_("A nonconformity is already open for this complaint."))
    unit = s.org_unit or actor.org_unit
    if unit is None:
        raise ValidationError(_("Assign the complaint to a unit first."))
    nc = raise_nonconformity(
        actor=actor,
        title=s.subject[:255],
        description=s.content,
        source=Source.COMPLAINT,
        source_reference=s.reference,
        org_unit=unit,
        detected_on=min(s.received_on, timezone.localdate()),
    )
    s.nonconformity = nc
    return save_versioned(s, ["nonconformity"])


@transaction.atomic
def open_idea(*, actor: User, submission: Submission, expected_version: int | None) -> Submission:
    """A motion or suggestion becomes an improvement idea (10.3), from a resident."""
    from ratusz.improvement.models import Idea
    from ratusz.improvement.services import submit_idea

    s = _locked(submission, expected_version)
    if not policies.can_raise_from(actor, s):
        raise Denied(_("You may not open an idea from this submission."))
    if s.idea_id:
        raise ValidationError(_("An idea is already open for this submission."))
    idea = submit_idea(
        actor=actor,
        title=s.subject[:255],
        description=s.content,
        source=Idea.Source.RESIDENT,
        source_reference=s.reference,
        org_unit=s.org_unit,
    )
    s.idea = idea
    return save_versioned(s, ["idea"])


# --- personal data ----------------------------------------------------------------------

ANONYMISED = "[—]"


def _delete_stored(files: list[SubmissionFile]) -> None:
    for stored in files:
        if stored.file.name:
            stored.file.storage.delete(stored.file.name)


def _anonymise(s: Submission, today: date) -> None:
    name = s.submitter_name
    for field in ("content", "reply_text", "notified"):
        text = getattr(s, field)
        if name and text:
            setattr(s, field, text.replace(name, ANONYMISED))
    s.submitter_name = ""
    s.submitter_address = ""
    s.submitter_email = ""
    s.code_hash = ""
    s.anonymised_on = today
    # What a resident attached may name them anywhere in it: the files go as well,
    # from the media folder once the anonymisation is committed.
    files = list(s.files.all())
    if files:
        s.files.all().delete()
        transaction.on_commit(partial(_delete_stored, files))


@transaction.atomic
def erase_personal_data(
    *, actor: User, submission: Submission, expected_version: int | None
) -> Submission:
    """GDPR art. 17: erase the person's data from a closed submission on request."""
    s = _locked(submission, expected_version)
    if not policies.can_manage_personal_data(actor):
        raise Denied(_("Only the quality manager erases personal data."))
    if s.is_open:
        raise ValidationError(_("Personal data of an open submission are still needed."))
    _anonymise(s, timezone.localdate())
    save_versioned(
        s,
        [
            "submitter_name",
            "submitter_address",
            "submitter_email",
            "code_hash",
            "content",
            "reply_text",
            "notified",
            "anonymised_on",
        ],
    )
    index_submission(s)
    return s


def retention_years() -> int:
    return int(conf.get("RATUSZ_FEEDBACK_RETENTION_YEARS"))


def anonymise_expired(today: date) -> int:
    """Anonymise the people of submissions whose retention ran out: counted from
    1 January of the year after closure (as archives count a JRWA category)."""
    last_closed_year = today.year - 1 - retention_years()
    expired = Submission.objects.filter(
        status=S.CLOSED, anonymised_on__isnull=True, closed_on__year__lte=last_closed_year
    )
    count = 0
    for s in expired.iterator(chunk_size=500):
        with transaction.atomic():
            _anonymise(s, today)
            save_versioned(
                s,
                [
                    "submitter_name",
                    "submitter_address",
                    "submitter_email",
                    "code_hash",
                    "content",
                    "reply_text",
                    "notified",
                    "anonymised_on",
                ],
                clean=False,
            )
            index_submission(s)
        count += 1
    return count


def export_personal_data(*, actor: User, person: str = "", email: str = "") -> bytes:
    """GDPR art. 15: every submission of a person (by exact name or e-mail) as CSV; the
    export itself is recorded, so the audit trail shows who exported whose data."""
    import csv
    import io

    from django.db.models import Q

    from ratusz.feedback.models import PersonalDataExport

    if not policies.can_manage_personal_data(actor):
        raise Denied(_("Only the quality manager exports personal data."))
    person, email = person.strip(), email.strip()
    if not person and not email:
        raise ValidationError({"person": _("Give the person's name or e-mail address.")})
    found = Q()
    if person:
        found |= Q(submitter_name__iexact=person)
    if email:
        found |= Q(submitter_email__iexact=email)
    rows = list(Submission.objects.filter(found).order_by("year", "number"))
    PersonalDataExport.objects.create(
        requested_by=actor, person=person, email=email, found=len(rows)
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Number"),
            _("Received on"),
            _("Kind"),
            _("Name of the submitter"),
            _("Address"),
            _("E-mail"),
            _("Subject"),
            _("Content"),
            _("Outcome"),
            _("Reply sent on"),
        ]
    )
    for s in rows:
        writer.writerow(
            [
                s.reference,
                s.received_on.isoformat(),
                s.get_kind_display(),
                s.submitter_name,
                s.submitter_address,
                s.submitter_email,
                s.subject,
                s.content,
                s.get_outcome_display(),
                s.reply_sent_on.isoformat() if s.reply_sent_on else "",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode()
