"""Readiness of the objectives (6.2) and of monitoring and measurement (9.1):
this year's objectives approved, each with a KPI, and the KPIs measured on
schedule."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.objectives import policies, selectors
from ratusz.objectives.models import Objective


def _objectives(today: date, p: dict) -> Verdict:
    year = today.year
    fix = reverse("objectives:list") + f"?year={year}"
    live = Objective.objects.filter(year=year).exclude(status=Objective.Status.WITHDRAWN)
    counts = live.aggregate(
        total=Count("pk"),
        draft=Count("pk", filter=Q(status=Objective.Status.DRAFT)),
    )
    if not counts["total"]:
        return Verdict(
            RED,
            _("There are no quality objectives for %(y)d.") % {"y": year},
            reverse("objectives:create"),
            policies.can_create_objective,
        )
    without_kpi = live.annotate(n=Count("kpis", filter=Q(kpis__is_active=True))).filter(n=0).count()
    if without_kpi:
        return Verdict(
            RED,
            ngettext(
                "%(n)d objective for %(y)d has no KPI to measure it.",
                "%(n)d objectives for %(y)d have no KPI to measure them.",
                without_kpi,
            )
            % {"n": without_kpi, "y": year},
            fix,
            policies.can_view_objectives,
        )
    if counts["draft"]:
        return Verdict(
            AMBER if counts["draft"] <= p["amber_up_to"] else RED,
            ngettext(
                "%(n)d objective for %(y)d awaits approval by top management.",
                "%(n)d objectives for %(y)d await approval by top management.",
                counts["draft"],
            )
            % {"n": counts["draft"], "y": year},
            fix + "&status=draft",
            policies.can_view_objectives,
        )
    return Verdict(
        GREEN,
        _("All %(n)d objectives for %(y)d are approved and measured by KPIs.")
        % {"n": counts["total"], "y": year},
    )


def _measured(today: date, p: dict) -> Verdict:
    states = selectors.states_for(year=today.year, today=today)
    if not states:
        return Verdict(
            AMBER,
            _("No KPI of this year's objectives is being measured yet."),
            reverse("objectives:list") + f"?year={today.year}",
            policies.can_view_objectives,
        )
    late = [s for s in states if s.overdue]
    if not late:
        return Verdict(GREEN, _("Every KPI is measured on schedule."))
    reason = ngettext(
        "%(n)d KPI has a measurement overdue by more than a period.",
        "%(n)d KPIs have a measurement overdue by more than a period.",
        len(late),
    ) % {"n": len(late)}
    return Verdict(
        AMBER if len(late) <= p["amber_up_to"] else RED,
        reason,
        late[0].kpi.get_absolute_url(),
        policies.can_view_objectives,
    )


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "6.2",
        gettext_lazy("This year's quality objectives, approved, each with a KPI"),
        _objectives,
        {"amber_up_to": 1},
    ),
    ReadinessRule(
        "9.1",
        gettext_lazy("KPIs measured on schedule"),
        _measured,
        {"amber_up_to": 1},
    ),
]
