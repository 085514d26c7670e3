"""Who may see and work on nonconformities and improvement ideas.

Built on the core permission layer (`ratusz.core.access`); pages, the API and
the services of this area all ask these functions.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core.models import Action, Effectiveness, Role
from ratusz.core.selectors import subtree_ids
from ratusz.improvement.models import Idea, Nonconformity

# Who reads every nonconformity of the office. Heads of other units are left
# out on purpose: a nonconformity names people and their mistakes.
NC_READERS = (Role.QUALITY_MANAGER, Role.TOP_MANAGEMENT, Role.INTERNAL_AUDITOR)


def reads_all_nonconformities(user) -> bool:
    return access.is_staff_member(user) and access.has_role(user, *NC_READERS)


def _owns_an_action_of(user, nc: Nonconformity) -> bool:
    return Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Nonconformity),
        source_id=str(nc.pk),
        owner=user,
    ).exists()


def can_view_nc(user, nc: Nonconformity) -> bool:
    if not access.is_staff_member(user):
        return False
    if reads_all_nonconformities(user) or access.manages_unit(user, nc.org_unit):
        return True
    return user.pk in (nc.owner_id, nc.reported_by_id) or _owns_an_action_of(user, nc)


def ncs_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Nonconformity.objects.all() if qs is None else qs
    if not access.is_staff_member(user):
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
    return access.is_staff_member(user) and (
        access.has_role(user, Role.QUALITY_MANAGER, Role.INTERNAL_AUDITOR)
        or bool(access.managed_unit_paths(user))
    )


def can_change_nc(user, nc: Nonconformity) -> bool:
    """Correction, root cause, actions, planning and requesting the effectiveness check."""
    if not access.is_staff_member(user):
        return False
    return (
        access.is_quality_manager(user)
        or access.manages_unit(user, nc.org_unit)
        or nc.owner_id == user.pk
    )


def can_attach_to_nc(user, nc: Nonconformity) -> bool:
    """Evidence: those who work on it while it is open, and the reporter until triage."""
    if not nc.is_open or not access.is_staff_member(user):
        return False
    if nc.status == Nonconformity.Status.REPORTED and nc.reported_by_id == user.pk:
        return True
    return can_change_nc(user, nc)


def can_triage(user) -> bool:
    return access.is_staff_member(user) and access.is_quality_manager(user)


def can_close(user) -> bool:
    return can_triage(user)


def can_verify_nc(user, nc: Nonconformity) -> bool:
    """Effectiveness is judged by the quality manager or a manager independent of the owner."""
    if not access.is_staff_member(user):
        return False
    if access.is_quality_manager(user):
        return True
    return access.manages_unit(user, nc.org_unit) and nc.owner_id != user.pk


def can_view_statistics(user) -> bool:
    return reads_all_nonconformities(user) or (
        access.is_staff_member(user) and bool(access.managed_unit_paths(user))
    )


# --- ideas ---------------------------------------------------------------------------


def can_view_idea(user, idea: Idea) -> bool:
    return access.is_staff_member(user)


def ideas_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Idea.objects.all() if qs is None else qs
    return qs if access.is_staff_member(user) else qs.none()


def can_evaluate_idea(user, idea: Idea) -> bool:
    if not access.is_staff_member(user):
        return False
    return access.is_quality_manager(user) or access.manages_unit(user, idea.org_unit)


def can_attach_to_idea(user, idea: Idea) -> bool:
    """Files: the evaluators while it is open, and the author until it is evaluated."""
    if idea.status not in Idea.OPEN_STATUSES or not access.is_staff_member(user):
        return False
    if idea.status == Idea.Status.SUBMITTED and idea.submitted_by_id == user.pk:
        return True
    return can_evaluate_idea(user, idea)


def can_decide_idea(user) -> bool:
    return access.is_staff_member(user) and access.is_quality_manager(user)


def register() -> None:
    # A nonconformity's actions, and their files, are seen by those who see it.
    access.register_object_policy(
        Nonconformity, view=can_view_nc, change=can_attach_to_nc, scope_actions=ncs_visible_to
    )
    access.register_object_policy(Idea, view=can_view_idea, change=can_attach_to_idea)


def next_step(user, nc: Nonconformity, actions: list) -> tuple[str, str]:
    """(panel to open, sentence) saying what this user can do next with the nonconformity."""
    if nc.status == Nonconformity.Status.REPORTED:
        if can_triage(user):
            return "triage", _("Triage this report: accept it as a nonconformity or reject it.")
        return "", _("The quality manager will triage this report.")
    if nc.status == Nonconformity.Status.OPEN:
        if not can_change_nc(user, nc):
            return "", _("The person responsible is working on this nonconformity.")
        live = [a for a in actions if a.status != "cancelled"]
        if nc.verification_result == Effectiveness.NOT_EFFECTIVE:
            hint = _("The last effectiveness check failed: add further corrective actions. ")
        else:
            hint = ""
        if not nc.correction:
            return "correction", hint + _("Record the immediate correction and containment.")
        if not nc.root_cause:
            return "root-cause", hint + _("Analyse the root cause (five whys).")
        if not live or (hint and all(not a.is_open for a in live)):
            return "add-action", hint + _("Add corrective actions that remove the root cause.")
        if any(a.is_open for a in live):
            return "", _("Complete the corrective actions in the action tracker.")
        if not nc.verification_due or not nc.verification_method:
            return "plan-verification", _("Plan the effectiveness check.")
        return "request-verification", _("Everything is done: ask for the effectiveness check.")
    if nc.status == Nonconformity.Status.VERIFICATION:
        if nc.verification_result == Effectiveness.EFFECTIVE:
            if can_close(user):
                return "close", _("The actions proved effective: close the nonconformity.")
            return "", _("The actions proved effective; the quality manager will close it.")
        if can_verify_nc(user, nc):
            return "record-verification", _("Check whether the actions were effective.")
        return "", _("Awaiting the effectiveness check.")
    return "", ""


def nc_steps(user, nc: Nonconformity) -> dict[str, bool]:
    """Which steps of the nonconformity the user is offered on its page."""
    status = nc.status
    states = Nonconformity.Status
    return {
        "can_triage": can_triage(user) and status == states.REPORTED,
        "can_change": can_change_nc(user, nc) and status == states.OPEN,
        "can_verify": can_verify_nc(user, nc)
        and status == states.VERIFICATION
        and not nc.verification_result,
        "can_close": can_close(user)
        and status == states.VERIFICATION
        and nc.verification_result == Effectiveness.EFFECTIVE,
        "can_attach": can_attach_to_nc(user, nc),
    }


def idea_steps(user, idea: Idea) -> dict[str, bool]:
    """Which steps of the idea the user is offered on its page."""
    undecided = idea.status in (Idea.Status.SUBMITTED, Idea.Status.EVALUATING)
    accepted = idea.status == Idea.Status.ACCEPTED
    evaluator = can_evaluate_idea(user, idea)
    return {
        "can_evaluate": evaluator and undecided,
        "can_decide": can_decide_idea(user) and undecided,
        "can_add_action": evaluator and accepted,
        "can_implement": evaluator and accepted,
    }
