"""Nonconformities in the evidence pack (10.2): open ones and those closed in
the last 12 months, with their root cause, actions and effectiveness."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core.dates import day_start
from ratusz.core.plugins import EvidenceItem
from ratusz.core.records import record_pdf, table_html
from ratusz.improvement.models import Nonconformity


def _fmt(day: date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def _register_pdf(today: date) -> bytes:
    since = today - timedelta(days=365)
    ncs = (
        Nonconformity.objects.filter(
            Q(status__in=Nonconformity.OPEN_STATUSES) | Q(closed_at__gte=day_start(since))
        )
        .exclude(status=Nonconformity.Status.REPORTED)
        .select_related("org_unit", "clause", "process")
        .order_by("year", "number")
    )
    rows = (
        (
            nc.reference,
            f"{nc.title}\n{nc.description}",
            nc.get_source_display(),
            nc.clause.number if nc.clause else "—",
            nc.org_unit.name,
            nc.root_cause or "—",
            _fmt(nc.target_date),
            nc.get_status_display(),
            nc.get_verification_result_display() or "—",
        )
        for nc in ncs
    )
    html = table_html(
        [
            _("Reference"),
            _("Nonconformity"),
            _("Source"),
            _("ISO clause"),
            _("Unit"),
            _("Root cause"),
            _("To be closed by"),
            _("Status"),
            _("Effectiveness"),
        ],
        rows,
    )
    # Nine columns: the page is turned so that every header stays whole.
    return record_pdf(
        _("Nonconformities open or closed in the last 12 months"),
        html,
        today=today,
        landscape=True,
    )


def items(today: date) -> list[EvidenceItem]:
    return [
        EvidenceItem(
            "10.2",
            _("Nonconformities open or closed in the last 12 months"),
            "nonconformities.pdf",
            lambda: _register_pdf(today),
        )
    ]
