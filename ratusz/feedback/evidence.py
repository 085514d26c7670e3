"""The register of complaints and motions in the evidence pack (9.1.2): the last
twelve months, without the submitters' personal data."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core.plugins import EvidenceItem
from ratusz.core.records import record_pdf, table_html
from ratusz.feedback.models import Submission


def _fmt(day: date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def _register_pdf(today: date) -> bytes:
    rows = (
        Submission.objects.filter(received_on__gte=today - timedelta(days=365))
        .select_related("org_unit")
        .order_by("year", "number")[:5000]
    )
    html = table_html(
        [
            _("Number"),
            _("Kind"),
            _("Received on"),
            _("Subject"),
            _("Unit"),
            _("Deadline"),
            _("Reply sent on"),
            _("Outcome"),
            _("Status"),
        ],
        (
            (
                s.reference,
                s.get_kind_display(),
                _fmt(s.received_on),
                s.subject,
                s.org_unit.name if s.org_unit else "—",
                _fmt(s.deadline),
                _fmt(s.reply_sent_on),
                s.get_outcome_display() or "—",
                s.get_status_display(),
            )
            for s in rows
        ),
    )
    return record_pdf(_("Register of complaints and motions"), html, today=today, landscape=True)


def items(today: date) -> list:
    return [
        EvidenceItem(
            clause="9.1.2",
            title=_("Register of complaints and motions (last 12 months)"),
            path="feedback/register.pdf",
            render=lambda: _register_pdf(today),
        )
    ]
