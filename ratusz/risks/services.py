"""Writes of the register of risks and opportunities (ISO 9001 6.1).

Every write checks the policy, validates the whole record and runs in one
transaction. A risk carries a version: two people assessing it at once get a
Conflict for the second save instead of a silently lost assessment. Each
assessment is kept as its own row, so the history and the heat map's movement
come from records, not from memory.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.context.models import ContextIssue, Requirement
from ratusz.core import access, search
from ratusz.core.errors import Denied
from ratusz.core.models import Action, Clause, OrgUnit, User
from ratusz.core.services import (
    apply_changes,
    confirm_due_date,
    lock,
    notify,
    save_versioned,
    take_number,
)
from ratusz.lib import risk_scoring
from ratusz.lib.risk_scoring import Problem
from ratusz.processes.models import Process
from ratusz.risks import policies
from ratusz.risks.models import Assessment, ChangePlan, Risk, RiskScale

# What `update_risk` may change; the levels change only by an assessment.
EDITABLE_FIELDS = (
    "title",
    "kind",
    "category",
    "cause",
    "event",
    "effect",
    "process",
    "org_unit",
    "owner",
    "appetite",
    "response",
    "controls",
    "review_date",
)


def _messages(problems: list[Problem]) -> dict[str, str]:
    texts = {
        "missing": _("Choose a level."),
        "outside_scale": _("Choose a level from 1 to %(n)d (the office's scale)."),
        "residual_above_inherent": _(
            "The residual level is above the inherent one: say why (a control that "
            "failed, a new threat), or lower it."
        ),
        "appetite_outside": _("The accepted level runs from 1 to %(n)d on the office's scale."),
    }
    return {
        p.field: texts[p.code] % {"n": p.limit} if "%(n)d" in texts[p.code] else texts[p.code]
        for p in problems
    }


def _check_assessment(
    scale: RiskScale,
    inherent: tuple[int | None, int | None],
    residual: tuple[int | None, int | None],
    residual_reason: str,
) -> None:
    problems = risk_scoring.check_assessment(
        likelihood_levels=scale.likelihood_count,
        impact_levels=scale.impact_count,
        inherent=inherent,
        residual=residual,
        residual_reason=residual_reason,
    )
    if problems:
        raise ValidationError(_messages(problems))


def _check_appetite(scale: RiskScale, appetite: int | None) -> None:
    if appetite is None:
        raise ValidationError({"appetite": _("Give the accepted level.")})
    problem = risk_scoring.check_appetite(appetite, scale.likelihood_count, scale.impact_count)
    if problem:
        raise ValidationError(_messages([problem]))


def _check_response(kind: str, response: str) -> None:
    allowed = Risk.RESPONSES.get(kind, ())
    if response not in allowed:
        names = ", ".join(str(Risk.Response(r).label) for r in allowed)
        text = (
            _("An opportunity's response is one of: %(allowed)s.")
            if kind == Risk.Kind.OPPORTUNITY
            else _("A risk's response is one of: %(allowed)s.")
        )
        raise ValidationError({"response": text % {"allowed": names}})


def _check_owner(owner: User) -> None:
    if not owner.is_active or access.is_external(owner):
        raise ValidationError({"owner": _("The owner must be an active member of staff.")})


def _require_text(values: dict[str, str]) -> None:
    missing = {
        name: _("This field is required.") for name, value in values.items() if not value.strip()
    }
    if missing:
        raise ValidationError(missing)


def _record_assessment(
    risk: Risk, *, actor: User, assessed_on: date, residual_reason: str, note: str
) -> Assessment:
    assessment = Assessment(
        risk=risk,
        assessed_on=assessed_on,
        assessed_by=actor,
        inherent_likelihood=risk.inherent_likelihood,
        inherent_impact=risk.inherent_impact,
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        inherent_level=risk.inherent_level,
        residual_level=risk.residual_level,
        residual_reason=residual_reason.strip(),
        note=note.strip(),
    )
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def create_risk(
    *,
    actor: User,
    title: str,
    kind: str,
    category: str,
    cause: str,
    event: str,
    effect: str,
    org_unit: OrgUnit,
    owner: User,
    inherent_likelihood: int | None,
    inherent_impact: int | None,
    residual_likelihood: int | None,
    residual_impact: int | None,
    response: str,
    review_date: date,
    process: Process | None = None,
    appetite: int | None = None,
    residual_reason: str = "",
    controls: str = "",
    issues: list[ContextIssue] | None = None,
    requirements: list[Requirement] | None = None,
    assessed_on: date | None = None,
) -> Risk:
    """A new risk or opportunity with its first assessment; numbered R/<year>/<nnnn>."""
    if not policies.can_create_risk(actor, org_unit):
        raise Denied(
            _("You can add risks only for the units you run (%(unit)s is not one of them).")
            % {"unit": org_unit},
            field="org_unit",
        )
    scale = RiskScale.current()
    appetite = scale.appetite if appetite is None else appetite
    _require_text({"title": title, "cause": cause, "event": event, "effect": effect})
    _check_assessment(
        scale,
        (inherent_likelihood, inherent_impact),
        (residual_likelihood, residual_impact),
        residual_reason,
    )
    _check_appetite(scale, appetite)
    _check_response(kind, response)
    _check_owner(owner)
    today = timezone.localdate()
    assessed_on = assessed_on or today
    assert inherent_likelihood and inherent_impact and residual_likelihood and residual_impact
    risk = Risk(
        year=assessed_on.year,
        title=title.strip(),
        kind=kind,
        category=category,
        cause=cause.strip(),
        event=event.strip(),
        effect=effect.strip(),
        process=process,
        org_unit=org_unit,
        owner=owner,
        inherent_likelihood=inherent_likelihood,
        inherent_impact=inherent_impact,
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        inherent_level=risk_scoring.level(inherent_likelihood, inherent_impact),
        residual_level=risk_scoring.level(residual_likelihood, residual_impact),
        appetite=appetite,
        response=response,
        controls=controls.strip(),
        review_date=review_date,
        assessed_on=assessed_on,
    )
    # The number is taken last, once the record is known to be sound.
    risk.full_clean(exclude=["number"], validate_unique=False)
    risk.number = take_number(f"risk:{risk.year}")
    risk.save()
    if issues:
        risk.issues.set(issues)
    if requirements:
        risk.requirements.set(requirements)
    _record_assessment(
        risk, actor=actor, assessed_on=assessed_on, residual_reason=residual_reason, note=""
    )
    return risk


@transaction.atomic
def update_risk(*, actor: User, risk: Risk, expected_version: int | None, **changes) -> Risk:
    """Change the risk's description, owner, response or review date (not its levels:
    those change only by an assessment, which keeps the history)."""
    current = lock(Risk, risk.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_risk(actor, current):
        raise Denied(
            _("Only the quality manager, the head of the unit or the risk's owner change it.")
        )
    issues = changes.pop("issues", None)
    requirements = changes.pop("requirements", None)
    moved = "org_unit" in changes and changes["org_unit"] != current.org_unit
    if moved and not policies.can_create_risk(actor, changes["org_unit"]):
        raise Denied(_("You can move risks only to the units you run."), field="org_unit")
    fields = apply_changes(current, changes, EDITABLE_FIELDS)
    _require_text({name: getattr(current, name) for name in ("title", "cause", "event", "effect")})
    _check_appetite(RiskScale.current(), current.appetite)
    _check_response(current.kind, current.response)
    if "owner" in changes:
        _check_owner(current.owner)
    saved = save_versioned(current, fields)
    if issues is not None:
        saved.issues.set(issues)
    if requirements is not None:
        saved.requirements.set(requirements)
    return saved


@transaction.atomic
def assess_risk(
    *,
    actor: User,
    risk: Risk,
    expected_version: int | None,
    inherent_likelihood: int | None,
    inherent_impact: int | None,
    residual_likelihood: int | None,
    residual_impact: int | None,
    residual_reason: str = "",
    note: str = "",
    review_date: date | None = None,
    assessed_on: date | None = None,
) -> Assessment:
    """A new assessment: the risk takes its levels, the old ones stay in the history."""
    current = lock(Risk, risk.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_risk(actor, current):
        raise Denied(
            _("Only the quality manager, the head of the unit or the risk's owner assess it.")
        )
    if current.status != Risk.Status.OPEN:
        raise ValidationError(_("A closed risk is not assessed; reopen it first."))
    _check_assessment(
        RiskScale.current(),
        (inherent_likelihood, inherent_impact),
        (residual_likelihood, residual_impact),
        residual_reason,
    )
    today = timezone.localdate()
    assessed_on = assessed_on or today
    if assessed_on > today:
        raise ValidationError({"assessed_on": _("An assessment cannot be dated in the future.")})
    if review_date is not None and review_date < assessed_on:
        raise ValidationError(
            {"review_date": _("The next review cannot come before the assessment.")}
        )
    assert inherent_likelihood and inherent_impact and residual_likelihood and residual_impact
    current.inherent_likelihood = inherent_likelihood
    current.inherent_impact = inherent_impact
    current.residual_likelihood = residual_likelihood
    current.residual_impact = residual_impact
    current.inherent_level = risk_scoring.level(inherent_likelihood, inherent_impact)
    current.residual_level = risk_scoring.level(residual_likelihood, residual_impact)
    current.assessed_on = assessed_on
    fields = [
        "inherent_likelihood",
        "inherent_impact",
        "residual_likelihood",
        "residual_impact",
        "inherent_level",
        "residual_level",
        "assessed_on",
    ]
    if review_date is not None:
        current.review_date = review_date
        fields.append("review_date")
    save_versioned(current, fields)
    return _record_assessment(
        current, actor=actor, assessed_on=assessed_on, residual_reason=residual_reason, note=note
    )


@transaction.atomic
def add_treatment(
    *,
    actor: User,
    risk: Risk,
    title: str,
    owner: User,
    due_date: date | None,
    description: str = "",
    confirmed: bool = False,
    expected_version: int | None = None,
) -> Action:
    """A treatment action (kind RISK_TREATMENT) in the one action tracker, raised by the risk."""
    current = lock(Risk, risk.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_risk(actor, current):
        raise Denied(
            _("Only the quality manager, the head of the unit or the risk's owner treat it.")
        )
    if current.status != Risk.Status.OPEN:
        raise ValidationError(_("A closed risk takes no new treatments; reopen it first."))
    if not title.strip():
        raise ValidationError({"title": _("Give the action a title.")})
    _check_owner(owner)
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date by which the action must be done.")})
    confirm_due_date(due_date, confirmed)
    action = Action(
        title=title.strip(),
        description=description.strip(),
        kind=Action.Kind.RISK_TREATMENT,
        org_unit=current.org_unit,
        owner=owner,
        due_date=due_date,
        clause=Clause.objects.filter(standard="ISO 9001", edition="2015", number="6.1").first(),
        created_by=actor,
        # Whether the treatment worked shows in the next assessment of the risk.
        effectiveness_required=False,
        source_type=ContentType.objects.get_for_model(Risk),
        source_id=str(current.pk),
        source_label=str(current)[:255],
    )
    action.full_clean()
    action.save()
    search.index_action(action)
    if owner.pk != actor.pk:
        notify(
            recipient=owner,
            kind="action_assigned",
            url=action.get_absolute_url(),
            params={"ref": action.reference, "title": action.title, "by": str(actor)},
        )
    # A change to the set of treatments is a change to the risk (and its lock).
    save_versioned(current, [])
    return action


@transaction.atomic
def close_risk(*, actor: User, risk: Risk, expected_version: int | None) -> Risk:
    current = lock(Risk, risk.pk, expected_version, related=("org_unit",))
    if not policies.can_close_risk(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit close a risk."))
    current.status = Risk.Status.CLOSED
    return save_versioned(current, ["status"])


@transaction.atomic
def reopen_risk(*, actor: User, risk: Risk, expected_version: int | None) -> Risk:
    current = lock(Risk, risk.pk, expected_version, related=("org_unit",))
    if not policies.can_close_risk(actor, current):
        raise Denied(_("Only the quality manager or the head of the unit reopen a risk."))
    current.status = Risk.Status.OPEN
    return save_versioned(current, ["status"])


@transaction.atomic
def set_scale(
    *,
    actor: User,
    likelihood_levels: list[str],
    impact_levels: list[str],
    appetite: int,
    expected_version: int | None = None,
) -> RiskScale:
    """The office's scale: the meaning of each level, lowest first, and the default
    accepted level. Existing risks must still fit on it."""
    if not policies.can_set_scale(actor):
        raise Denied(_("Only the quality manager sets the risk scale."))
    likelihood_levels = [text.strip() for text in likelihood_levels if text.strip()]
    impact_levels = [text.strip() for text in impact_levels if text.strip()]
    errors = {}
    for name, levels in (
        ("likelihood_levels", likelihood_levels),
        ("impact_levels", impact_levels),
    ):
        if not 2 <= len(levels) <= 10:
            errors[name] = _("Give from 2 to 10 levels, one per line, lowest first.")
    if errors:
        raise ValidationError(errors)
    _check_appetite_on(len(likelihood_levels), len(impact_levels), appetite)
    highest = Risk.objects.filter(status=Risk.Status.OPEN).order_by()
    too_likely = (
        highest.filter(inherent_likelihood__gt=len(likelihood_levels)).exists()
        or highest.filter(residual_likelihood__gt=len(likelihood_levels)).exists()
    )
    too_heavy = (
        highest.filter(inherent_impact__gt=len(impact_levels)).exists()
        or highest.filter(residual_impact__gt=len(impact_levels)).exists()
    )
    if too_likely:
        errors["likelihood_levels"] = _(
            "Open risks are assessed above this many levels; reassess them first."
        )
    if too_heavy:
        errors["impact_levels"] = _(
            "Open risks are assessed above this many levels; reassess them first."
        )
    if errors:
        raise ValidationError(errors)
    if not RiskScale.objects.filter(pk=1).exists():
        scale = RiskScale(
            pk=1,
            likelihood_levels=likelihood_levels,
            impact_levels=impact_levels,
            appetite=appetite,
        )
        scale.full_clean(validate_unique=False)
        scale.save(force_insert=True)
        return scale
    scale = lock(RiskScale, 1, expected_version)
    scale.likelihood_levels = likelihood_levels
    scale.impact_levels = impact_levels
    scale.appetite = appetite
    return save_versioned(scale, ["likelihood_levels", "impact_levels", "appetite"])


def _check_appetite_on(likelihood: int, impact: int, appetite: int | None) -> None:
    if appetite is None:
        raise ValidationError({"appetite": _("Give the accepted level.")})
    problem = risk_scoring.check_appetite(appetite, likelihood, impact)
    if problem:
        raise ValidationError(_messages([problem]))


# --- planning of changes (6.3) ------------------------------------------------------------

CHANGE_FIELDS = (
    "title",
    "purpose",
    "consequences",
    "integrity",
    "resources",
    "responsibilities",
    "org_unit",
    "owner",
    "planned_for",
    "status",
)


@transaction.atomic
def plan_change(
    *,
    actor: User,
    title: str,
    purpose: str,
    consequences: str,
    integrity: str,
    resources: str,
    responsibilities: str,
    org_unit: OrgUnit,
    owner: User,
    planned_for: date,
) -> ChangePlan:
    if not policies.can_plan_change(actor, org_unit):
        raise Denied(
            _("You can plan changes only for the units you run (%(unit)s is not one of them).")
            % {"unit": org_unit},
            field="org_unit",
        )
    values = {
        "title": title,
        "purpose": purpose,
        "consequences": consequences,
        "integrity": integrity,
        "resources": resources,
        "responsibilities": responsibilities,
    }
    _require_text(values)
    _check_owner(owner)
    plan = ChangePlan(
        **{k: v.strip() for k, v in values.items()},
        org_unit=org_unit,
        owner=owner,
        planned_for=planned_for,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def update_change(
    *, actor: User, plan: ChangePlan, expected_version: int | None, **changes
) -> ChangePlan:
    current = lock(ChangePlan, plan.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_change(actor, current):
        raise Denied(
            _("Only the quality manager, the head of the unit or the change's owner change it.")
        )
    moved = "org_unit" in changes and changes["org_unit"] != current.org_unit
    if moved and not policies.can_plan_change(actor, changes["org_unit"]):
        raise Denied(_("You can move changes only to the units you run."), field="org_unit")
    fields = apply_changes(current, changes, CHANGE_FIELDS)
    _require_text(
        {
            name: getattr(current, name)
            for name in (
                "title",
                "purpose",
                "consequences",
                "integrity",
                "resources",
                "responsibilities",
            )
        }
    )
    if "owner" in changes:
        _check_owner(current.owner)
    return save_versioned(current, fields)


@transaction.atomic
def add_change_action(
    *,
    actor: User,
    plan: ChangePlan,
    title: str,
    owner: User,
    due_date: date | None,
    description: str = "",
    confirmed: bool = False,
    expected_version: int | None = None,
) -> Action:
    """An action of the change in the one action tracker, raised by the change."""
    current = lock(ChangePlan, plan.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_change(actor, current):
        raise Denied(
            _("Only the quality manager, the head of the unit or the change's owner change it.")
        )
    if current.status != ChangePlan.Status.PLANNED:
        raise ValidationError(_("Only a planned change takes new actions."))
    if not title.strip():
        raise ValidationError({"title": _("Give the action a title.")})
    _check_owner(owner)
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date by which the action must be done.")})
    confirm_due_date(due_date, confirmed)
    action = Action(
        title=title.strip(),
        description=description.strip(),
        kind=Action.Kind.OTHER,
        org_unit=current.org_unit,
        owner=owner,
        due_date=due_date,
        clause=Clause.objects.filter(standard="ISO 9001", edition="2015", number="6.3").first(),
        created_by=actor,
        effectiveness_required=False,
        source_type=ContentType.objects.get_for_model(ChangePlan),
        source_id=str(current.pk),
        source_label=str(current)[:255],
    )
    action.full_clean()
    action.save()
    search.index_action(action)
    if owner.pk != actor.pk:
        notify(
            recipient=owner,
            kind="action_assigned",
            url=action.get_absolute_url(),
            params={"ref": action.reference, "title": action.title, "by": str(actor)},
        )
    save_versioned(current, [])
    return action
