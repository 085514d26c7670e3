"""The statistics as bar charts (server-rendered SVG data) and as an XLSX workbook."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ratusz.improvement.models import Nonconformity
from ratusz.improvement.selectors import Statistics
from ratusz.lib import spreadsheet

BAR_AREA = 360  # px of the longest bar
BAR_HEIGHT = 18
LABEL_WIDTH = 260
MAX_BARS = 25


def _label(row: dict, empty: str) -> str:
    label = row["label"]
    if label is None or label == "":
        return empty
    if hasattr(label, "year"):
        return date_format(label, "YEAR_MONTH_FORMAT")
    return str(label)


def _tables(stats: Statistics) -> list[dict]:
    """Each breakdown with its title and translated headers, shared by page and workbook."""
    return [
        {
            "key": "unit",
            "title": _("By unit"),
            "head": _("Unit"),
            "rows": stats.by_unit,
            "empty": _("(none)"),
        },
        {
            "key": "process",
            "title": _("By process"),
            "head": _("Process"),
            "rows": stats.by_process,
            "empty": _("(no process)"),
        },
        {
            "key": "clause",
            "title": _("By ISO clause"),
            "head": _("ISO clause"),
            "rows": stats.by_clause,
            "empty": _("(no clause)"),
        },
        {
            "key": "source",
            "title": _("By source"),
            "head": _("Source"),
            "rows": stats.by_source,
            "empty": _("(none)"),
        },
        {
            "key": "month",
            "title": _("By month of detection"),
            "head": _("Month"),
            "rows": stats.by_month,
            "empty": "",
        },
    ]


def charts(stats: Statistics) -> list[dict]:
    """Tables plus the geometry of one horizontal bar per row (the SVG has no styles)."""
    result = []
    for table in _tables(stats):
        rows = [{**row, "text": _label(row, table["empty"])} for row in table["rows"]]
        top = max((row["total"] for row in rows), default=0) or 1
        bars = []
        for index, row in enumerate(rows[:MAX_BARS]):
            bars.append(
                {
                    "text": row["text"],
                    "total": row["total"],
                    "y": index * (BAR_HEIGHT + 6),
                    "text_y": index * (BAR_HEIGHT + 6) + BAR_HEIGHT - 5,
                    "width": round(BAR_AREA * row["total"] / top),
                    "value_x": LABEL_WIDTH + round(BAR_AREA * row["total"] / top) + 6,
                }
            )
        result.append(
            {
                **table,
                "rows": rows,
                "bars": bars,
                "truncated": len(rows) > MAX_BARS,
                "label_width": LABEL_WIDTH,
                "width": LABEL_WIDTH + BAR_AREA + 60,
                "height": max(len(bars), 1) * (BAR_HEIGHT + 6),
            }
        )
    return result


def workbook(stats: Statistics) -> bytes:
    """One sheet for the summary and one per breakdown; headers in the reader's language."""
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    f = stats.filters
    summary.append([_("Nonconformities"), ""])
    summary.append([_("From"), f.date_from])
    summary.append([_("To"), f.date_to])
    summary.append([_("Unit"), f.unit.name if f.unit else _("All units")])
    summary.append([_("Total"), stats.total])
    summary.append([_("Open"), stats.open])
    summary.append([_("Closed"), stats.closed])
    summary.append([_("Average days to close"), stats.avg_days_to_close])
    summary.append([_("Closed on time (%)"), stats.on_time_rate])
    summary.append([_("Effective at the first check (%)"), stats.effectiveness_rate])
    summary["A1"].font = Font(bold=True)
    for row in range(2, 4):
        summary.cell(row=row, column=2).number_format = "yyyy-mm-dd"
    summary.column_dimensions["A"].width = 36
    for table in _tables(stats):
        sheet = book.create_sheet(str(table["title"])[:31])
        sheet.append([str(table["head"]), _("Total"), _("Open"), _("Closed")])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            label = row["label"]
            if not hasattr(label, "year"):
                label = _label(row, table["empty"])
            sheet.append([label, row["total"], row["open"], row["closed"]])
        if table["key"] == "month":
            for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
                cell.number_format = "yyyy-mm"
        sheet.column_dimensions["A"].width = 50
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register(nonconformities: Iterable[Nonconformity]) -> bytes:
    """The nonconformity register as filtered on the page, one row per nonconformity."""
    headers = [
        _("Reference"),
        _("Title"),
        _("Status"),
        _("Grade"),
        _("Source"),
        _("Unit"),
        _("Process"),
        _("ISO clause"),
        _("Detected on"),
        _("To be closed by"),
        _("Responsible"),
        _("Closed"),
    ]
    rows = (
        [
            nc.reference,
            nc.title,
            nc.get_status_display(),
            nc.get_grade_display(),
            nc.get_source_display(),
            nc.org_unit.name,
            str(nc.process) if nc.process else "",
            nc.clause.number if nc.clause else "",
            nc.detected_on,
            nc.target_date,
            nc.owner.get_full_name() if nc.owner else "",
            nc.closed_at,
        ]
        for nc in nonconformities
    )
    return spreadsheet.table(str(_("Nonconformities")), [str(h) for h in headers], rows)
