"""Readiness of the management review (9.3) and its part of leadership (5.1)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.core import access
from ratusz.core.models import Action
from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.reviews import policies, selectors


def _list() -> str:
    return reverse("reviews:list")


def _held(today: date, p: dict) -> Verdict:
    last = selectors.last_held(before=today + timedelta(days=1))
    if last is None or last.held_on is None:
        return Verdict(
            RED, _("No management review has been held."), _list(), policies.can_plan_review
        )
    age = (today - last.held_on).days
    when = date_format(last.held_on, "SHORT_DATE_FORMAT")
    if age > p["max_days"]:
        return Verdict(
            RED,
            _("The last management review was held on %(date)s, more than 12 months ago.")
            % {"date": when},
            _list(),
            policies.can_plan_review,
        )
    if last.status == last.Status.HELD:
        return Verdict(
            AMBER,
            _("Review %(ref)s of %(date)s is not signed by its chair yet.")
            % {"ref": last.reference, "date": when},
            last.get_absolute_url(),
        )
    return Verdict(
        GREEN, _("Review %(ref)s held on %(date)s.") % {"ref": last.reference, "date": when}
    )


def _decisions(today: date, p: dict) -> Verdict:
    actions = selectors.decision_actions().filter(status__in=Action.OPEN_STATUSES)
    overdue = actions.filter(due_date__lt=today).order_by("due_date").first()
    if overdue is None:
        return Verdict(GREEN, _("The actions decided at management reviews are on track."))
    count = actions.filter(due_date__lt=today).count()
    state = RED if count > p["overdue_red"] else AMBER
    return Verdict(
        state,
        ngettext(
            "%(n)d action decided at management reviews is overdue, e.g. %(ref)s.",
            "%(n)d actions decided at management reviews are overdue, e.g. %(ref)s.",
            count,
        )
        % {"n": count, "ref": overdue.reference},
        overdue.get_absolute_url(),
        lambda user: access.can_view_action(user, overdue),
    )


def _chaired(today: date, p: dict) -> Verdict:
    last = selectors.last_held(before=today + timedelta(days=1))
    if last is None:
        return Verdict(
            RED, _("No management review chaired by top management is recorded."), _list()
        )
    if last.chair is None or not policies.can_chair(last.chair):
        return Verdict(
            AMBER,
            _("Review %(ref)s was not chaired by a member of top management.")
            % {"ref": last.reference},
            last.get_absolute_url(),
        )
    return Verdict(
        GREEN,
        _("Review %(ref)s chaired by %(chair)s.") % {"ref": last.reference, "chair": last.chair},
    )


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "9.3",
        gettext_lazy("A management review held in the last 12 months"),
        _held,
        {"max_days": 366},
    ),
    ReadinessRule(
        "9.3",
        gettext_lazy("Actions decided at management reviews on track"),
        _decisions,
        {"overdue_red": 3},
    ),
    ReadinessRule("5.1", gettext_lazy("Top management chairs the management review"), _chaired),
]
