"""Who may see and change the register of risks and opportunities.

Every member of staff reads the register and the heat map (management control
asks every employee to know the risks of their work). The quality manager and
top management add and change any risk and set the office's scale; the head of
a unit adds and assesses the risks of their unit; a risk's owner assesses it
and raises its treatments.
"""

from __future__ import annotations

from ratusz.core import access
from ratusz.core.models import OrgUnit, Role
from ratusz.risks.models import Assessment, ChangePlan, Risk


def can_view_risks(user, risk: Risk | None = None) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def runs_the_register(user) -> bool:
    return access.is_quality_manager(user) or access.has_role(user, Role.TOP_MANAGEMENT)


def can_create_risk(user, unit: OrgUnit | None = None) -> bool:
    """Add a risk (for `unit`, when given)."""
    if runs_the_register(user):
        return True
    if unit is None:
        return bool(access.managed_unit_paths(user))
    return access.manages_unit(user, unit)


def can_edit_risk(user, risk: Risk) -> bool:
    """Assess, change and treat the risk."""
    return (
        runs_the_register(user)
        or access.manages_unit(user, risk.org_unit)
        or (access.is_staff_member(user) and risk.owner_id == user.pk)
    )


def can_close_risk(user, risk: Risk) -> bool:
    return runs_the_register(user) or access.manages_unit(user, risk.org_unit)


def can_set_scale(user) -> bool:
    return access.is_quality_manager(user)


def risk_steps(user, risk: Risk) -> dict[str, bool]:
    """What the risk's page offers this user."""
    edit = can_edit_risk(user, risk) and risk.status == Risk.Status.OPEN
    return {
        "edit": edit,
        "assess": edit,
        "add_treatment": edit,
        "close": can_close_risk(user, risk) and risk.status == Risk.Status.OPEN,
        "reopen": can_close_risk(user, risk) and risk.status == Risk.Status.CLOSED,
    }


def register() -> None:
    access.register_object_policy(Risk, view=can_view_risks, change=can_edit_risk)
    access.register_object_policy(ChangePlan, view=can_view_risks, change=can_edit_change)
    access.register_object_policy(
        Assessment,
        view=can_view_risks,
        change=lambda user, assessment: can_edit_risk(user, assessment.risk),
    )


def can_plan_change(user, unit: OrgUnit | None = None) -> bool:
    """Plan a change to the QMS (for `unit`, when given): as adding a risk."""
    return can_create_risk(user, unit)


def can_edit_change(user, plan) -> bool:
    return (
        runs_the_register(user)
        or access.manages_unit(user, plan.org_unit)
        or (access.is_staff_member(user) and plan.owner_id == user.pk)
    )
