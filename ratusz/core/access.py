"""The one permission layer: pages, the API and the services all ask here.

Roles come from RoleAssignment rows and are loaded once per request (cached on
the user object). A process owner's authority covers their unit's subtree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeGuard

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from ratusz.core.models import Action, OrgUnit, Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


# --- who is who -------------------------------------------------------------


def _grants(user: User) -> list[tuple[str, int | None, str | None]]:
    cached = getattr(user, "_ratusz_grants", None)
    if cached is None:
        cached = list(user.role_assignments.values_list("role", "org_unit_id", "org_unit__path"))
        user._ratusz_grants = cached  # type: ignore[attr-defined]  # a per-request cache
    return cached


def is_active_account(user: User | AnonymousUser) -> TypeGuard[User]:
    """Signed in, not deactivated, not expired (and so never the anonymous user)."""
    return bool(
        user.is_authenticated and user.is_active and not getattr(user, "access_expired", False)
    )


def is_staff_member(user: User | AnonymousUser) -> TypeGuard[User]:
    """A member of the office's staff with an open account (not an external auditor)."""
    return is_active_account(user) and not is_external(user)


def roles(user: User | AnonymousUser) -> set[str]:
    if not is_active_account(user):
        return set()
    return {role for role, _unit, _path in _grants(user)}


def has_role(user: User | AnonymousUser, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def is_quality_manager(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.QUALITY_MANAGER)


def is_external(user: User | AnonymousUser) -> bool:
    """External auditors see only the evidence made for them."""
    mine = roles(user)
    return Role.EXTERNAL_AUDITOR in mine and len(mine) == 1


def reads_everything(user: User | AnonymousUser) -> bool:
    """Roles that read all internal records of the office."""
    return has_role(
        user, Role.QUALITY_MANAGER, Role.TOP_MANAGEMENT, Role.INTERNAL_AUDITOR, Role.PROCESS_OWNER
    )


def managed_unit_paths(user: User | AnonymousUser) -> list[str]:
    """Paths of the unit subtrees the user runs as a process owner."""
    if not is_active_account(user):
        return []
    return [path for role, _unit, path in _grants(user) if role == Role.PROCESS_OWNER and path]


def manages_unit(user: User | AnonymousUser, unit: OrgUnit | None) -> bool:
    if unit is None:
        return False
    return any(unit.path.startswith(path) for path in managed_unit_paths(user))


def own_unit_path(user: User) -> str | None:
    unit = user.org_unit
    return unit.path if unit else None


# --- actions ----------------------------------------------------------------


def actions_visible_to(user: User | AnonymousUser, qs: QuerySet[Action] | None = None):
    qs = Action.objects.all() if qs is None else qs
    if not is_staff_member(user):
        return qs.none()
    if not reads_everything(user):
        mine = Q(owner=user) | Q(created_by=user)
        if user.org_unit_id:
            mine |= Q(org_unit_id=user.org_unit_id)
        qs = qs.filter(mine)
    # An action raised from a scoped record (a nonconformity) is seen only by
    # those who see the record.
    for source_type, visible_ids in _hidden_sources(user):
        qs = qs.exclude(Q(source_type=source_type) & ~Q(source_id__in=visible_ids))
    return qs


def reads_every_action(user: User | AnonymousUser) -> bool:
    """Whether `actions_visible_to` leaves every action in (no filter to apply)."""
    return is_staff_member(user) and reads_everything(user) and not _hidden_sources(user)


def can_view_action(user: User | AnonymousUser, action: Action) -> bool:
    if not is_staff_member(user):
        return False
    if not (
        reads_everything(user)
        or user.pk in (action.owner_id, action.created_by_id)
        or (user.org_unit_id is not None and user.org_unit_id == action.org_unit_id)
    ):
        return False
    if action.source_type_id is not None:
        model = ContentType.objects.get_for_id(action.source_type_id).model_class()
        if model in _SOURCE_SCOPES:
            return can_view_object(user, action.source)
    return True


def can_create_action(user: User | AnonymousUser, unit: OrgUnit | None = None) -> bool:
    if is_quality_manager(user):
        return True
    if unit is None:
        return bool(managed_unit_paths(user))
    return manages_unit(user, unit)


def can_manage_action(user: User | AnonymousUser, action: Action) -> bool:
    """Edit every field, reassign, cancel: the quality manager or the unit's owner."""
    return is_quality_manager(user) or manages_unit(user, action.org_unit)


def can_work_on_action(user: User | AnonymousUser, action: Action) -> bool:
    """Report progress and complete: the action's owner, or whoever manages it."""
    if not is_staff_member(user):
        return False
    return action.owner_id == user.pk or can_manage_action(user, action)


def can_verify_action(user: User | AnonymousUser, action: Action) -> bool:
    """Effectiveness is judged by someone other than the one who did the work."""
    if action.owner_id == user.pk or action.completed_by_id == user.pk:
        return False
    return can_manage_action(user, action)


# --- organisation -----------------------------------------------------------


def can_view_directory(user: User | AnonymousUser) -> bool:
    """Users and org units: every staff member; not external auditors."""
    return is_staff_member(user)


def can_use_api(user: User | AnonymousUser) -> bool:
    """The REST API and its documentation: the office's staff, whose records it serves
    (an external auditor's read-only evidence is not offered through it)."""
    return is_staff_member(user)


def require_staff(request) -> None:
    """For pages of the office's staff: external auditors and others get 403."""
    if not can_view_directory(request.user):
        raise PermissionDenied(_("This page is for the office's staff."))


def can_manage_clauses(user: User | AnonymousUser) -> bool:
    return is_quality_manager(user)


def can_view_audit_trail(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.QUALITY_MANAGER, Role.INTERNAL_AUDITOR)


# --- any record (attachments, evidence) -----------------------------------

# Each area registers how its records are seen and changed, so that shared
# features (attachments, audit trail, search) ask one place.
_OBJECT_POLICIES: dict[type, tuple[Callable[..., bool], Callable[..., bool]]] = {}


# Records whose actions (and the actions' files) are scoped like the record:
# model -> the record's visibility selector `visible(user, queryset)`, which
# returns the queryset itself when the user sees every record.
_SOURCE_SCOPES: dict[type[models.Model], Callable[..., QuerySet]] = {}


def register_object_policy(
    model: type,
    *,
    view: Callable[..., bool],
    change: Callable[..., bool],
    scope_actions: Callable[..., QuerySet] | None = None,
) -> None:
    """How records of `model` are seen and changed. With `scope_actions` (the
    record's visibility selector), the actions raised from a record are seen
    only by those who see the record."""
    _OBJECT_POLICIES[model] = (view, change)
    if scope_actions is not None:
        assert issubclass(model, models.Model)
        _SOURCE_SCOPES[model] = scope_actions


def _hidden_sources(user: User | AnonymousUser) -> list[tuple[ContentType, QuerySet]]:
    """(content type, the ids as text of the records the user sees) for each
    scoped model of which the user does not see every record."""
    hidden = []
    for model, visible in _SOURCE_SCOPES.items():
        everything = model._default_manager.all()
        seen = visible(user, everything)
        if seen is not everything:
            ids = seen.annotate(key=Cast("pk", CharField())).values("key")
            hidden.append((ContentType.objects.get_for_model(model), ids))
    return hidden


def has_object_policy(model: type) -> bool:
    return model in _OBJECT_POLICIES


def can_view_object(user: User | AnonymousUser, obj: object) -> bool:
    """Whether the user may see a record (and so its attachments)."""
    policy = _OBJECT_POLICIES.get(type(obj))
    return bool(policy and policy[0](user, obj))


def can_change_object(user: User | AnonymousUser, obj: object) -> bool:
    """Whether the user may add evidence to a record."""
    policy = _OBJECT_POLICIES.get(type(obj))
    return bool(policy and policy[1](user, obj))


register_object_policy(Action, view=can_view_action, change=can_work_on_action)
