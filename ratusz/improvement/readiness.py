"""Readiness of improvement: nonconformities corrected promptly (8.7), on time and
verified (10.2), improvement ideas decided (10.3)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.core.dates import day_start
from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.improvement.models import Idea, Nonconformity


def _corrections(today: date, p: dict) -> Verdict:
    waiting = Nonconformity.objects.filter(
        status=Nonconformity.Status.OPEN,
        correction="",
        detected_on__lt=today - timedelta(days=p["correct_within_days"]),
    ).count()
    if waiting:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d nonconformity has no correction recorded after %(d)d days.",
                "%(n)d nonconformities have no correction recorded after %(d)d days.",
                waiting,
            )
            % {"n": waiting, "d": p["correct_within_days"]},
            reverse("improvement:nc_list") + "?status=open",
        )
    return Verdict(GREEN, _("Nonconformities are corrected promptly."))


def _nonconformities(today: date, p: dict) -> Verdict:
    open_ = Nonconformity.objects.open()
    counts = open_.aggregate(
        overdue=Count("pk", filter=Q(target_date__lt=today)),
        major_overdue=Count("pk", filter=Q(target_date__lt=today, grade="major")),
        unverified=Count(
            "pk",
            filter=Q(status=Nonconformity.Status.VERIFICATION, verification_due__lt=today),
        ),
    )
    fix = reverse("improvement:nc_list") + "?overdue=1"
    if counts["major_overdue"] or counts["overdue"] > p["amber_up_to"]:
        return Verdict(
            RED,
            ngettext(
                "%(n)d nonconformity is past its target date.",
                "%(n)d nonconformities are past their target date.",
                counts["overdue"],
            )
            % {"n": counts["overdue"]},
            fix,
        )
    if counts["overdue"] or counts["unverified"]:
        return Verdict(
            AMBER,
            _(
                "%(overdue)d past the target date, %(unverified)d waiting too long for the "
                "effectiveness check."
            )
            % counts,
            fix if counts["overdue"] else reverse("improvement:nc_list") + "?status=verification",
        )
    return Verdict(GREEN, _("No nonconformity is overdue or waiting for its effectiveness check."))


def _ideas(today: date, p: dict) -> Verdict:
    waiting = Idea.objects.filter(
        status__in=(Idea.Status.SUBMITTED, Idea.Status.EVALUATING),
        created_at__lt=day_start(today - timedelta(days=p["decide_within_days"])),
    ).count()
    if waiting:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d improvement idea has waited more than %(d)d days for a decision.",
                "%(n)d improvement ideas have waited more than %(d)d days for a decision.",
                waiting,
            )
            % {"n": waiting, "d": p["decide_within_days"]},
            reverse("improvement:idea_list"),
        )
    return Verdict(GREEN, _("Improvement ideas are decided on time."))


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "8.7",
        gettext_lazy("Immediate correction of nonconformities"),
        _corrections,
        {"correct_within_days": 14},
    ),
    ReadinessRule(
        "10.2",
        gettext_lazy("Nonconformities on time and verified"),
        _nonconformities,
        {"amber_up_to": 3},
    ),
    ReadinessRule(
        "10.3", gettext_lazy("Improvement ideas decided"), _ideas, {"decide_within_days": 60}
    ),
]
