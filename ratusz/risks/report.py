"""The yearly risk report for the mayor (PDF): the top risks, what changed in the
year, and the treatments done and late."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ratusz.core.models import Office
from ratusz.core.records import table_html
from ratusz.lib.controlled_copy import Stamp, html_to_pdf
from ratusz.risks import selectors

STYLE = (
    "<style>table{border-collapse:collapse;width:100%;font-size:8pt;margin-bottom:10pt}"
    "th,td{border:0.5pt solid #999;padding:2pt 4pt;text-align:left;vertical-align:top}"
    "td{white-space:pre-line}th{background:#eee}h2{font-size:11pt}</style>"
)


def _day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def yearly_report_pdf(year: int, today: date) -> bytes:
    data = selectors.year_report(year, today)
    office = Office.current()
    title = _("Risks and opportunities in %(year)d") % {"year": year}
    top = table_html(
        [
            _("Reference"),
            _("Title"),
            _("Unit"),
            _("Residual level"),
            _("Accepted level"),
            _("Response"),
        ],
        (
            (
                r.reference,
                r.title,
                r.org_unit.name,
                r.residual_level,
                r.appetite,
                r.get_response_display(),
            )
            for r in data.top
        ),
    )
    changes = table_html(
        [_("What changed"), _("Number")],
        [
            (_("Risks and opportunities added"), data.added),
            (_("Risks closed"), data.closed),
            (_("Reassessments that lowered the residual level"), data.effect["lowered"]),
            (_("Reassessments that raised the residual level"), data.effect["rose"]),
            (_("Treatments completed"), data.effect["done"]),
        ],
    )

    def actions(rows):
        return table_html(
            [_("Reference"), _("Action"), _("Raised by"), _("Owner"), _("Due date")],
            ((a.reference, a.title, a.source_label, str(a.owner), _day(a.due_date)) for a in rows),
        )

    # Headings translated outside the f-string: xgettext does not read calls in one.
    headings = [
        escape(text)
        for text in (
            _("Top risks"),
            _("Changes in the year"),
            _("Treatments done"),
            _("Treatments late"),
        )
    ]
    body = (
        f"{STYLE}<h1>{escape(title)}</h1>"
        f"<h2>{headings[0]}</h2>{top}"
        f"<h2>{headings[1]}</h2>{changes}"
        f"<h2>{headings[2]}</h2>{actions(data.done)}"
        f"<h2>{headings[3]}</h2>{actions(data.late)}"
    )
    stamp = Stamp(
        number=office.short_name or office.name if office else "",
        title=title,
        version="",
        status=_("report of %(date)s") % {"date": _day(today)},
        effective="",
        footer=_("Yearly risk report for the mayor, prepared in Ratusz."),
    )
    return html_to_pdf(body, stamp, lang=(get_language() or "pl")[:2], landscape=True)
