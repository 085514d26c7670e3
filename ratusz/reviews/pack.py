"""The review pack: one PDF with the inputs as reviewed (tables with the previous
period's figures), the record of the meeting and the decisions."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from ratusz.core.records import record_pdf, table_html
from ratusz.lib.review_periods import trend
from ratusz.reviews import selectors
from ratusz.reviews.models import Review

ARROWS = {"up": "▲", "down": "▼", "same": "="}


def _h(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def review_pdf(review: Review) -> bytes:
    page = selectors.review_page(review, user=None)  # type: ignore[arg-type]
    fmt = lambda d: date_format(d, "SHORT_DATE_FORMAT") if d else "—"  # noqa: E731
    html = table_html(
        [_("Meeting date"), _("Period reviewed"), _("Chair"), _("Status")],
        [
            (
                fmt(review.held_on or review.planned_date),
                f"{fmt(review.period_start)}–{fmt(review.period_end)}",
                str(review.chair or "—"),
                review.get_status_display(),
            )
        ],
    )
    html += _h(2, _("Attendance"))
    html += table_html(
        [_("Person"), _("Present"), _("Record acknowledged")],
        (
            (
                str(row.person),
                {True: _("yes"), False: _("no"), None: "—"}[row.present],
                fmt(row.acknowledged_at and timezone.localtime(row.acknowledged_at).date()),
            )
            for row in review.attendance.all()
        ),
    )
    html += _h(2, _("Inputs (ISO 9001 9.3.2)"))
    for row in page.topics:
        html += _h(3, f"{row.topic}) {row.label}")
        if not row.inputs:
            html += _p(_("Not held in Ratusz."))
        for entry in row.inputs:
            html += _p(entry["title"]) + _p(entry["summary"])
            if entry["figures"]:
                html += table_html(
                    [_("Figure"), _("This period"), _("Previous period"), _("Trend")],
                    (
                        (label, value, previous or "—", ARROWS.get(trend(value, previous), ""))
                        for label, value, previous in entry["figures"]
                    ),
                )
        if row.evidence:
            html += _p(
                _("Evidence attached: %(files)s") % {"files": "; ".join(map(str, row.evidence))}
            )
        if row.comment:
            html += _p(_("Quality manager's comment: %(text)s") % {"text": row.comment})
        if row.discussion:
            html += _p(_("Discussion: %(text)s") % {"text": row.discussion})
    html += _h(2, _("Conclusions"))
    html += table_html(
        [_("Question"), _("Conclusion")],
        [
            (_("Suitability of the QMS"), review.suitability),
            (_("Adequacy of the QMS"), review.adequacy),
            (_("Effectiveness of the QMS"), review.effectiveness),
            (_("Alignment with the office's strategy"), review.alignment),
        ],
    )
    html += _h(2, _("Decisions (ISO 9001 9.3.3)"))
    html += table_html(
        [_("No."), _("Kind"), _("Decision"), _("Owner"), _("Due date"), _("Action"), _("Status")],
        (
            (
                d.number,
                d.get_kind_display(),
                d.text,
                str(d.action.owner) if d.action else "—",
                fmt(d.action.due_date) if d.action else "—",
                d.action.reference if d.action else "—",
                d.action.get_status_display() if d.action else "—",
            )
            for d in page.decisions
        ),
    )
    signed = (
        _("Signed by %(chair)s on %(date)s.")
        % {"chair": review.chair, "date": fmt(timezone.localtime(review.signed_at).date())}
        if review.signed_at
        else _("Not signed yet.")
    )
    html += _p(signed)
    if review.audit_head:
        html += _p(
            _("Audit trail head last exported when the review was held: %(head)s")
            % {"head": review.audit_head}
        )
    return record_pdf(str(review), html, today=review.held_on, landscape=True)
