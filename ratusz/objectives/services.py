"""Writes of quality objectives, KPIs and measurements (ISO 9001 6.2, 9.1).

Every write checks the policy, validates the whole record and runs in one
transaction; records two people may edit carry their version, so a stale save
is a Conflict, never a lost update.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core.errors import Denied
from ratusz.core.models import OrgUnit, User
from ratusz.core.services import (
    apply_changes,
    attach_file,
    lock,
    require_status,
    save_versioned,
    take_number,
)
from ratusz.documents.models import Document
from ratusz.lib import periods
from ratusz.objectives import policies
from ratusz.objectives.models import Kpi, Measurement, Objective
from ratusz.objectives.sources import all_sources
from ratusz.processes.models import Process

OBJECTIVE_FIELDS = (
    "title",
    "description",
    "org_unit",
    "policy_document",
    "resources",
    "owner",
    "due_date",
    "evaluation",
)
KPI_FIELDS = (
    "name",
    "description",
    "unit",
    "higher_is_better",
    "target",
    "warning",
    "frequency",
    "measured_from",
    "owner",
    "source",
)


def _check_owner(owner: User, field: str = "owner") -> None:
    if not owner.is_active or getattr(owner, "access_expired", False):
        raise ValidationError(
            {field: _("%(user)s is not an active staff member of the office.") % {"user": owner}}
        )


def _check_policy_document(document: Document | None) -> None:
    if document is not None and document.withdrawn_at is not None:
        raise ValidationError(
            {"policy_document": _("%(doc)s has been withdrawn.") % {"doc": document.number}}
        )


def _check_dates(year: int, due_date: date) -> None:
    if due_date.year < year:
        raise ValidationError(
            {
                "due_date": _("An objective for %(year)d cannot be due before that year.")
                % {"year": year}
            }
        )


# --- objectives ------------------------------------------------------------------------


@transaction.atomic
def create_objective(
    *,
    actor: User,
    year: int,
    title: str,
    owner: User,
    due_date: date,
    evaluation: str,
    org_unit: OrgUnit | None = None,
    policy_document: Document | None = None,
    processes: list[Process] | None = None,
    description: str = "",
    resources: str = "",
) -> Objective:
    if not policies.can_set_objective_for(actor, org_unit):
        if org_unit is None:
            raise Denied(
                _("Only the quality manager sets objectives for the whole office."),
                field="org_unit",
            )
        raise Denied(
            _("Only the quality manager or the head of %(unit)s sets its objectives.")
            % {"unit": org_unit},
            field="org_unit",
        )
    _check_owner(owner)
    _check_policy_document(policy_document)
    objective = Objective(
        year=year,
        number=0,
        title=title.strip(),
        description=description.strip(),
        org_unit=org_unit,
        policy_document=policy_document,
        resources=resources.strip(),
        owner=owner,
        due_date=due_date,
        evaluation=evaluation.strip(),
        created_by=actor,
    )
    objective.full_clean(exclude=["number"], validate_unique=False)
    _check_dates(year, due_date)
    objective.number = take_number(f"objective:{year}")
    objective.save()
    if processes:
        objective.processes.set(processes)
    return objective


@transaction.atomic
def update_objective(
    *, actor: User, objective: Objective, expected_version: int | None, **changes
) -> Objective:
    """Change an objective's plan; a change to an approved one sends it back for approval."""
    processes = changes.pop("processes", None)
    current = lock(Objective, objective.pk, expected_version)
    if not policies.can_edit_objective(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit changes this objective."))
    if "org_unit" in changes and not policies.can_set_objective_for(actor, changes["org_unit"]):
        raise Denied(_("You cannot move the objective to that unit."), field="org_unit")
    if "owner" in changes and changes["owner"] != current.owner:
        _check_owner(changes["owner"])
    if "policy_document" in changes and changes["policy_document"] != current.policy_document:
        _check_policy_document(changes["policy_document"])
    for name in ("title", "description", "resources", "evaluation"):
        if name in changes:
            changes[name] = changes[name].strip()
    changed = {name: value for name, value in changes.items() if getattr(current, name) != value}
    new_processes = None
    if processes is not None and {p.pk for p in processes} != set(
        current.processes.values_list("pk", flat=True)
    ):
        new_processes = processes
    if not changed and new_processes is None:
        return current
    fields = apply_changes(current, changed, OBJECTIVE_FIELDS)
    if "due_date" in changed:
        _check_dates(current.year, current.due_date)
    if current.status == Objective.Status.APPROVED:
        # What top management approved is no longer what the objective says.
        current.status = Objective.Status.DRAFT
        current.approved_by = None
        current.approved_at = None
        fields += ["status", "approved_by", "approved_at"]
    save_versioned(current, fields)
    if new_processes is not None:
        current.processes.set(new_processes)
    return current


@transaction.atomic
def approve_objective(
    *, actor: User, objective: Objective, expected_version: int | None
) -> Objective:
    current = lock(Objective, objective.pk, expected_version)
    if not policies.is_top_management(actor):
        raise Denied(_("Only top management approves quality objectives."))
    require_status(
        current,
        Objective.Status.DRAFT,
        message=_("Only a draft objective is approved; this one is %(status)s.")
        % {"status": current.get_status_display()},
    )
    if not current.kpis.filter(is_active=True).exists():
        raise ValidationError(
            _(
                "An objective without a measure cannot be approved: add at least one KPI "
                "that shows whether it is achieved."
            )
        )
    current.status = Objective.Status.APPROVED
    current.approved_by = actor
    current.approved_at = timezone.now()
    return save_versioned(current, ["status", "approved_by", "approved_at"])


RESULTS = (Objective.Status.ACHIEVED, Objective.Status.NOT_ACHIEVED, Objective.Status.WITHDRAWN)


@transaction.atomic
def evaluate_objective(
    *,
    actor: User,
    objective: Objective,
    expected_version: int | None,
    result: str,
    result_notes: str,
) -> Objective:
    """Record the result of an approved objective: achieved, not achieved or withdrawn."""
    current = lock(Objective, objective.pk, expected_version)
    if not (access.is_quality_manager(actor) or policies.is_top_management(actor)):
        raise Denied(_("Only the quality manager or top management evaluates an objective."))
    require_status(
        current,
        Objective.Status.APPROVED,
        message=_("Only an approved objective is evaluated."),
    )
    if result not in RESULTS:
        raise ValidationError({"result": _("Choose the result of the objective.")})
    if not result_notes.strip():
        raise ValidationError(
            {"result_notes": _("Say how the result was evaluated, and on what figures.")}
        )
    current.status = result
    current.result_notes = result_notes.strip()
    return save_versioned(current, ["status", "result_notes"])


# --- KPIs ------------------------------------------------------------------------------


def _check_kpi(kpi: Kpi) -> None:
    errors: dict[str, str] = {}
    if not periods.is_period_start(kpi.frequency, kpi.measured_from):
        errors["measured_from"] = _(
            "A %(frequency)s KPI is measured from the first day of a period, e.g. %(example)s."
        ) % {
            "frequency": kpi.get_frequency_display().lower(),
            "example": periods.period_start(kpi.frequency, kpi.measured_from).isoformat(),
        }
    if kpi.warning is not None:
        if kpi.higher_is_better and kpi.warning > kpi.target:
            errors["warning"] = _(
                "Higher is better, so the warning threshold is at or below the target."
            )
        if not kpi.higher_is_better and kpi.warning < kpi.target:
            errors["warning"] = _(
                "Lower is better, so the warning threshold is at or above the target."
            )
    if kpi.source:
        source = all_sources().get(kpi.source)
        if source is None:
            errors["source"] = _("No such measure: %(key)s.") % {"key": kpi.source}
        elif source.unit != kpi.unit:
            errors["unit"] = _("This measure is computed in %(unit)s; use that unit.") % {
                "unit": source.unit
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_kpi(
    *,
    actor: User,
    objective: Objective,
    name: str,
    unit: str,
    target: Decimal,
    frequency: str,
    measured_from: date,
    owner: User,
    higher_is_better: bool = True,
    warning: Decimal | None = None,
    description: str = "",
    source: str = "",
    processes: list[Process] | None = None,
) -> Kpi:
    if not policies.can_add_kpi(actor, objective):
        raise Denied(_("Only the quality manager or the head of the unit adds KPIs here."))
    _check_owner(owner)
    kpi = Kpi(
        objective=objective,
        name=name.strip(),
        description=description.strip(),
        unit=unit.strip(),
        higher_is_better=higher_is_better,
        target=target,
        warning=warning,
        frequency=frequency,
        measured_from=measured_from,
        owner=owner,
        source=source,
    )
    kpi.full_clean()
    _check_kpi(kpi)
    kpi.save()
    if processes:
        kpi.processes.set(processes)
    return kpi


@transaction.atomic
def update_kpi(*, actor: User, kpi: Kpi, expected_version: int | None, **changes) -> Kpi:
    processes = changes.pop("processes", None)
    current = lock(Kpi, kpi.pk, expected_version, related=("objective",))
    if not policies.can_edit_kpi(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit changes this KPI."))
    changed = {name: value for name, value in changes.items() if getattr(current, name) != value}
    if "owner" in changed:
        _check_owner(changed["owner"])
    if {"unit", "frequency", "measured_from"} & set(changed) and current.measurements.exists():
        raise ValidationError(
            {
                name: _("The KPI has measurements; its unit, frequency and start stay as they are.")
                for name in {"unit", "frequency", "measured_from"} & set(changed)
            }
        )
    fields = apply_changes(current, changed, (*KPI_FIELDS, "is_active"))
    _check_kpi(current)
    if fields:
        save_versioned(current, fields)
    if processes is not None:
        current.processes.set(processes)
    return current


# --- measurements ----------------------------------------------------------------------


def _check_period(kpi: Kpi, period_start: date, today: date) -> None:
    if not periods.is_period_start(kpi.frequency, period_start):
        raise ValidationError(
            {
                "period_start": _(
                    "This KPI is measured %(frequency)s: the period starts on %(example)s."
                )
                % {
                    "frequency": kpi.get_frequency_display().lower(),
                    "example": periods.period_start(kpi.frequency, period_start).isoformat(),
                }
            }
        )
    if period_start < kpi.measured_from:
        raise ValidationError(
            {
                "period_start": _("This KPI is measured from %(date)s.")
                % {"date": kpi.measured_from.isoformat()}
            }
        )
    if not periods.is_complete(kpi.frequency, period_start, today):
        raise ValidationError(
            {
                "period_start": _(
                    "The period %(period)s has not ended yet; measure it once it is over."
                )
                % {"period": periods.label(kpi.frequency, period_start)}
            }
        )


def _save_new(measurement: Measurement) -> Measurement:
    try:
        with transaction.atomic():
            measurement.save()
    except IntegrityError:
        raise ValidationError(
            {"period_start": _("This period is already measured; change its value instead.")}
        ) from None
    return measurement


def _taken(kpi: Kpi, period_start: date) -> None:
    if kpi.measurements.filter(period_start=period_start).exists():
        raise ValidationError(
            {
                "period_start": _("%(period)s is already measured.")
                % {"period": periods.label(kpi.frequency, period_start)}
            }
        )


@transaction.atomic
def record_measurement(
    *,
    actor: User,
    kpi: Kpi,
    period_start: date,
    value: Decimal,
    unit: str,
    note: str = "",
    evidence: UploadedFile | None = None,
    today: date | None = None,
) -> Measurement:
    """Enter a KPI's value for a period that has ended, with a note or a file as evidence."""
    today = today or timezone.localdate()
    if not policies.can_measure(actor, kpi):
        raise Denied(
            _("Only the KPI's owner, the head of the unit or the quality manager measure it.")
        )
    if kpi.is_computed:
        raise ValidationError(
            _("This KPI is computed from Ratusz's records: use “Compute now”, not a typed value.")
        )
    if unit.strip() != kpi.unit:
        raise ValidationError(
            {
                "unit": _("This KPI is measured in %(unit)s, not in %(given)s.")
                % {"unit": kpi.unit, "given": unit.strip() or "—"}
            }
        )
    _check_period(kpi, period_start, today)
    _taken(kpi, period_start)
    if not note.strip() and evidence is None:
        raise ValidationError(
            {"note": _("Give the evidence: a note of where the figure comes from, or a file.")}
        )
    measurement = Measurement(
        kpi=kpi, period_start=period_start, value=value, note=note.strip(), entered_by=actor
    )
    measurement.full_clean(validate_unique=False, validate_constraints=False)
    _save_new(measurement)
    if evidence is not None:
        attach_file(actor=actor, target=measurement, upload=evidence, description=note.strip())
    return measurement


def computed_value(kpi: Kpi, period_start: date) -> Decimal | None:
    source = all_sources().get(kpi.source)
    if source is None:
        return None
    return source.measure(
        start=period_start,
        end=periods.period_end(kpi.frequency, period_start),
        org_unit=kpi.objective.org_unit,
    )


@transaction.atomic
def compute_measurement(
    *, actor: User | None, kpi: Kpi, period_start: date, today: date | None = None
) -> Measurement | None:
    """Compute a computed KPI for a period that has ended, or recompute it.

    None when the records hold nothing to measure (e.g. no nonconformity was due).
    `actor` None: the daily run.
    """
    today = today or timezone.localdate()
    if actor is not None and not policies.can_measure(actor, kpi):
        raise Denied(
            _("Only the KPI's owner, the head of the unit or the quality manager measure it.")
        )
    if not kpi.is_computed:
        raise ValidationError(_("This KPI is measured by hand; enter its value with evidence."))
    _check_period(kpi, period_start, today)
    value = computed_value(kpi, period_start)
    if value is None:
        return None
    existing = kpi.measurements.select_for_update().filter(period_start=period_start).first()
    if existing is not None:
        if existing.value != value:
            existing.value = value
            existing.entered_by = actor
            save_versioned(existing, ["value", "entered_by"])
        return existing
    measurement = Measurement(
        kpi=kpi, period_start=period_start, value=value, computed=True, entered_by=actor
    )
    measurement.full_clean(validate_unique=False, validate_constraints=False)
    return _save_new(measurement)


@transaction.atomic
def correct_measurement(
    *,
    actor: User,
    measurement: Measurement,
    expected_version: int | None,
    value: Decimal,
    note: str,
) -> Measurement:
    """Correct a value entered by hand, saying why in the note."""
    current = lock(Measurement, measurement.pk, expected_version, related=("kpi__objective",))
    if not policies.can_measure(actor, current.kpi):
        raise Denied(
            _("Only the KPI's owner, the head of the unit or the quality manager measure it.")
        )
    if current.computed:
        raise ValidationError(_("A computed value is corrected by computing it again."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the value is corrected.")})
    current.value = value
    current.note = note.strip()
    return save_versioned(current, ["value", "note"])


@transaction.atomic
def comment_measurement(
    *, actor: User, measurement: Measurement, expected_version: int | None, analysis: str
) -> Measurement:
    """The analysis and evaluation of a period's result (ISO 9001 9.1.3)."""
    current = lock(Measurement, measurement.pk, expected_version, related=("kpi__objective",))
    if not policies.can_comment(actor, current):
        raise Denied(
            _("Only the KPI's owner, the head of the unit or the quality manager comment.")
        )
    if not analysis.strip():
        raise ValidationError({"analysis": _("Write the analysis of this period's result.")})
    current.analysis = analysis.strip()
    return save_versioned(current, ["analysis"])


def compute_due(*, kpi: Kpi, today: date | None = None) -> int:
    """Compute every complete period of a computed KPI not yet measured; how many were."""
    today = today or timezone.localdate()
    measured = set(kpi.measurements.values_list("period_start", flat=True))
    made = 0
    for start in periods.due_periods(kpi.frequency, kpi.measured_from, today, measured):
        if compute_measurement(actor=None, kpi=kpi, period_start=start, today=today) is not None:
            made += 1
    return made
