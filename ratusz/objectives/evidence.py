"""Objectives in the evidence pack: the register of quality objectives (6.2) and
the KPI table with the latest results (9.1.1), as PDF records."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.core.records import record_pdf, table_html
from ratusz.lib import periods
from ratusz.objectives import selectors
from ratusz.objectives.models import Kpi, Objective


def _objectives_pdf(today: date) -> bytes:
    rows = (
        Objective.objects.filter(year__gte=today.year - 1)
        .select_related("org_unit", "owner", "approved_by")
        .order_by("-year", "number")
    )
    body = table_html(
        [
            _("Reference"),
            _("Objective"),
            _("Unit"),
            _("Responsible"),
            _("To be achieved by"),
            _("How results are evaluated"),
            _("Status"),
            _("Approved by"),
        ],
        (
            [
                o.reference,
                o.title,
                o.org_unit.name if o.org_unit else _("Whole office"),
                str(o.owner),
                o.due_date.isoformat(),
                o.evaluation,
                o.get_status_display(),
                str(o.approved_by or "—"),
            ]
            for o in rows
        ),
    )
    return record_pdf(_("Quality objectives"), body, today=today, landscape=True)


STANDING = {
    periods.MET: "✓",
    periods.WARNING: "!",
    periods.MISSED: "✗",
}


def _kpis_pdf(today: date) -> bytes:
    kpis = Kpi.objects.filter(is_active=True, objective__year__gte=today.year - 1).select_related(
        "objective__org_unit", "owner"
    )
    states = [
        selectors.state_of(kpi, today)
        for kpi in selectors.kpis_with_latest(kpis).order_by(
            "-objective__year", "objective__number", "id"
        )
    ]
    body = table_html(
        [
            _("Objective"),
            _("KPI"),
            _("Target"),
            _("Warning threshold"),
            _("Frequency"),
            _("Latest period"),
            _("Latest value"),
            _("Against target"),
            _("Measurement overdue"),
        ],
        (
            [
                s.kpi.objective.reference,
                s.kpi.name,
                f"{s.kpi.target} {s.kpi.unit}",
                s.kpi.warning if s.kpi.warning is not None else "—",
                s.kpi.get_frequency_display(),
                s.last_label or "—",
                s.last_value if s.last_value is not None else "—",
                STANDING.get(s.standing, "—"),
                _("yes") if s.overdue else _("no"),
            ]
            for s in states
        ),
    )
    legend = "<p>" + _("✓ target met, ! below target, ✗ past the warning threshold.") + "</p>"
    return record_pdf(
        _("KPIs and their latest results"), body + legend, today=today, landscape=True
    )


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    if not Objective.objects.filter(year=today.year).exists():
        return [EvidenceGap("6.2", _("Quality objectives for %(y)d") % {"y": today.year})]
    return [
        EvidenceItem(
            "6.2",
            _("Quality objectives"),
            "objectives/quality-objectives.pdf",
            lambda: _objectives_pdf(today),
        ),
        EvidenceItem(
            "9.1.1",
            _("KPIs and their latest results"),
            "objectives/kpis.pdf",
            lambda: _kpis_pdf(today),
        ),
    ]
