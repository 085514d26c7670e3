"""Who may see and work on nonconformities and improvement ideas.

Built on the core permission layer (`ratusz.core.access`); pages, the API and
the services of this area all ask these functions.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from ratusz.core import access
from ratusz.core.models import Action, Role
from ratusz.core.selectors import subtree_ids
from ratusz.improvement.models import Idea, Nonconformity

# Who reads every nonconformity of the office. Heads of other units are left
# out on purpose: a nonconformity names people and their mistakes.
NC_READERS = (Role.QUALITY_MANAGER, Role.TOP_MANAGEMENT, Role.INTERNAL_AUDITOR)


def is_staff(user) -> bool:
    return access.can_view_directory(user)


def reads_all_nonconformities(user) -> bool:
    return is_staff(user) and access.has_role(user, *NC_READERS)


def _owns_an_action_of(user, nc: Nonconformity) -> bool:
    return Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Nonconformity),
        source_id=str(nc.pk),
        owner=user,
    ).exists()


def can_view_nc(user, nc: Nonconformity) -> bool:
    if not is_staff(user):
        return False
    if reads_all_nonconformities(user) or access.manages_unit(user, nc.org_unit):
        return True
    return user.pk in (nc.owner_id, nc.reported_by_id) or _owns_an_action_of(user, nc)


def ncs_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Nonconformity.objects.all() if qs is None else qs
    if not is_staff(user):
        return qs.none()
    if reads_all_nonconformities(user):
        return qs
    # Looked up first (a handful of ids): a correlated subquery per row is slow
    # over tens of thousands of nonconformities.
    with_my_actions = [
        int(pk)
        for pk in Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Nonconformity), owner=user
        ).values_list("source_id", flat=True)
        if pk.isdigit()
    ]
    mine = Q(owner=user) | Q(reported_by=user) | Q(pk__in=with_my_actions)
    paths = access.managed_unit_paths(user)
    if paths:
        mine |= Q(org_unit_id__in=subtree_ids(paths))
    return qs.filter(mine)


def can_record_nc(user) -> bool:
    """Record a nonconformity with every field (not only the staff report form)."""
    return is_staff(user) and (
        access.has_role(user, Role.QUALITY_MANAGER, Role.INTERNAL_AUDITOR)
        or bool(access.managed_unit_paths(user))
    )


def can_change_nc(user, nc: Nonconformity) -> bool:
    """Correction, root cause, actions, planning and requesting the effectiveness check."""
    if not is_staff(user):
        return False
    return (
        access.is_quality_manager(user)
        or access.manages_unit(user, nc.org_unit)
        or nc.owner_id == user.pk
    )


def can_triage(user) -> bool:
    return is_staff(user) and access.is_quality_manager(user)


def can_close(user) -> bool:
    return can_triage(user)


def can_verify_nc(user, nc: Nonconformity) -> bool:
    """Effectiveness is judged by the quality manager or a manager independent of the owner."""
    if not is_staff(user):
        return False
    if access.is_quality_manager(user):
        return True
    return access.manages_unit(user, nc.org_unit) and nc.owner_id != user.pk


def can_view_statistics(user) -> bool:
    return reads_all_nonconformities(user) or (
        is_staff(user) and bool(access.managed_unit_paths(user))
    )


# --- ideas ---------------------------------------------------------------------------


def can_view_idea(user, idea: Idea) -> bool:
    return is_staff(user)


def ideas_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Idea.objects.all() if qs is None else qs
    return qs if is_staff(user) else qs.none()


def can_evaluate_idea(user, idea: Idea) -> bool:
    if not is_staff(user):
        return False
    return access.is_quality_manager(user) or access.manages_unit(user, idea.org_unit)


def can_decide_idea(user) -> bool:
    return is_staff(user) and access.is_quality_manager(user)


def register() -> None:
    access.register_object_policy(Nonconformity, view=can_view_nc, change=can_change_nc)
    access.register_object_policy(Idea, view=can_view_idea, change=can_evaluate_idea)
