"""Internal audits in the evidence pack (9.2): this year's and last year's
programmes with their progress, and the reports of the last 12 months."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.translation import gettext as _

from ratusz.audits import selectors
from ratusz.audits.models import Audit, Programme
from ratusz.audits.report import report_pdf
from ratusz.core.dates import day_start
from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.core.records import record_pdf, table_html


def _programme_pdf(programme: Programme, today: date) -> bytes:
    items = selectors.items_with_progress(programme, today)
    labels = selectors.progress_labels()
    totals = selectors.progress_totals(items)
    status = programme.get_status_display()
    html = "<p>" + escape(_("Status")) + f": {escape(status)}</p>"
    html += table_html(
        [_("Process"), _("Unit"), _("Planned month"), _("Progress"), _("Why and when")],
        (
            (
                str(item.process or "—"),
                item.org_unit.name,
                MONTHS[item.planned_month],
                labels[item.progress],
                item.justification or item.why,
            )
            for item in items
        ),
    )
    html += (
        "<p>"
        + escape(_("Done: %(done)d of %(total)d (%(percent_done)d%%), late: %(late)d.") % totals)
        + "</p>"
    )
    return record_pdf(str(programme), html, today=today)


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    result: list[EvidenceItem | EvidenceGap] = []
    for programme in Programme.objects.filter(year__in=(today.year - 1, today.year)):
        result.append(
            EvidenceItem(
                "9.2",
                str(programme),
                f"audits/programme-{programme.year}.pdf",
                lambda programme=programme: _programme_pdf(programme, today),
            )
        )
    if not result:
        result.append(EvidenceGap("9.2", _("Audit programme")))
    closed = Audit.objects.filter(
        status=Audit.Status.CLOSED, report_issued_at__gte=day_start(today - timedelta(days=365))
    ).order_by("planned_start")
    for audit in closed:
        result.append(
            EvidenceItem(
                "9.2",
                _("Internal audit report %(ref)s: %(title)s")
                % {"ref": audit.reference, "title": audit.title},
                f"audits/{audit.reference.replace('/', '-')}.pdf",
                lambda audit=audit: report_pdf(audit),
            )
        )
    return result
