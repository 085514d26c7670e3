"""Plain PDF records for the evidence pack (not controlled documents): an A4 page with
the office's stamp, a title, the date and an HTML body, often a table.

Areas render their evidence files with these (see `evidence.py` in
`core/plugins.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeData
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ratusz.core.models import Office
from ratusz.lib.controlled_copy import Stamp, html_to_pdf

# A run of this many characters without a space (a path, an address, a number) may wrap
# anywhere; shorter words stay whole, so a narrow column never splits "Closed" in two.
_LONG_WORD = re.compile(r"\S{28,}")


def _cell(value: object) -> str:
    if isinstance(value, SafeData):
        return str(value)
    text = str(escape("" if value is None else value))
    return _LONG_WORD.sub(lambda m: f'<span class="long">{m.group(0)}</span>', text)


def table_html(headers: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A table of escaped values (a value already marked safe is kept as HTML)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def record_pdf(
    title: str, body_html: str, *, today: date | None = None, landscape: bool = False
) -> bytes:
    """A plain A4 record (not a controlled document): title, date, content.

    A table of many columns asks for ``landscape``; long values wrap in their cells.
    """
    today = today or timezone.localdate()
    office = Office.current()
    stamp = Stamp(
        number=office.short_name or office.name if office else "",
        title=title,
        version="",
        status=_("record of %(date)s") % {"date": date_format(today, "SHORT_DATE_FORMAT")},
        effective="",
        footer=_("Evidence pack for the certification audit, prepared in Ratusz."),
    )
    style = (
        "<style>table{border-collapse:collapse;width:100%;font-size:8pt}"
        "th,td{border:0.5pt solid #999;padding:2pt 4pt;text-align:left;vertical-align:top}"
        "td{white-space:pre-line}th{background:#eee}"
        ".hash{font-family:'DejaVu Sans Mono',monospace;font-size:6.5pt;white-space:nowrap}"
        "</style>"
    )
    return html_to_pdf(
        f"{style}<h1>{escape(title)}</h1>{body_html}",
        stamp,
        lang=(get_language() or "pl")[:2],
        landscape=landscape,
    )
