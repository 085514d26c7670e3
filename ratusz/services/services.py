"""Writes of the public services area: service cards and case imports.

Cases themselves are written only by the import (`importer.py`), which the EZD
export drives; each import is recorded as a `CaseImport` (who, which file, what it
did), so the audit trail shows every change to the register without a row per case.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core.errors import Denied
from ratusz.core.models import Attachment, OrgUnit, User
from ratusz.core.services import apply_changes, attach_file, files_removed_on_failure, lock
from ratusz.lib import case_terms
from ratusz.processes.models import Process
from ratusz.services import importer, policies
from ratusz.services.models import CaseImport, ServiceCard

CARD_FIELDS = (
    "number",
    "name",
    "org_unit",
    "on_time_target",
    "is_active",
    "topic",
    "outcome",
    "who_may_apply",
    "legal_basis",
    "required_documents",
    "fees",
    "term",
    "where_to_apply",
    "epuap_url",
    "appeal",
    "contact",
    "notes",
    "gdpr_clause",
    "document",
    "is_published",
)
TEXT_FIELDS = (
    "name",
    "outcome",
    "who_may_apply",
    "legal_basis",
    "required_documents",
    "fees",
    "term",
    "where_to_apply",
    "epuap_url",
    "appeal",
    "contact",
    "notes",
    "gdpr_clause",
)


def _check_term(term: str) -> str:
    term = term.strip()
    if term:
        try:
            case_terms.parse_term(term)
        except case_terms.TermError:
            raise ValidationError(
                {
                    "term": _(
                        "“%(term)s” is not a term: give immediate, 7d, 14d, 1m, 2m, "
                        "or a number of days or months such as 30d or 3m."
                    )
                    % {"term": term}
                }
            ) from None
    return term


def _check_publishable(card: ServiceCard) -> None:
    """A published card tells a resident at least what they get, how and on what basis."""
    if not card.is_published:
        return
    missing = [
        field
        for field in ("outcome", "legal_basis", "where_to_apply")
        if not getattr(card, field).strip()
    ]
    if missing:
        raise ValidationError(
            {field: _("Fill this in before the card is published.") for field in missing}
        )
    if not card.is_active:
        raise ValidationError({"is_published": _("A card no longer in use is not published.")})


def _check_number(number: str, exclude_pk: int | None = None) -> str:
    number = number.strip()
    if not number:
        raise ValidationError({"number": _("Give the card its number, e.g. KU-SO-01.")})
    taken = ServiceCard.objects.filter(number__iexact=number)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"number": _("Number %(number)s is already used by another card.") % {"number": number}}
        )
    return number


def _save(card: ServiceCard, **kwargs) -> None:
    try:
        with transaction.atomic():
            card.save(**kwargs)
    except IntegrityError:
        raise ValidationError(
            {
                "number": _("Number %(number)s is already used by another card.")
                % {"number": card.number}
            }
        ) from None


@transaction.atomic
def create_card(
    *,
    actor: User,
    number: str,
    name: str,
    org_unit: OrgUnit,
    on_time_target: Decimal = Decimal("90"),
    processes: Iterable[Process] = (),
    **details,
) -> ServiceCard:
    if not policies.can_create_card(actor) or not (
        policies.can_edit_card(actor, ServiceCard(org_unit=org_unit))
    ):
        raise Denied(
            _("Only the quality manager or the head of the unit adds its service cards."),
            field="org_unit",
        )
    unknown = set(details) - set(CARD_FIELDS)
    if unknown:
        raise TypeError(f"create_card() got unexpected fields {sorted(unknown)}")
    for field in TEXT_FIELDS:
        if isinstance(details.get(field), str):
            details[field] = details[field].strip()
    card = ServiceCard(
        number=_check_number(number),
        name=name.strip(),
        org_unit=org_unit,
        on_time_target=on_time_target,
        **details,
    )
    card.term = _check_term(card.term)
    card.full_clean(validate_unique=False)
    _check_publishable(card)
    _save(card)
    card.processes.set(processes)
    return card


@transaction.atomic
def update_card(
    *, actor: User, card: ServiceCard, expected_version: int | None, **changes
) -> ServiceCard:
    current = lock(ServiceCard, card.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_card(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit changes its cards."))
    new_unit = changes.get("org_unit", current.org_unit)
    if new_unit != current.org_unit and not policies.can_edit_card(
        actor, ServiceCard(org_unit=new_unit)
    ):
        raise Denied(_("You cannot give a card to a unit you do not manage."), field="org_unit")
    if "number" in changes:
        changes["number"] = _check_number(changes["number"], exclude_pk=current.pk)
    for field in TEXT_FIELDS:
        if isinstance(changes.get(field), str):
            changes[field] = changes[field].strip()
    if "term" in changes:
        changes["term"] = _check_term(changes["term"])
    processes = changes.pop("processes", None)
    fields = apply_changes(current, changes, CARD_FIELDS)
    current.full_clean(validate_unique=False)
    _check_publishable(current)
    current.version += 1
    _save(current, update_fields=[*fields, "version", "updated_at"])
    if processes is not None:
        current.processes.set(processes)
    return current


# --- forms (files residents fill in) ---------------------------------------------

# What a form may be: documents a resident opens, prints or fills in. Core's upload
# rules then check that the content is what the name says (`ratusz.core.uploads`).
FORM_EXTENSIONS = (".pdf", ".docx", ".odt", ".xlsx", ".ods")


def attach_form(*, actor: User, card: ServiceCard, file, description: str = "") -> Attachment:
    """A form of the service (an application to fill in), kept with its card and, once
    the card is published, downloadable from the public catalogue."""
    ext = os.path.splitext(file.name or "")[1].lower()
    if ext not in FORM_EXTENSIONS:
        raise ValidationError(
            {
                "file": _("A form is a PDF, DOCX, ODT, XLSX or ODS file; this one is %(ext)s.")
                % {"ext": ext or _("without an extension")}
            }
        )
    with files_removed_on_failure(), transaction.atomic():
        current = lock(ServiceCard, card.pk, None, related=("org_unit",))
        if not policies.can_edit_card(actor, current):
            raise Denied(_("Only the quality manager or the head of the unit changes its cards."))
        form = attach_file(actor=actor, target=current, upload=file, description=description)
        # Residents see the card's last change: a new form is one.
        current.save(update_fields=["updated_at"])
    return form


@transaction.atomic
def remove_form(*, actor: User, card: ServiceCard, form: Attachment) -> None:
    """Take a form off the card (an outdated edition); the audit trail keeps its record."""
    current = lock(ServiceCard, card.pk, None, related=("org_unit",))
    if not policies.can_edit_card(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit changes its cards."))
    card_type = ContentType.objects.get_for_model(ServiceCard)
    if form.target_type_id != card_type.pk or form.target_id != str(current.pk):
        raise ValidationError(_("That file belongs to another record."))
    form.delete()
    current.save(update_fields=["updated_at"])


def start_import(*, actor: User | None, file_name: str) -> CaseImport:
    """Record that an import begins (before its file is read)."""
    if actor is not None and not policies.can_import_cases(actor):
        raise Denied(_("Only the quality manager imports the case register."))
    return CaseImport.objects.create(file_name=file_name[:255], started_by=actor)


def run_import(
    *,
    record: CaseImport,
    stream: IO[bytes],
    mapping: Mapping[str, str] | None = None,
    skip_bad: bool = False,
    today: date | None = None,
    progress=None,
) -> importer.ImportResult:
    """Import the file into the register and record the outcome on `record`.

    Raises `importer.ImportRefused` (the record then says "refused") when the file is
    not imported; the register is then exactly as it was.
    """
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    stream.seek(0)
    record.file_sha256 = digest.hexdigest()
    try:
        result = importer.import_cases(
            stream,
            mapping=mapping,
            skip_bad=skip_bad,
            today=today or timezone.localdate(),
            progress=progress,
        )
    except importer.ImportRefused as refused:
        _finish(record, CaseImport.Status.REFUSED, refused.result, message=refused.message)
        raise
    except BaseException:
        _finish(record, CaseImport.Status.FAILED, importer.ImportResult())
        raise
    _finish(record, CaseImport.Status.DONE, result)
    return result


def _finish(
    record: CaseImport, status: str, result: importer.ImportResult, message: str = ""
) -> None:
    record.status = status
    record.finished_at = timezone.now()
    record.number = result.number
    record.rows_read = result.rows_read
    record.created = result.created
    record.updated = result.updated
    record.rejected = result.rejected
    errors = [bad.as_dict() for bad in result.bad_rows[: importer.KEPT_ERRORS]]
    if message and not errors:
        errors = [{"row": None, "column": "", "reason": message}]
    record.errors = errors
    record.save()


def import_upload(
    *, actor: User, file, mapping: Mapping[str, str] | None = None, skip_bad: bool = False
):
    """Keep an uploaded export and import it in the background; returns the job.

    The file waits in the media directory until the job has read it, then it is
    deleted: the register keeps the cases, the import record keeps what happened.
    """
    from ratusz.core import jobs
    from ratusz.services import jobs as import_jobs

    if not policies.can_import_cases(actor):
        raise Denied(_("Only the quality manager imports the case register."))
    if jobs.running_job(import_jobs.KIND, owner=actor) is not None:
        raise ValidationError(
            {"file": _("An import you started is still running; wait for it to finish.")}
        )
    name = f"{uuid.uuid4().hex}{Path(file.name).suffix.lower()[:8]}"
    target = import_jobs.upload_path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    record = start_import(actor=actor, file_name=file.name)
    return jobs.start(
        import_jobs.KIND,
        owner=actor,
        params={
            "import": record.pk,
            "file": name,
            "mapping": dict(mapping or {}),
            "skip_bad": skip_bad,
        },
        back_url=reverse("services:imports"),
    )


@transaction.atomic
def propose_nonconformity(*, actor: User, card: ServiceCard, today: date | None = None):
    """Record a nonconforming output (8.7) for a service settling fewer cases on time than
    its target in the last twelve months, for the owner of its process to handle.

    It goes to the owner of the card's first process (else the head of its unit); one
    open record per card at a time.
    """
    from ratusz.improvement.models import Nonconformity, Source
    from ratusz.improvement.services import raise_nonconformity
    from ratusz.services import figures

    if not policies.can_edit_card(actor, card):
        raise Denied(_("Only the quality manager or the head of the unit records this."))
    today = today or timezone.localdate()
    first, last = figures.last_twelve_months(today)
    share = figures.total(first=first, last=last, service=card.pk).on_time_share
    if share is None or share >= card.on_time_target:
        raise ValidationError(_("The service meets its on-time target: nothing to record."))
    reference = f"{card.number}"
    still_open = Nonconformity.objects.filter(
        source=Source.PROCESS_MONITORING, source_reference=reference
    ).exclude(status__in=[Nonconformity.Status.CLOSED, Nonconformity.Status.REJECTED])
    if still_open.exists():
        raise ValidationError(_("A nonconformity for this service is already open."))
    process = card.processes.order_by("code").first()
    owner = process.owner if process is not None and process.owner_id else None
    return raise_nonconformity(
        actor=actor,
        title=(_("Cases of %(card)s settled late") % {"card": card})[:255],
        description=_(
            "In the twelve months from %(first)s to %(last)s the office settled %(share)s%% "
            "of the cases of this service on time against a target of %(target)s%%."
        )
        % {
            "first": first.strftime("%Y-%m"),
            "last": last.strftime("%Y-%m"),
            "share": share,
            "target": card.on_time_target.normalize(),
        },
        source=Source.PROCESS_MONITORING,
        source_reference=reference,
        org_unit=card.org_unit,
        process=process,
        owner=owner,
        detected_on=today,
    )
