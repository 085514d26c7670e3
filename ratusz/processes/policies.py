"""Who may see and change the office's processes.

Built on the core permission layer (`ratusz.core.access`); pages, the API and
the services of this area all ask these functions.

Every staff member reads the process map. The quality manager creates and
edits any process. The head of the owner unit keeps the description, the ISO
clauses, the inputs and outputs, criteria, resources and the processes it feeds
current; the process's risk, owner, code and
place in the organisation stay with the quality manager, because they drive
the audit programme.
"""

from __future__ import annotations

from ratusz.core import access
from ratusz.processes.models import Process

# What the head of the owner unit may change; everything else is the quality manager's.
UNIT_MANAGER_FIELDS = frozenset(
    {"description", "clauses", "inputs", "outputs", "criteria", "resources", "feeds"}
)


def can_view_process(user, process: Process | None = None) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def can_create_process(user) -> bool:
    return access.is_quality_manager(user)


def can_edit_process(user, process: Process) -> bool:
    """Whether the user may change anything of the process (see `editable_fields`)."""
    return access.is_quality_manager(user) or access.manages_unit(user, process.owner_unit)


def editable_fields(user, process: Process) -> frozenset[str] | None:
    """The fields the user may change: None for all of them."""
    if access.is_quality_manager(user):
        return None
    if access.manages_unit(user, process.owner_unit):
        return UNIT_MANAGER_FIELDS
    return frozenset()


def can_deactivate_process(user, process: Process) -> bool:
    return access.is_quality_manager(user)


def register() -> None:
    access.register_object_policy(Process, view=can_view_process, change=can_edit_process)
