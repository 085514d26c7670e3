"""Who may see and change the office's context.

Every member of staff reads the issues and the interested parties. The quality
manager and top management keep the context: they add and change any issue or
party, decide on climate change and record that the context was reviewed. The
owner of an issue or of a party keeps their own record current.
"""

from __future__ import annotations

from ratusz.context.models import ContextIssue, InterestedParty
from ratusz.core import access
from ratusz.core.models import Role


def can_view_context(user, record=None) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def can_manage_context(user) -> bool:
    return access.is_quality_manager(user) or access.has_role(user, Role.TOP_MANAGEMENT)


def can_edit_issue(user, issue: ContextIssue) -> bool:
    return can_manage_context(user) or (access.is_staff_member(user) and issue.owner_id == user.pk)


def can_edit_party(user, party: InterestedParty) -> bool:
    return can_manage_context(user) or (access.is_staff_member(user) and party.owner_id == user.pk)


def register() -> None:
    access.register_object_policy(ContextIssue, view=can_view_context, change=can_edit_issue)
    access.register_object_policy(InterestedParty, view=can_view_context, change=can_edit_party)
