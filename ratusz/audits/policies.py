"""Who may see and change internal audits, the programme and the auditor pool.

Built on the core permission layer (`ratusz.core.access`); pages, the API and
the services of this area all ask these functions.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from ratusz.audits import qualification
from ratusz.audits.models import Audit, AuditorProfile, ChecklistItem, Finding
from ratusz.core import access
from ratusz.core.models import OrgUnit, Role, User
from ratusz.processes.models import Process

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


def can_view_questions(user) -> bool:
    """The question templates: those who maintain them and those who read everything."""
    return can_manage_questions(user) or access.reads_everything(user)


def is_pool_member(user, *, lead: bool = False) -> bool:
    """In the pool, and (`lead`) qualified to lead audits now."""
    if not access.is_active_account(user):
        return False
    profile = AuditorProfile.objects.filter(user=user, is_active=True).first()
    if profile is None:
        return False
    return not lead or qualification.of([profile])[user.pk].can_lead


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
        audit._team_ids = ids  # type: ignore[attr-defined]  # a per-request cache, not a field
    return ids


def _units(audit: Audit) -> list[OrgUnit]:
    units = getattr(audit, "_audited_units", None)
    if units is None:
        units = list(audit.org_units.all())
        audit._audited_units = units  # type: ignore[attr-defined]  # a per-request cache
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


def runs_audit(user, audit: Audit) -> bool:
    """Starts the audit and passes its opportunities on: the team or the quality manager."""
    return is_on_team(user, audit) or access.is_quality_manager(user)


def can_start(user, audit: Audit) -> bool:
    """Offered "start": a planned audit, to those who run it."""
    return audit.status == Audit.Status.PLANNED and runs_audit(user, audit)


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


def why_closed(audit: Audit, what: str) -> str:
    """Why the named part of a closed or cancelled audit can no longer change."""
    if audit.status == Audit.Status.CANCELLED:
        return _("Audit %(ref)s was cancelled, so its %(what)s can no longer be changed.") % {
            "ref": audit.reference,
            "what": what,
        }
    return _(
        "Audit %(ref)s is closed and its report was issued, so its %(what)s can no "
        "longer be changed."
    ) % {"ref": audit.reference, "what": what}


# --- independence (ISO 9001 9.2.2 c) ----------------------------------------------------------


def independence_problem(
    auditor: User, *, units: list[OrgUnit], process: Process | None
) -> str | None:
    """Why `auditor` may not audit these units or this process, or None."""
    own = auditor.org_unit
    for unit in units:
        if own is not None and own.path.startswith(unit.path):
            return _(
                "%(who)s cannot audit %(unit)s: it is their own unit (they work in %(own)s)."
            ) % {"who": auditor, "unit": unit, "own": own}
        if unit.head_id == auditor.pk or access.manages_unit(auditor, unit):
            return _("%(who)s cannot audit %(unit)s: they manage that unit.") % {
                "who": auditor,
                "unit": unit,
            }
    if process is not None:
        if process.owner_id == auditor.pk:
            return _("%(who)s cannot audit %(process)s: they own that process.") % {
                "who": auditor,
                "process": process,
            }
        if process.owner_unit.head_id == auditor.pk or access.manages_unit(
            auditor, process.owner_unit
        ):
            return _(
                "%(who)s cannot audit %(process)s: they manage %(unit)s, which owns the process."
            ) % {"who": auditor, "process": process, "unit": process.owner_unit}
    return None
