"""Who may see and handle residents' submissions.

Submissions carry residents' personal data, so they are read only by those who
need them (GDPR art. 5(1)(c)): the quality manager and top management (the
register's keepers), the head of the unit a submission is assigned to, its
handler and whoever registered it. Any member of staff registers a letter, a
call or an oral complaint. The reply is approved by the head of the unit or the
quality manager, never by the person who drafted it alone.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ratusz.core import access
from ratusz.core.models import Role
from ratusz.core.selectors import subtree_ids
from ratusz.feedback.models import Submission


def keeps_register(user) -> bool:
    return access.is_staff_member(user) and access.has_role(
        user, Role.QUALITY_MANAGER, Role.TOP_MANAGEMENT
    )


def can_register(user) -> bool:
    return access.is_staff_member(user)


def can_view_register(user) -> bool:
    return access.is_staff_member(user)


def can_view_statistics(user) -> bool:
    return access.is_staff_member(user)


def submissions_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Submission.objects.all() if qs is None else qs
    if not access.is_staff_member(user):
        return qs.none()
    if keeps_register(user):
        return qs
    mine = Q(handler=user) | Q(registered_by=user)
    paths = access.managed_unit_paths(user)
    if paths:
        mine |= Q(org_unit_id__in=subtree_ids(paths))
    return qs.filter(mine)


def can_view_submission(user, submission: Submission) -> bool:
    if not access.is_staff_member(user):
        return False
    return (
        keeps_register(user)
        or submission.handler_id == user.pk
        or submission.registered_by_id == user.pk
        or access.manages_unit(user, submission.org_unit)
    )


def can_assign(user, submission: Submission) -> bool:
    return access.is_staff_member(user) and (
        access.is_quality_manager(user) or access.manages_unit(user, submission.org_unit)
    )


def can_handle(user, submission: Submission) -> bool:
    """Take the steps of handling: notices, forwarding, the outcome, the reply's draft."""
    return access.is_staff_member(user) and (
        access.is_quality_manager(user)
        or submission.handler_id == user.pk
        or access.manages_unit(user, submission.org_unit)
    )


def can_approve_reply(user, submission: Submission) -> bool:
    return access.is_staff_member(user) and (
        access.is_quality_manager(user) or access.manages_unit(user, submission.org_unit)
    )


def can_raise_from(user, submission: Submission) -> bool:
    """Open a nonconformity or an improvement idea from a submission."""
    from ratusz.improvement.policies import can_record_nc

    return can_view_submission(user, submission) and can_record_nc(user)


def can_manage_personal_data(user) -> bool:
    return access.is_staff_member(user) and access.is_quality_manager(user)


def submission_steps(user, s: Submission) -> dict[str, bool]:
    """Which steps the detail page offers this person, in one place."""
    handle = can_handle(user, s) and s.is_open
    judged_kind = s.kind in ("complaint", "motion", "petition")
    return {
        "assign": can_assign(user, s) and s.is_open,
        "delay": handle and s.status != Submission.Status.AWAITING_COMPLETION,
        "call_to_complete": handle and s.kind == "petition" and s.status == "in_progress",
        "completed": handle and s.status == Submission.Status.AWAITING_COMPLETION,
        "forward": handle and s.status in ("registered", "in_progress"),
        "repeated": handle and judged_kind and s.status in ("registered", "in_progress"),
        "decide": handle and s.status == Submission.Status.IN_PROGRESS,
        "draft": handle and s.status in ("in_progress", "reply_drafted") and bool(s.outcome),
        "approve": can_approve_reply(user, s) and s.status == Submission.Status.REPLY_DRAFTED,
        "send": handle and s.status == Submission.Status.REPLY_APPROVED,
        "publish": handle and s.kind == "petition" and not s.published,
        "open_nc": can_raise_from(user, s)
        and s.kind == "complaint"
        and s.outcome in ("justified", "partly")
        and s.nonconformity_id is None,
        "open_idea": can_raise_from(user, s)
        and s.kind in ("motion", "suggestion", "petition")
        and s.idea_id is None,
        "erase": can_manage_personal_data(user) and s.anonymised_on is None and not s.is_open,
    }


def register() -> None:
    access.register_object_policy(Submission, view=can_view_submission, change=can_handle)
