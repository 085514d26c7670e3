"""The audit programme (ISO 9001 9.2.2 a): made from the risk-based proposal,
adjusted and approved by the quality manager. Any change to an approved
programme returns it to draft until it is approved again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.audits import policies, proposal
from ratusz.audits.models import Programme, ProgrammeItem
from ratusz.core.errors import Denied
from ratusz.core.models import Clause, OrgUnit, User
from ratusz.core.services import lock, save_versioned
from ratusz.processes.models import Process


def _require_programme_manager(actor: User) -> None:
    if not policies.can_manage_programme(actor):
        raise Denied(_("Only the quality manager plans and approves the audit programme."))


def _back_to_draft(programme: Programme) -> bool:
    """Any change to an approved programme needs a new approval."""
    programme = lock(Programme, programme.pk, None)
    was_approved = programme.status == Programme.Status.APPROVED
    programme.status = Programme.Status.DRAFT
    programme.approved_by = None
    programme.approved_at = None
    save_versioned(programme, ["status", "approved_by", "approved_at"])
    return was_approved


@transaction.atomic
def create_programme(*, actor: User, year: int, objectives: str = "") -> Programme:
    """A draft programme filled from the risk-based proposal for the year."""
    _require_programme_manager(actor)
    if Programme.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("The programme for %(year)s exists already.") % {"year": year}}
        )
    programme = Programme(
        year=year,
        objectives=objectives.strip()
        or _(
            "Confirm that the quality management system conforms to ISO 9001:2015 and the "
            "office's own requirements and is effectively implemented (9.2.1)."
        ),
    )
    programme.full_clean()
    programme.save()
    for proposed in proposal.propose_programme(year):
        item = ProgrammeItem.objects.create(
            programme=programme,
            process=proposed.process,
            org_unit=proposed.org_unit,
            planned_month=proposed.month,
            risk_score=proposed.score,
            # The reasons are rendered when shown (`proposal.item_reasons`), in the
            # reader's language and from the data of that day; only a note is stored.
            rationale="",
        )
        item.clauses.set(proposed.clauses)
    return programme


def _validate_month(month: int | None) -> None:
    if month is None or not 1 <= month <= 12:
        raise ValidationError({"planned_month": _("Choose a month from 1 to 12.")})


@transaction.atomic
def update_programme(
    *, actor: User, programme: Programme, expected_version: int | None, objectives: str
) -> bool:
    """Change the objectives; True if an approved programme went back to draft."""
    _require_programme_manager(actor)
    current = lock(Programme, programme.pk, expected_version)
    current.objectives = objectives.strip()
    save_versioned(current, ["objectives"])
    return _back_to_draft(current)


@transaction.atomic
def add_item(
    *,
    actor: User,
    programme: Programme,
    org_unit: OrgUnit,
    planned_month: int,
    process: Process | None = None,
    clauses: list[Clause] | None = None,
    rationale: str = "",
) -> tuple[ProgrammeItem, bool]:
    _require_programme_manager(actor)
    _validate_month(planned_month)
    if process is not None and programme.items.filter(process=process).exists():
        raise ValidationError(
            {"process": _("%(process)s is in the programme already.") % {"process": process}}
        )
    item = ProgrammeItem(
        programme=programme,
        process=process,
        org_unit=org_unit,
        planned_month=planned_month,
        rationale=rationale.strip(),
    )
    item.full_clean()
    item.save()
    item.clauses.set(clauses or (list(process.clauses.all()) if process else []))
    return item, _back_to_draft(programme)


@transaction.atomic
def update_item(
    *,
    actor: User,
    item: ProgrammeItem,
    expected_version: int | None,
    planned_month: int,
    org_unit: OrgUnit,
    clauses: list[Clause],
    deferred: bool = False,
    justification: str = "",
) -> tuple[ProgrammeItem, bool]:
    """Move, re-scope or defer a programme item; True if the programme left approval."""
    _require_programme_manager(actor)
    _validate_month(planned_month)
    item = lock(ProgrammeItem, item.pk, expected_version)
    if deferred and not justification.strip():
        raise ValidationError(
            {"justification": _("Say why the audit is deferred: the 3-year cycle requires it.")}
        )
    item.planned_month = planned_month
    item.org_unit = org_unit
    item.status = ProgrammeItem.Status.DEFERRED if deferred else ProgrammeItem.Status.PLANNED
    item.justification = justification.strip() if deferred else ""
    save_versioned(item, ["planned_month", "org_unit", "status", "justification"])
    item.clauses.set(clauses)
    return item, _back_to_draft(item.programme)


@transaction.atomic
def remove_item(*, actor: User, item: ProgrammeItem) -> bool:
    _require_programme_manager(actor)
    if item.audits.exists():
        raise ValidationError(
            _("An audit was already planned from this item; cancel the audit or defer the item.")
        )
    programme = item.programme
    item.delete()
    return _back_to_draft(programme)


@transaction.atomic
def approve_programme(
    *, actor: User, programme: Programme, expected_version: int | None
) -> Programme:
    _require_programme_manager(actor)
    current = lock(Programme, programme.pk, expected_version)
    if current.status == Programme.Status.APPROVED:
        raise ValidationError(_("This programme is approved already."))
    missing = proposal.missing_due_processes(current)
    if missing:
        raise ValidationError(
            _(
                "Not approved: under the 3-year cycle %(processes)s must be audited in %(year)s. "
                "Plan an audit, or defer it with a written justification."
            )
            % {"processes": ", ".join(str(p) for p in missing), "year": current.year}
        )
    if not current.items.exists():
        raise ValidationError(_("Not approved: the programme has no audits."))
    current.status = Programme.Status.APPROVED
    current.approved_by = actor
    current.approved_at = timezone.now()
    save_versioned(current, ["status", "approved_by", "approved_at"])
    return current
