"""Who may see and change contractors, contracts and penalties.

Every staff member reads the register: a contract's schedule and penalties are
public information anyway. The quality manager and the heads of units keep the
register; a contract is run by its manager and the head of its unit. Waiving or
reducing a penalty is a decision of the role the office names in
`RATUSZ_PENALTY_WAIVER_ROLE` (top management unless set otherwise).
"""

from __future__ import annotations

from django.conf import settings

from ratusz.core import access
from ratusz.core.models import Role
from ratusz.suppliers.models import Contract, Contractor, Penalty


def waiver_role() -> str:
    return getattr(settings, "RATUSZ_PENALTY_WAIVER_ROLE", Role.TOP_MANAGEMENT)


def can_view_register(user, obj: object | None = None) -> bool:
    return access.can_view_directory(user)


def can_manage_contractors(user) -> bool:
    return access.is_quality_manager(user) or bool(access.managed_unit_paths(user))


def can_edit_contractor(user, contractor: Contractor | None = None) -> bool:
    return can_manage_contractors(user)


def can_create_contract(user) -> bool:
    return access.is_quality_manager(user) or bool(access.managed_unit_paths(user))


def can_edit_contract(user, contract: Contract) -> bool:
    """The quality manager, the head of the responsible unit and the contract manager."""
    if not access.is_staff_member(user):
        return False
    return (
        access.is_quality_manager(user)
        or access.manages_unit(user, contract.org_unit)
        or contract.manager_id == user.pk
    )


def can_decide_waiver(user) -> bool:
    return access.has_role(user, waiver_role())


def can_waive_penalty(user, penalty: Penalty) -> bool:
    return can_decide_waiver(user)


def can_manage_criteria(user) -> bool:
    return access.is_quality_manager(user)


def can_manage_thresholds(user) -> bool:
    """The art. 446 large-contract thresholds: the quality manager keeps them current."""
    return access.is_quality_manager(user)


def contract_steps(user, contract: Contract) -> dict[str, bool]:
    """What the contract page offers this user, in one place."""
    edit = can_edit_contract(user, contract)
    return {
        "edit": edit,
        "waive": can_decide_waiver(user),
        "evaluate": edit,
        "nonconformity": access.is_staff_member(user) and edit,
    }


def register() -> None:
    access.register_object_policy(Contractor, view=can_view_register, change=can_edit_contractor)
    access.register_object_policy(Contract, view=can_view_register, change=can_edit_contract)
