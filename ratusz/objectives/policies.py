"""Who may see and change quality objectives, KPIs and measurements.

Every member of staff reads the objectives: they are the office's commitments.
The quality manager sets any objective; the head of a unit sets their unit's.
Top management approves them (ISO 9001 5.1.1, 6.2). A KPI's measurements are
entered by whoever keeps the KPI: its owner, the head of the objective's unit
or the quality manager.
"""

from __future__ import annotations

from ratusz.core import access
from ratusz.core.models import OrgUnit, Role
from ratusz.objectives.models import Kpi, Measurement, Objective


def can_view_objectives(user, objective: Objective | None = None) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def can_create_objective(user) -> bool:
    """Whether the user may set any objective (the page's "add" button)."""
    return access.is_quality_manager(user) or bool(access.managed_unit_paths(user))


def can_set_objective_for(user, unit: OrgUnit | None) -> bool:
    """The quality manager sets office-wide objectives; a head of unit, their unit's."""
    return access.is_quality_manager(user) or access.manages_unit(user, unit)


def can_edit_objective(user, objective: Objective) -> bool:
    if objective.status not in Objective.LIVE_STATUSES:
        return False
    return access.is_quality_manager(user) or access.manages_unit(user, objective.org_unit)


def is_top_management(user) -> bool:
    return access.has_role(user, Role.TOP_MANAGEMENT)


def can_approve_objective(user, objective: Objective | None = None) -> bool:
    """Top management approves objectives; never the person who is only a manager."""
    if objective is not None and objective.status != Objective.Status.DRAFT:
        return False
    return is_top_management(user)


def can_evaluate_objective(user, objective: Objective) -> bool:
    """Whether the year's result may be recorded: achieved, not achieved, or withdrawn."""
    if objective.status != Objective.Status.APPROVED:
        return False
    return access.is_quality_manager(user) or is_top_management(user)


def can_add_kpi(user, objective: Objective) -> bool:
    return can_edit_objective(user, objective)


def can_edit_kpi(user, kpi: Kpi) -> bool:
    return access.is_quality_manager(user) or access.manages_unit(user, kpi.objective.org_unit)


def can_measure(user, kpi: Kpi) -> bool:
    return kpi.is_active and (kpi.owner_id == getattr(user, "pk", None) or can_edit_kpi(user, kpi))


def can_comment(user, measurement: Measurement) -> bool:
    return can_measure(user, measurement.kpi)


def can_export(user) -> bool:
    return can_view_objectives(user)


def register() -> None:
    access.register_object_policy(Objective, view=can_view_objectives, change=can_edit_objective)
    access.register_object_policy(Kpi, view=can_view_objectives, change=can_edit_kpi)
    access.register_object_policy(Measurement, view=can_view_objectives, change=can_comment)
