"""The evidence pack for the external auditor: one ZIP with a PDF index by clause.

Areas contribute through an optional `evidence.py` module with `items(today)`
returning `Item`s; this module adds the certificate record and the QMS scope,
renders the index and writes the archive. Only what the index lists goes into
the ZIP, and areas leave out anything restricted.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ratusz.certification.models import Certificate, ExternalAudit
from ratusz.core.models import Clause, Office
from ratusz.core.plugins import area_modules
from ratusz.lib.controlled_copy import Stamp, html_to_pdf


@dataclass(frozen=True)
class Item:
    clause: str  # e.g. "7.5"
    title: str
    path: str  # inside the ZIP, e.g. "documents/P-01.pdf"
    render: Callable[[], bytes]


@dataclass(frozen=True)
class Gap:
    """Evidence the index names as not held by Ratusz (e.g. management review)."""

    clause: str
    title: str


def table_html(headers: list[str], rows: Iterable[Iterable[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if c is None else c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def record_pdf(title: str, body_html: str, *, today: date | None = None) -> bytes:
    """A plain A4 record (not a controlled document): title, date, content."""
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
        "th{background:#eee}</style>"
    )
    return html_to_pdf(
        f"{style}<h1>{escape(title)}</h1>{body_html}", stamp, lang=(get_language() or "pl")[:2]
    )


def _certificates(today: date) -> bytes:
    certificates = Certificate.objects.select_related("body").order_by("-issue_date")
    audits = ExternalAudit.objects.select_related("body").order_by("-start_date")[:12]
    fmt = lambda d: date_format(d, "SHORT_DATE_FORMAT")  # noqa: E731
    html = (
        "<h2>"
        + escape(_("Certificates"))
        + "</h2>"
        + table_html(
            [
                _("Certificate number"),
                _("Standard"),
                _("Certification body"),
                _("Issued"),
                _("Valid until"),
                _("Status"),
            ],
            (
                (
                    c.number,
                    c.standard,
                    c.body.name,
                    fmt(c.issue_date),
                    fmt(c.expiry_date),
                    c.get_status_display(),
                )
                for c in certificates
            ),
        )
    )
    html += (
        "<h2>"
        + escape(_("External audits"))
        + "</h2>"
        + table_html(
            [_("Audit"), _("Dates"), _("Status"), _("Result")],
            (
                (
                    a.get_kind_display(),
                    f"{fmt(a.start_date)}–{fmt(a.end_date)}",
                    a.get_status_display(),
                    a.result,
                )
                for a in audits
            ),
        )
    )
    return record_pdf(_("Certificates and external audits"), html, today=today)


def _scope(today: date) -> bytes:
    office = Office.current()
    excluded = Clause.objects.filter(applicable=False).order_by("sort_key")
    html = "<h2>" + escape(_("Scope of the quality management system")) + "</h2>"
    html += f"<p>{escape(office.qms_scope if office else '')}</p>"
    if office and office.scope_justification:
        html += f"<p>{escape(office.scope_justification)}</p>"
    html += "<h2>" + escape(_("Clauses that do not apply")) + "</h2>"
    html += table_html(
        [_("ISO clause"), _("Justification")],
        ((f"{c.number} {c.title}", c.justification) for c in excluded),
    )
    return record_pdf(_("QMS scope"), html, today=today)


def collect(today: date | None = None) -> tuple[list[Item], list[Gap]]:
    today = today or timezone.localdate()
    items = [
        Item(
            "4.3",
            _("Scope of the QMS and justified exclusions"),
            "00-scope.pdf",
            lambda: _scope(today),
        ),
        Item(
            "—",
            _("Certificates and external audits"),
            "00-certificates.pdf",
            lambda: _certificates(today),
        ),
    ]
    gaps: list[Gap] = []
    for _label, module in area_modules("evidence"):
        for entry in module.items(today):
            (gaps if isinstance(entry, Gap) else items).append(entry)
    if not any(entry.clause == "9.3" for entry in [*items, *gaps]):
        # No management review area yet: the index says so instead of staying silent.
        gaps.append(Gap("9.3", _("Minutes of the last management review")))
    return items, gaps


def _index_pdf(items: list[Item], gaps: list[Gap], sizes: dict[str, str], today: date) -> bytes:
    def key(entry) -> tuple:
        return tuple(int(p) if p.isdigit() else 0 for p in entry.clause.split("."))

    rows = [(i.clause, i.title, i.path, sizes[i.path]) for i in sorted(items, key=key)]
    rows += [(g.clause, g.title, _("not held in Ratusz"), "") for g in gaps]
    html = (
        "<p>"
        + escape(_("Every file listed here is in this archive, with its SHA-256 checksum."))
        + "</p>"
    )
    html += table_html([_("ISO clause"), _("Evidence"), _("File"), _("SHA-256")], rows)
    return record_pdf(_("Evidence pack: index by clause"), html, today=today)


def build(today: date | None = None) -> tuple[bytes, list[dict]]:
    """The ZIP bytes and the list of what it holds (clause, title, path, sha256)."""
    today = today or timezone.localdate()
    items, gaps = collect(today)
    files: dict[str, bytes] = {}
    for item in items:
        files[item.path] = item.render()
    sums = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    index = _index_pdf(items, gaps, sums, today)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.pdf", index)
        for path, data in files.items():
            archive.writestr(path, data)
    contents = [
        {"clause": i.clause, "title": str(i.title), "path": i.path, "sha256": sums[i.path]}
        for i in items
    ] + [{"clause": g.clause, "title": str(g.title), "path": "", "sha256": ""} for g in gaps]
    return buffer.getvalue(), contents
