"""Who may see and change internal audits, the programme and the auditor pool.

Built on the core permission layer (`ratusz.core.access`); pages, the API and
the services of this area all ask these functions.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from ratusz.audits.models import Audit, AuditorProfile, ChecklistItem, Finding
from ratusz.core import access
from ratusz.core.models import OrgUnit, Role

# --- the programme and the pool --------------------------------------------------------------


def can_view_programme(user) -> bool:
    return access.can_view_directory(user)


def can_manage_programme(user) -> bool:
    return access.is_quality_manager(user)


def can_view_pool(user) -> bool:
    return access.can_view_directory(user)


def can_manage_pool(user) -> bool:
    return access.is_quality_manager(user)


def can_manage_questions(user) -> bool:
    return access.is_quality_manager(user)


def is_pool_member(user, *, lead: bool = False) -> bool:
    if not access.is_active_account(user):
        return False
    profile = AuditorProfile.objects.filter(user=user, is_active=True).first()
    return profile is not None and (profile.can_lead or not lead)


# --- audits -----------------------------------------------------------------------------------


def can_plan_audits(user) -> bool:
    """The quality manager, and internal auditors who are in the pool."""
    if access.is_quality_manager(user):
        return True
    return access.has_role(user, Role.INTERNAL_AUDITOR) and is_pool_member(user)


def _team_ids(audit: Audit) -> set[int]:
    ids = getattr(audit, "_team_ids", None)
    if ids is None:
        ids = {u.pk for u in audit.team.all()}
        audit._team_ids = ids
    return ids


def _units(audit: Audit) -> list[OrgUnit]:
    units = getattr(audit, "_audited_units", None)
    if units is None:
        units = list(audit.org_units.all())
        audit._audited_units = units
    return units


def is_lead(user, audit: Audit) -> bool:
    return access.is_active_account(user) and audit.lead_auditor_id == user.pk


def is_on_team(user, audit: Audit) -> bool:
    """The lead auditor or a member of the audit team."""
    if not access.is_active_account(user):
        return False
    return audit.lead_auditor_id == user.pk or user.pk in _team_ids(audit)


def in_audited_unit(user, audit: Audit) -> bool:
    """A member of an audited unit (or of a unit inside one), or someone who manages one."""
    own = getattr(user, "org_unit", None)
    for unit in _units(audit):
        if own is not None and own.path.startswith(unit.path):
            return True
        if unit.head_id == user.pk or access.manages_unit(user, unit):
            return True
    return False


def can_view_audit(user, audit: Audit) -> bool:
    if not access.can_view_directory(user):
        return False
    return access.reads_everything(user) or is_on_team(user, audit) or in_audited_unit(user, audit)


def audits_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Audit.objects.all() if qs is None else qs
    if not access.can_view_directory(user):
        return qs.none()
    if access.reads_everything(user):
        return qs
    through = Audit.org_units.through
    mine = Q(lead_auditor=user) | Q(
        Exists(Audit.team.through.objects.filter(audit_id=OuterRef("pk"), user_id=user.pk))
    )
    unit_q = Q(orgunit__head=user)
    paths = access.managed_unit_paths(user)
    if user.org_unit_id:
        # The user's unit or one of its ancestors is audited: the path holds the ancestors' ids.
        ancestors = [int(part) for part in user.org_unit.path.split("/") if part]
        unit_q |= Q(orgunit_id__in=ancestors)
    for path in paths:
        unit_q |= Q(orgunit__path__startswith=path)
    mine |= Q(Exists(through.objects.filter(unit_q, audit_id=OuterRef("pk"))))
    return qs.filter(mine)


def can_edit_audit(user, audit: Audit) -> bool:
    """Plan and edit: the quality manager and the lead auditor, while the audit is not closed."""
    if audit.is_closed:
        return False
    return access.is_quality_manager(user) or is_lead(user, audit)


def can_perform(user, audit: Audit) -> bool:
    """Answer the checklist and record findings: the lead auditor and the team."""
    return not audit.is_closed and is_on_team(user, audit)


def can_close(user, audit: Audit) -> bool:
    return audit.status == Audit.Status.IN_PROGRESS and is_lead(user, audit)


def can_acknowledge_for(user, unit: OrgUnit) -> bool:
    """The head of the audited unit, or whoever manages it."""
    return access.is_active_account(user) and (
        unit.head_id == user.pk or access.manages_unit(user, unit)
    )


def units_to_acknowledge(user, audit: Audit) -> list[OrgUnit]:
    if audit.status != Audit.Status.CLOSED:
        return []
    done = {a.org_unit_id for a in audit.acknowledgements.all()}
    return [u for u in _units(audit) if u.pk not in done and can_acknowledge_for(user, u)]


# --- records inside an audit (attachments, search) -------------------------------------------


def can_view_checklist_item(user, item: ChecklistItem) -> bool:
    return can_view_audit(user, item.audit)


def can_change_checklist_item(user, item: ChecklistItem) -> bool:
    return can_perform(user, item.audit)


def can_view_finding(user, finding: Finding) -> bool:
    return can_view_audit(user, finding.audit)


def register() -> None:
    access.register_object_policy(
        ChecklistItem, view=can_view_checklist_item, change=can_change_checklist_item
    )
    access.register_object_policy(
        Finding, view=can_view_finding, change=lambda user, f: can_perform(user, f.audit)
    )
