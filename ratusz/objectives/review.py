"""Objectives' inputs to the management review (9.3.2 c2 and c5): how far the
quality objectives are met, and the monitoring and measurement results of the
period reviewed, each beside the previous period of the same length."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.lib import periods
from ratusz.objectives.models import Measurement, Objective


def _objectives(start: date, end: date) -> dict[str, int]:
    evaluated = Objective.objects.filter(year__gte=start.year, year__lte=end.year).aggregate(
        total=Count("pk", filter=~Q(status=Objective.Status.WITHDRAWN)),
        achieved=Count("pk", filter=Q(status=Objective.Status.ACHIEVED)),
        not_achieved=Count("pk", filter=Q(status=Objective.Status.NOT_ACHIEVED)),
        approved=Count("pk", filter=Q(status=Objective.Status.APPROVED)),
    )
    return evaluated


def _measurements(start: date, end: date) -> dict[str, int]:
    counts = {periods.MET: 0, periods.WARNING: 0, periods.MISSED: 0}
    rows = Measurement.objects.filter(period_start__range=(start, end)).values_list(
        "value", "kpi__target", "kpi__warning", "kpi__higher_is_better"
    )
    for value, target, warning, higher in rows:
        counts[periods.standing(value, target, warning, higher_is_better=higher)] += 1
    counts["total"] = sum(counts.values())
    return counts


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def inputs(start: date, end: date) -> list[ReviewInput]:
    length = end - start
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - length
    now, before = _objectives(start, end), _objectives(prev_start, prev_end)
    m_now, m_before = _measurements(start, end), _measurements(prev_start, prev_end)
    url = reverse("objectives:list")
    return [
        ReviewInput(
            topic=ReviewTopic.OBJECTIVES,
            title=_("Quality objectives"),
            summary=_("%(achieved)d of %(total)d objectives achieved; %(open)d still pursued.")
            % {"achieved": now["achieved"], "total": now["total"], "open": now["approved"]},
            figures=(
                ReviewFigure(_("Objectives"), str(now["total"]), _text(before["total"])),
                ReviewFigure(_("Achieved"), str(now["achieved"]), _text(before["achieved"])),
                ReviewFigure(
                    _("Not achieved"), str(now["not_achieved"]), _text(before["not_achieved"])
                ),
                ReviewFigure(_("Still pursued"), str(now["approved"]), _text(before["approved"])),
            ),
            url=url,
        ),
        ReviewInput(
            topic=ReviewTopic.MEASUREMENT,
            title=_("KPI measurements"),
            summary=_(
                "%(total)d measurements in the period: %(met)d met the target, "
                "%(missed)d were past the warning threshold."
            )
            % {"total": m_now["total"], "met": m_now[periods.MET], "missed": m_now[periods.MISSED]},
            figures=(
                ReviewFigure(_("Measurements"), str(m_now["total"]), _text(m_before["total"])),
                ReviewFigure(
                    _("Target met"), str(m_now[periods.MET]), _text(m_before[periods.MET])
                ),
                ReviewFigure(
                    _("Below target"),
                    str(m_now[periods.WARNING]),
                    _text(m_before[periods.WARNING]),
                ),
                ReviewFigure(
                    _("Past the warning threshold"),
                    str(m_now[periods.MISSED]),
                    _text(m_before[periods.MISSED]),
                ),
            ),
            url=url,
        ),
    ]
