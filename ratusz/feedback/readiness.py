"""Readiness of customer satisfaction and communication (ISO 9001 9.1.2, 8.2.1):
complaints are answered on time, and residents can reach the office and get answers."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.feedback import conf, policies, selectors
from ratusz.feedback.models import Kind, Submission


def _threshold(p: dict) -> int:
    return int(p.get("target") or conf.get("RATUSZ_FEEDBACK_ON_TIME_TARGET"))


def _complaints(today: date, p: dict) -> Verdict:
    """9.1.2: complaints answered on time, over the last twelve months, above the threshold."""
    figures = selectors.totals(
        start=today - timedelta(days=365), end=today, kinds=(Kind.COMPLAINT, Kind.MOTION)
    )
    missed = Submission.objects.missed_without_notice(today).count()
    target = _threshold(p)
    if not figures.answered:
        return Verdict(
            AMBER, _("No complaints or motions were answered in the last twelve months.")
        )
    share = figures.on_time_share
    text = _("%(share)s%% of complaints and motions answered on time (target %(target)s%%).") % {
        "share": number_format(share, 1),
        "target": target,
    }
    url = reverse("feedback:list") + "?missed=on&state=all"
    if share is not None and share < target:
        return Verdict(RED, text, url, policies.can_view_register)
    if missed:
        return Verdict(
            AMBER,
            text + " " + _("%(n)d deadlines missed without a delay notice.") % {"n": missed},
            url,
            policies.can_view_register,
        )
    return Verdict(GREEN, text)


def _communication(today: date, p: dict) -> Verdict:
    """8.2.1: the portal takes submissions, and requests are answered on time."""
    figures = selectors.totals(start=today - timedelta(days=365), end=today)
    received = figures.received
    if not received:
        return Verdict(
            AMBER,
            _("The portal is open, but no submissions were received in the last twelve months."),
        )
    share = figures.on_time_share
    target = _threshold(p)
    text = _(
        "The portal takes submissions; %(n)d received in twelve months, %(share)s%% answered "
        "on time."
    ) % {"n": received, "share": "—" if share is None else number_format(share, 1)}
    if share is not None and share < target:
        return Verdict(RED, text, reverse("feedback:statistics"), policies.can_view_statistics)
    return Verdict(GREEN, text)


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "9.1",
        gettext_lazy(
            "9.1.2: complaints and motions answered on time, above the office's threshold"
        ),
        _complaints,
    ),
    ReadinessRule(
        "8.2",
        gettext_lazy("8.2.1: the residents' portal; requests answered on time"),
        _communication,
    ),
]
