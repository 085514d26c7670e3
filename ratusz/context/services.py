"""Writes of the office's context (ISO 9001 4.1, 4.2).

Each write checks the policy, validates the whole record, runs in one
transaction; records two people may edit carry a version, so a stale save
gets a Conflict instead of overwriting.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.context import policies
from ratusz.context.models import (
    ClimateDecision,
    ContextIssue,
    ContextReview,
    InterestedParty,
    Requirement,
)
from ratusz.core import access
from ratusz.core.errors import Denied
from ratusz.core.models import User
from ratusz.core.services import apply_changes, lock, save_versioned

ISSUE_FIELDS = (
    "title",
    "description",
    "kind",
    "category",
    "effect",
    "source",
    "owner",
    "review_date",
    "is_active",
)
PARTY_FIELDS = ("name", "kind", "description", "owner", "is_active")


def _staff(user: User, field: str) -> None:
    if not user.is_active or access.is_external(user):
        raise ValidationError(
            {field: _("%(user)s is not an active member of staff.") % {"user": user}}
        )


def _strip(changes: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}


def _require_text(record, *fields: str) -> None:
    missing = {
        name: _("This field is required.")
        for name in fields
        if not str(getattr(record, name)).strip()
    }
    if missing:
        raise ValidationError(missing)


# --- issues ----------------------------------------------------------------------------


@transaction.atomic
def create_issue(
    *,
    actor: User,
    title: str,
    kind: str,
    category: str,
    effect: str,
    owner: User,
    review_date: date,
    description: str = "",
    source: str = "",
) -> ContextIssue:
    if not policies.can_manage_context(actor):
        raise Denied(_("Only the quality manager or top management adds context issues."))
    _staff(owner, "owner")
    issue = ContextIssue(
        **_strip(
            {
                "title": title,
                "kind": kind,
                "category": category,
                "effect": effect,
                "owner": owner,
                "review_date": review_date,
                "description": description,
                "source": source,
            }
        )
    )
    _require_text(issue, "title", "effect")
    issue.full_clean()
    issue.save()
    return issue


@transaction.atomic
def update_issue(
    *, actor: User, issue: ContextIssue, expected_version: int | None, **changes
) -> ContextIssue:
    current = lock(ContextIssue, issue.pk, expected_version)
    if not policies.can_edit_issue(actor, current):
        raise Denied(_("Only the quality manager, top management or the issue's owner change it."))
    if (
        "owner" in changes
        and changes["owner"] != current.owner
        and not policies.can_manage_context(actor)
    ):
        raise Denied(
            _("Only the quality manager or top management hand an issue over."), field="owner"
        )
    if "owner" in changes:
        _staff(changes["owner"], "owner")
    fields = apply_changes(current, _strip(changes), ISSUE_FIELDS)
    _require_text(current, "title", "effect")
    return save_versioned(current, fields)


# --- climate change ---------------------------------------------------------------------


def climate_decision() -> ClimateDecision | None:
    return ClimateDecision.objects.select_related("decided_by").filter(pk=1).first()


@transaction.atomic
def decide_climate_change(
    *,
    actor: User,
    relevant: bool,
    justification: str,
    expected_version: int | None = None,
    decided_on: date | None = None,
) -> ClimateDecision:
    """Record whether climate change is a relevant issue (ISO 9001:2015/Amd 1:2024)."""
    if not policies.can_manage_context(actor):
        raise Denied(_("Only the quality manager or top management decide on climate change."))
    justification = justification.strip()
    if not justification:
        raise ValidationError(
            {"justification": _("Say why climate change is or is not relevant to the office.")}
        )
    decided_on = decided_on or timezone.localdate()
    if not ClimateDecision.objects.filter(pk=1).exists():
        decision = ClimateDecision(
            pk=1,
            relevant=relevant,
            justification=justification,
            decided_on=decided_on,
            decided_by=actor,
        )
        decision.full_clean(validate_unique=False)
        decision.save(force_insert=True)
        return decision
    decision = lock(ClimateDecision, 1, expected_version)
    decision.relevant = relevant
    decision.justification = justification
    decision.decided_on = decided_on
    decision.decided_by = actor
    return save_versioned(decision, ["relevant", "justification", "decided_on", "decided_by"])


# --- context review ----------------------------------------------------------------------


@transaction.atomic
def record_context_review(
    *, actor: User, reviewed_on: date | None = None, notes: str = ""
) -> ContextReview:
    """The office went through its issues and parties: the date readiness 4.1 looks at."""
    if not policies.can_manage_context(actor):
        raise Denied(_("Only the quality manager or top management record a context review."))
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("A review cannot be recorded for a future date.")})
    review = ContextReview(reviewed_on=reviewed_on, reviewed_by=actor, notes=notes.strip())
    review.full_clean()
    review.save()
    return review


# --- interested parties ------------------------------------------------------------------


@transaction.atomic
def create_party(
    *, actor: User, name: str, kind: str, owner: User, description: str = ""
) -> InterestedParty:
    if not policies.can_manage_context(actor):
        raise Denied(_("Only the quality manager or top management add interested parties."))
    _staff(owner, "owner")
    party = InterestedParty(
        name=name.strip(), kind=kind, owner=owner, description=description.strip()
    )
    _require_text(party, "name")
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def update_party(
    *, actor: User, party: InterestedParty, expected_version: int | None, **changes
) -> InterestedParty:
    current = lock(InterestedParty, party.pk, expected_version)
    if not policies.can_edit_party(actor, current):
        raise Denied(_("Only the quality manager, top management or the party's owner change it."))
    if (
        "owner" in changes
        and changes["owner"] != current.owner
        and not policies.can_manage_context(actor)
    ):
        raise Denied(
            _("Only the quality manager or top management hand a party over."), field="owner"
        )
    if "owner" in changes:
        _staff(changes["owner"], "owner")
    fields = apply_changes(current, _strip(changes), PARTY_FIELDS)
    _require_text(current, "name")
    return save_versioned(current, fields)


@transaction.atomic
def add_requirement(
    *,
    actor: User,
    party: InterestedParty,
    text: str,
    monitoring: str,
    review: str,
    expected_version: int | None = None,
) -> Requirement:
    current = lock(InterestedParty, party.pk, expected_version)
    if not policies.can_edit_party(actor, current):
        raise Denied(_("Only the quality manager, top management or the party's owner change it."))
    requirement = Requirement(
        party=current, text=text.strip(), monitoring=monitoring.strip(), review=review.strip()
    )
    _require_text(requirement, "text", "monitoring", "review")
    requirement.full_clean()
    requirement.save()
    # A change to the requirements is a change to the party (and its lock).
    save_versioned(current, [])
    return requirement


@transaction.atomic
def remove_requirement(
    *, actor: User, party: InterestedParty, requirement: int, expected_version: int | None = None
) -> InterestedParty:
    current = lock(InterestedParty, party.pk, expected_version)
    if not policies.can_edit_party(actor, current):
        raise Denied(_("Only the quality manager, top management or the party's owner change it."))
    deleted, _rows = Requirement.objects.filter(party=current, pk=requirement).delete()
    if not deleted:
        raise ValidationError({"requirement": _("This requirement is not one of the party's.")})
    return save_versioned(current, [])


@transaction.atomic
def mark_party_reviewed(
    *,
    actor: User,
    party: InterestedParty,
    expected_version: int | None = None,
    reviewed_on: date | None = None,
) -> InterestedParty:
    """The party's requirements were gone through and are current."""
    current = lock(InterestedParty, party.pk, expected_version)
    if not policies.can_edit_party(actor, current):
        raise Denied(_("Only the quality manager, top management or the party's owner change it."))
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("A review cannot be recorded for a future date.")})
    if not current.requirements.exists():
        raise ValidationError(_("Record the party's requirements before marking them reviewed."))
    current.reviewed_on = reviewed_on
    return save_versioned(current, ["reviewed_on"])
