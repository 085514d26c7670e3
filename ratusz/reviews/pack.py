"""The review pack: one PDF with the inputs as reviewed (tables with the previous
period's figures, and a chart of each input's figures against the previous period),
the record of the meeting and the decisions."""

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


def _number(text: str) -> float | None:
    try:
        return float(str(text).replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%"))
    except ValueError:
        return None


LABEL_W, BAR_W, ROW_H = 260, 260, 30


def chart(figures) -> str:
    """A bar chart of an input's figures: this period's bar (dark) over the previous
    period's (light), each row on its own scale (the figures are counts and shares
    side by side), with the values written beside the bars. Empty when no figure has
    two numbers to compare, not both zero."""
    rows = [
        (label, value, previous, _number(value), _number(previous or ""))
        for label, value, previous in figures
    ]
    # A row of two zeros draws nothing worth a look.
    rows = [r for r in rows if r[3] is not None and r[4] is not None and (r[3] or r[4])]
    if not rows:
        return ""
    height = ROW_H * len(rows) + 22
    width = LABEL_W + BAR_W + 70
    name = escape(_("This period against the previous one"))
    now_text, before_text = escape(_("This period")), escape(_("Previous period"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{name}">'
    ]
    for i, (label, value, previous, now, before) in enumerate(rows):
        top = i * ROW_H
        scale = max(now, before, 0)
        parts.append(f'<text x="0" y="{top + 15}" font-size="10">{escape(label[:44])}</text>')
        for j, (amount, text, fill) in enumerate(
            ((now, value, "#1d5fa8"), (before, previous, "#9bbbe0"))
        ):
            bar = BAR_W * amount / scale if scale > 0 else 0
            y = top + 4 + j * 11
            parts.append(
                f'<rect x="{LABEL_W}" y="{y}" width="{bar:.1f}" height="9" fill="{fill}"/>'
                f'<text x="{LABEL_W + bar + 4:.1f}" y="{y + 8}" font-size="9">{escape(text)}</text>'
            )
    legend = ROW_H * len(rows) + 14
    parts.append(
        f'<rect x="{LABEL_W}" y="{legend - 8}" width="9" height="9" fill="#1d5fa8"/>'
        f'<text x="{LABEL_W + 13}" y="{legend}" font-size="9">{now_text}</text>'
        f'<rect x="{LABEL_W + 110}" y="{legend - 8}" width="9" height="9" fill="#9bbbe0"/>'
        f'<text x="{LABEL_W + 123}" y="{legend}" font-size="9">{before_text}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


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
                html += chart(entry["figures"])
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
