"""The evidence pack for the external auditor: one ZIP with a PDF index by clause.

Areas contribute through an optional `evidence.py` module with `items(today)`
returning `EvidenceItem`s and `EvidenceGap`s (`core/plugins.py`); this module adds
the certificate record and the QMS scope, renders the index and writes the
archive. Only what the index lists goes into the ZIP, and areas leave out
anything restricted.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from ratusz.certification.models import Certificate, ExternalAudit
from ratusz.core.models import Clause, Office
from ratusz.core.plugins import EvidenceGap, EvidenceItem, area_modules
from ratusz.core.records import record_pdf, table_html

# Packs are built by a background job of this kind (`services.request_evidence_pack`).
JOB_KIND = "certification.evidence_pack"


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


def collect(today: date | None = None) -> tuple[list[EvidenceItem], list[EvidenceGap]]:
    today = today or timezone.localdate()
    items = [
        EvidenceItem(
            "4.3",
            _("Scope of the QMS and justified exclusions"),
            "00-scope.pdf",
            lambda: _scope(today),
        ),
        EvidenceItem(
            "—",
            _("Certificates and external audits"),
            "00-certificates.pdf",
            lambda: _certificates(today),
        ),
    ]
    gaps: list[EvidenceGap] = []
    for _label, module in area_modules("evidence"):
        for entry in module.items(today):
            (gaps if isinstance(entry, EvidenceGap) else items).append(entry)
    if not any(entry.clause == "9.3" for entry in [*items, *gaps]):
        # No management review area yet: the index says so instead of staying silent.
        gaps.append(EvidenceGap("9.3", _("Minutes of the last management review")))
    return items, gaps


def _index_pdf(
    items: list[EvidenceItem], gaps: list[EvidenceGap], sizes: dict[str, str], today: date
) -> bytes:
    entries: list[EvidenceItem | EvidenceGap] = [*items, *gaps]
    entries.sort(key=lambda entry: Clause.order_key(entry.clause))
    rows = []
    for entry in entries:
        if isinstance(entry, EvidenceItem):
            # The checksum on a line of its own, never broken: an auditor compares it whole.
            held = format_html('{}<br><span class="hash">{}</span>', entry.path, sizes[entry.path])
        else:
            held = _("not held in Ratusz")
        rows.append((entry.clause, entry.title, held))
    html = (
        "<p>"
        + escape(_("Every file listed here is in this archive, with its SHA-256 checksum."))
        + "</p>"
    )
    html += table_html([_("ISO clause"), _("Evidence"), _("File and its SHA-256")], rows)
    return record_pdf(_("Evidence pack: index by clause"), html, today=today)


def build(
    today: date | None = None, progress: Callable[[int, int, str], None] | None = None
) -> tuple[bytes, list[dict]]:
    """The ZIP bytes and the list of what it holds (clause, title, path, sha256).

    `progress(done, total, step)` is told after each file (a background job shows it).
    """
    today = today or timezone.localdate()
    report = progress or (lambda done, total, step: None)
    items, gaps = collect(today)
    total = len(items) + 2  # every file, the index, the archive
    files: dict[str, bytes] = {}
    for number, item in enumerate(items):
        report(number, total, str(item.title))
        files[item.path] = item.render()
    sums = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    report(len(items), total, _("Evidence pack: index by clause"))
    index = _index_pdf(items, gaps, sums, today)
    report(len(items) + 1, total, _("Writing the archive"))
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
