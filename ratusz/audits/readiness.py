"""Readiness of internal audit: trained auditors in the pool (7.2), this year's
programme approved and on schedule (9.2)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.audits import qualification
from ratusz.audits.models import AuditorProfile, Programme
from ratusz.audits.policies import can_manage_pool, can_manage_programme
from ratusz.audits.selectors import programme_totals
from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict


def _auditors(today: date, p: dict) -> Verdict:
    pool = AuditorProfile.objects.filter(is_active=True, user__is_active=True)
    size = pool.count()
    if size < p["min_auditors"]:
        return Verdict(
            RED,
            ngettext(
                "%(n)d internal auditor in the pool; at least %(min)d are needed.",
                "%(n)d internal auditors in the pool; at least %(min)d are needed.",
                size,
            )
            % {"n": size, "min": p["min_auditors"]},
            reverse("audits:auditors"),
            can_manage_pool,
        )
    # The training as competence records hold it (none held counts as too old).
    cutoff = today - timedelta(days=365 * p["training_years"])
    stale = sum(
        1 for q in qualification.of(pool).values() if q.trained_on is None or q.trained_on < cutoff
    )
    if stale:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d auditor's training is older than %(y)d years.",
                "%(n)d auditors' training is older than %(y)d years.",
                stale,
            )
            % {"n": stale, "y": p["training_years"]},
            reverse("audits:auditors"),
            can_manage_pool,
        )
    return Verdict(GREEN, _("%(n)d trained internal auditors.") % {"n": size})


def _programme(today: date, p: dict) -> Verdict:
    programme = Programme.objects.filter(year=today.year).first()
    fix = reverse("audits:programme", args=[today.year])
    if programme is None:
        return Verdict(
            RED,
            _("There is no audit programme for %(y)d.") % {"y": today.year},
            fix,
            can_manage_programme,
        )
    if programme.status != Programme.Status.APPROVED:
        return Verdict(
            RED,
            _("The audit programme for %(y)d is not approved.") % {"y": today.year},
            fix,
            can_manage_programme,
        )
    late = programme_totals(today.year, today)["late"]
    if late > p["amber_up_to"]:
        return Verdict(
            RED, _("%(n)d programmed audits are late.") % {"n": late}, fix, can_manage_programme
        )
    if late:
        return Verdict(
            AMBER,
            ngettext("%(n)d programmed audit is late.", "%(n)d programmed audits are late.", late)
            % {"n": late},
            fix,
            can_manage_programme,
        )
    return Verdict(GREEN, _("The programme is approved and on schedule."))


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "7.2",
        gettext_lazy("Internal auditors trained"),
        _auditors,
        {"min_auditors": 2, "training_years": 3},
    ),
    ReadinessRule(
        "9.2", gettext_lazy("This year's audit programme"), _programme, {"amber_up_to": 1}
    ),
]
