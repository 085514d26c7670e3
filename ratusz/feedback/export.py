"""The register of submissions as a spreadsheet, and the public open data as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from ratusz.feedback.models import Kind, Submission
from ratusz.feedback.selectors import Statistics
from ratusz.lib import spreadsheet


def register(rows: Iterable[Submission]) -> bytes:
    headers = [
        _("Number"),
        _("Received on"),
        _("Kind"),
        _("Channel"),
        _("Name of the submitter"),
        _("Address"),
        _("Subject"),
        _("Unit"),
        _("Handled by"),
        _("Assigned on"),
        _("Deadline"),
        _("Returned on"),
        _("Outcome"),
        _("Reply sent on"),
        _("Notified"),
        _("Remarks"),
        _("Status"),
    ]
    return spreadsheet.table(
        _("Submissions"),
        headers,
        (
            [
                s.reference,
                s.received_on,
                s.get_kind_display(),
                s.get_channel_display(),
                s.submitter_name,
                s.submitter_address,
                s.subject,
                s.org_unit.name if s.org_unit else "",
                str(s.handler) if s.handler else "",
                s.assigned_on,
                s.deadline,
                s.returned_on,
                s.get_outcome_display(),
                s.reply_sent_on,
                s.notified,
                s.remarks,
                s.get_status_display(),
            ]
            for s in rows
        ),
    )


def petition_labels() -> dict[str, str]:
    return {
        "received": _("received"),
        "answered": _("answered"),
        "justified": _("found justified"),
        "without_consideration": _("left without consideration"),
        "forwarded": _("forwarded"),
        "open": _("still being handled"),
    }


def statistics_csv(stats: Statistics) -> str:
    """Open data: counts per kind and month, then the year's shares (no personal data)."""
    out = io.StringIO()
    writer = csv.writer(out)
    kinds = [k for k, _label in Kind.choices]
    writer.writerow([_("Year"), _("Month"), *[str(label) for _k, label in Kind.choices]])
    for month, counts in stats.months:
        writer.writerow([stats.year, month, *[counts.get(k, 0) for k in kinds]])
    writer.writerow([])
    writer.writerow([_("Answered"), stats.on_time.answered])
    writer.writerow([_("Answered on time"), stats.on_time.on_time])
    share = stats.on_time.on_time_share
    # xgettext:no-python-format
    writer.writerow([_("Share answered on time (%)"), "" if share is None else share])
    for key, label in petition_labels().items():
        writer.writerow([_("Petitions: %(what)s") % {"what": label}, stats.petitions.get(key, 0)])
    return out.getvalue()
