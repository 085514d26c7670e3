"""Readiness of the office's context: 4.1 issues reviewed within a year and
climate change decided; 4.2 interested parties with requirements, reviewed;
5.1 top management's own approvals (the policy, this year's objectives)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.context import leadership
from ratusz.context.models import ClimateDecision, ContextIssue, ContextReview, InterestedParty
from ratusz.context.policies import can_edit_party, can_manage_context
from ratusz.context.selectors import year_before
from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict


def _months_ago(today: date, months: int) -> date:
    return year_before(today) if months == 12 else date.fromordinal(today.toordinal() - months * 30)


def _issues(today: date, p: dict) -> Verdict:
    overview = reverse("context:overview")
    if not ContextIssue.objects.filter(is_active=True).exists():
        return Verdict(
            RED,
            _("No internal or external issues are recorded."),
            reverse("context:issue_list"),
            can_manage_context,
        )
    last = (
        ContextReview.objects.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    )
    if last is None or last < _months_ago(today, p["months"]):
        reason = (
            _("The context has never been reviewed.")
            if last is None
            else _("The context was last reviewed on %(date)s, over %(n)d months ago.")
            % {"date": date_format(last, "SHORT_DATE_FORMAT"), "n": p["months"]}
        )
        return Verdict(RED, reason, overview, can_manage_context)
    if not ClimateDecision.objects.exists():
        return Verdict(
            AMBER,
            _("Whether climate change is a relevant issue is not decided."),
            reverse("context:climate"),
            can_manage_context,
        )
    return Verdict(
        GREEN,
        _("Context reviewed on %(date)s; climate change decided.")
        % {"date": date_format(last, "SHORT_DATE_FORMAT")},
    )


def _parties(today: date, p: dict) -> Verdict:
    parties = InterestedParty.objects.filter(is_active=True)
    count = parties.count()
    if not count:
        return Verdict(
            RED,
            _("No interested parties are recorded."),
            reverse("context:party_list"),
            can_manage_context,
        )
    bare = parties.filter(requirements__isnull=True).order_by("name").first()
    if bare is not None:
        return Verdict(
            AMBER,
            _("%(party)s has no requirements recorded.") % {"party": bare},
            bare.get_absolute_url(),
            lambda user: can_edit_party(user, bare),
        )
    stale = (
        parties.exclude(reviewed_on__gte=_months_ago(today, p["months"])).order_by("name").first()
    )
    if stale is not None:
        return Verdict(
            AMBER,
            _("The requirements of %(party)s were not reviewed in the last %(n)d months.")
            % {"party": stale, "n": p["months"]},
            stale.get_absolute_url(),
            lambda user: can_edit_party(user, stale),
        )
    return Verdict(
        GREEN,
        _("%(n)d interested parties, each with requirements reviewed in the last %(m)d months.")
        % {"n": count, "m": p["months"]},
    )


def _leadership(today: date, p: dict) -> Verdict:
    found = leadership.standing(today=today)
    fix = reverse("context:leadership")
    if not found.has_leaders:
        return Verdict(RED, _("Nobody holds the top-management role."), fix)
    missing = []
    if not found.policy_by_leader:
        missing.append(_("the quality policy in force"))
    if not found.objectives_this_year:
        missing.append(_("this year's quality objectives"))
    if not missing:
        return Verdict(
            GREEN, _("Top management approved the policy in force and this year's objectives.")
        )
    reason = _("Not approved by top management: %(what)s.") % {"what": ", ".join(missing)}
    return Verdict(AMBER if len(missing) == 1 else RED, reason, fix)


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "4.1",
        gettext_lazy("Internal and external issues, reviewed; climate change decided"),
        _issues,
        {"months": 12},
    ),
    ReadinessRule(
        "4.2",
        gettext_lazy("Interested parties and their requirements, reviewed"),
        _parties,
        {"months": 12},
    ),
    ReadinessRule(
        "5.1",
        gettext_lazy("Top management approved the quality policy and this year's objectives"),
        _leadership,
    ),
]
