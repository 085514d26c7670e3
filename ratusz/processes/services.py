"""Writes of the process map (ISO 9001 4.4).

Every write checks who may make it (policies), validates the whole record
(`full_clean`), runs in one transaction and keeps the search index current.
Edits carry the version the editor loaded, so two people saving the same
process get a Conflict instead of a lost update.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core.errors import Denied
from ratusz.core.models import Clause, OrgUnit, Role, User
from ratusz.core.services import check_version
from ratusz.processes import policies
from ratusz.processes.models import Process
from ratusz.processes.search import index_process

TEXTS = ("inputs", "outputs", "criteria", "resources")
FIELDS = (
    "code",
    "name",
    "kind",
    "description",
    "owner_unit",
    "owner",
    "risk",
    "is_active",
    *TEXTS,
)
MANY = ("clauses", "feeds")  # many-to-many: set after the process is saved


def _check_owner(owner: User | None) -> None:
    """A process owner is a current member of the office's staff."""
    if owner is None:
        return
    expired = owner.access_expires_at is not None and owner.access_expires_at <= timezone.now()
    external = owner.role_assignments.filter(role=Role.EXTERNAL_AUDITOR).exists()
    if not owner.is_active or expired or external:
        raise ValidationError(
            {"owner": _("%(user)s is not an active staff member of the office.") % {"user": owner}}
        )


def _check_unit(unit: OrgUnit, current: Process | None = None) -> None:
    if not unit.is_active and (current is None or current.owner_unit_id != unit.pk):
        raise ValidationError(
            {"owner_unit": _("%(unit)s is no longer an active org unit.") % {"unit": unit}}
        )


def _check_code(code: str, exclude_pk: int | None = None) -> str:
    code = code.strip()
    if not code:
        raise ValidationError({"code": _("Give the process a code, e.g. P17.")})
    taken = Process.objects.filter(code__iexact=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"code": _("Code %(code)s is already used by another process.") % {"code": code}}
        )
    return code


def _check_feeds(feeds: list[Process], current: Process | None = None) -> None:
    """A process feeds other processes, never itself."""
    if current is not None and any(p.pk == current.pk for p in feeds):
        raise ValidationError({"feeds": _("A process cannot feed itself; choose other processes.")})


def _save(process: Process, code: str) -> None:
    try:
        with transaction.atomic():
            process.save()
    except IntegrityError:
        # Someone took the code between our check and our save.
        raise ValidationError(
            {"code": _("Code %(code)s is already used by another process.") % {"code": code}}
        ) from None


@transaction.atomic
def create_process(
    *,
    actor: User,
    code: str,
    name: str,
    owner_unit: OrgUnit,
    owner: User | None = None,
    kind: str = Process.Kind.CORE,
    description: str = "",
    clauses: list[Clause] | None = None,
    risk: int = Process.Risk.MEDIUM,
    inputs: str = "",
    outputs: str = "",
    criteria: str = "",
    resources: str = "",
    feeds: list[Process] | None = None,
) -> Process:
    if not policies.can_create_process(actor):
        raise Denied(_("Only the quality manager adds processes to the process map."))
    code = _check_code(code)
    _check_unit(owner_unit)
    _check_owner(owner)
    process = Process(
        code=code,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        owner_unit=owner_unit,
        owner=owner,
        risk=risk,
        inputs=inputs.strip(),
        outputs=outputs.strip(),
        criteria=criteria.strip(),
        resources=resources.strip(),
    )
    process.full_clean(validate_unique=False)
    _save(process, code)
    if clauses:
        process.clauses.set(clauses)
    if feeds:
        process.feeds.set(feeds)
    index_process(process)
    return process


def _lock(process: Process, expected_version: int | None) -> Process:
    current = (
        Process.objects.select_for_update(of=("self",))
        .select_related("owner_unit")
        .get(pk=process.pk)
    )
    check_version(current, expected_version)
    return current


def _field_label(name: str) -> str:
    field = Process._meta.get_field(name)
    assert isinstance(field, Field)  # FIELDS and MANY: the model's own, never a reverse one
    return str(field.verbose_name)


@transaction.atomic
def update_process(
    *, actor: User, process: Process, expected_version: int | None, **changes
) -> Process:
    """Change the given fields (any of FIELDS and MANY); unchanged ones are ignored.

    The head of the owner unit may change only `policies.UNIT_MANAGER_FIELDS`;
    sending the other fields with their current values is fine (a full form).
    """
    unknown = set(changes) - {*FIELDS, *MANY}
    if unknown:
        raise TypeError(f"update_process() got unknown fields: {sorted(unknown)}")
    current = _lock(process, expected_version)
    if not policies.can_edit_process(actor, current):
        raise Denied(_("Only the quality manager or the head of the owner unit changes a process."))
    popped = {name: changes.pop(name, None) for name in MANY}
    many = {name: rows for name, rows in popped.items() if rows is not None}
    changed = {
        name: value
        for name, value in changes.items()
        if _normalise(value) != _normalise(getattr(current, name))
    }
    for name, rows in many.items():
        if {row.pk for row in rows} != set(getattr(current, name).values_list("pk", flat=True)):
            changed[name] = rows
    allowed = policies.editable_fields(actor, current)
    refused = sorted(set(changed) - allowed) if allowed is not None else []
    if refused:
        raise Denied(
            _("Only the quality manager changes these fields: %(fields)s.")
            % {"fields": ", ".join(_field_label(name) for name in refused)}
        )
    if "is_active" in changed and not policies.can_deactivate_process(actor, current):
        raise Denied(_("Only the quality manager deactivates a process."))
    if not changed:
        return current
    if "code" in changed:
        changed["code"] = _check_code(changed["code"], exclude_pk=current.pk)
    if "owner_unit" in changed:
        _check_unit(changed["owner_unit"], current)
    if "owner" in changed:
        _check_owner(changed["owner"])
    if "feeds" in changed:
        _check_feeds(changed["feeds"], current)
    new_many = {name: changed.pop(name) for name in MANY if name in changed}
    for name, value in changed.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.version += 1
    current.full_clean(validate_unique=False)
    _save(current, current.code)
    for name, rows in new_many.items():
        getattr(current, name).set(rows)
    index_process(current)
    return current


def _normalise(value):
    if isinstance(value, str):
        return value.strip()
    return getattr(value, "pk", value)


def deactivate_process(*, actor: User, process: Process, expected_version: int | None) -> Process:
    """Take a process off the map; its audits and nonconformities keep pointing at it."""
    if not access.is_quality_manager(actor):
        raise Denied(_("Only the quality manager deactivates a process."))
    return update_process(
        actor=actor, process=process, expected_version=expected_version, is_active=False
    )


def reactivate_process(*, actor: User, process: Process, expected_version: int | None) -> Process:
    if not access.is_quality_manager(actor):
        raise Denied(_("Only the quality manager reactivates a process."))
    return update_process(
        actor=actor, process=process, expected_version=expected_version, is_active=True
    )
