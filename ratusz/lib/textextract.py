"""Plain text out of the files people upload, for full-text search and previews.

The office's documents arrive as PDF, Word, LibreOffice, Excel or plain text files.
Search only needs their words, not their layout, so each format is reduced here to
lines of text with the standard library (plus pypdf for PDF) instead of pulling in a
heavy converter for every format.

Uploads are untrusted and extraction runs without a person watching, so this module
never raises: a corrupt, encrypted or hostile file yields "" (and a debug log line),
and the uploaded file is still stored; it is just not searchable. Two limits protect
the worker:

* a ZIP member (DOCX/ODT/XLSX are ZIP archives) is read at most ``MAX_MEMBER_BYTES``
  uncompressed, counted while inflating rather than trusted from the header, so a
  ZIP bomb stops at the cap; all members read for one file share that budget;
* the result is cut at ``MAX_CHARS`` characters, which is far more than any real
  procedure or register and keeps one upload from bloating the search index.

Both limits can be lowered per call (``extract(..., max_chars=, max_unpacked_bytes=)``);
Ratusz passes its settings ``RATUSZ_TEXT_MAX_FILE_CHARS`` and
``RATUSZ_TEXT_MAX_UNPACKED_MB``. ``extract`` also says whether the text was cut.

XML is parsed with ``xml.etree``: it never fetches external entities or DTDs, and the
expat that ships with Python 3.11 refuses entity-expansion ("billion laughs") attacks.
NUL characters are removed from the result because PostgreSQL text columns reject them.
"""

from __future__ import annotations

import contextvars
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

__all__ = [
    "MAX_CHARS",
    "MAX_MEMBER_BYTES",
    "SUPPORTED_MIME_TYPES",
    "Extraction",
    "extract",
    "extract_text",
]

logger = logging.getLogger(__name__)

MAX_CHARS = 2_000_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT_TYPES = frozenset({"text/plain", "text/csv"})
SUPPORTED_MIME_TYPES = frozenset({PDF, DOCX, ODT, XLSX, *TEXT_TYPES})

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class _Full(Exception):
    """Raised inside an extractor once MAX_CHARS is reached, to stop parsing early."""


class _TooLarge(Exception):
    """Raised when a ZIP member inflates beyond the shared size budget."""


# The uncompressed-size budget of the extraction under way (set by `extract`).
_BUDGET: contextvars.ContextVar[int] = contextvars.ContextVar("unpack_budget", default=0)


class _Sink:
    """Collects text pieces and stops the extractor as soon as the cap is reached.

    Stopping early matters: a 2 GB spreadsheet of numbers would otherwise be parsed in
    full only to be thrown away.
    """

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    def add(self, text: str) -> None:
        if not text:
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.limit:
            raise _Full

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class Extraction:
    """The text of one file; ``truncated`` when a limit cut it short."""

    text: str
    truncated: bool = False


def extract(
    data: bytes,
    mime_type: str,
    *,
    max_chars: int | None = None,
    max_unpacked_bytes: int | None = None,
) -> Extraction:
    """The plain text of ``data`` and whether it was cut at ``max_chars``.

    ``mime_type`` is the type the upload was detected as; parameters such as
    ``; charset=utf-8`` are ignored. An unsupported, unreadable or hostile file gives
    empty text. Never raises on bad input (see the module doc).
    """
    kind = (mime_type or "").split(";", 1)[0].strip().lower()
    extractor = _EXTRACTORS.get(kind)
    if extractor is None or not data:
        return Extraction("")
    limit = MAX_CHARS if max_chars is None else max(0, min(max_chars, MAX_CHARS))
    budget = MAX_MEMBER_BYTES if max_unpacked_bytes is None else max_unpacked_bytes
    sink = _Sink(limit)
    token = _BUDGET.set(min(budget, MAX_MEMBER_BYTES))
    truncated = False
    try:
        extractor(data, sink)
    except _Full:
        truncated = True
    except Exception as exc:  # noqa: BLE001 - untrusted input: any failure means "no text"
        logger.debug("text extraction from %s failed: %s: %s", kind, type(exc).__name__, exc)
        return Extraction("")
    finally:
        _BUDGET.reset(token)
    return Extraction(_tidy(sink.text()[:limit]), truncated)


def extract_text(data: bytes, mime_type: str) -> str:
    """Return the plain text of ``data``, or "" for an unsupported or unreadable file."""
    return extract(data, mime_type).text


def _tidy(text: str) -> str:
    """Drop NULs and trailing blanks so the result is storable and compact."""
    text = text.replace("\x00", "")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


# --- plain text ---------------------------------------------------------------------------


def _extract_plain(data: bytes, sink: _Sink) -> None:
    # utf-8-sig drops the BOM that Excel puts in front of exported CSV files.
    sink.add(data[: sink.limit * 4 + 4].decode("utf-8-sig", errors="replace"))


# --- PDF ----------------------------------------------------------------------------------


def _extract_pdf(data: bytes, sink: _Sink) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    # Many office PDFs are "encrypted" only to restrict printing or editing, with an
    # empty user password; those can be read. Anything else stays unsearchable.
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    for number, page in enumerate(reader.pages):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - one bad page must not hide the others
            logger.debug("text extraction from PDF page %d failed: %s", number + 1, exc)
            continue
        if text.strip():
            sink.add(text.rstrip() + "\n\n")


# --- ZIP-based formats ----------------------------------------------------------------------


class _Archive:
    """A ZIP file whose members are read under one shared uncompressed-size budget."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.budget = _BUDGET.get()

    def has(self, name: str) -> bool:
        try:
            self.zip.getinfo(name)
        except KeyError:
            return False
        return True

    def read(self, name: str) -> bytes:
        """Read one member, counting inflated bytes so a lying header cannot bypass the cap."""
        info = self.zip.getinfo(name)
        if info.file_size > self.budget:
            raise _TooLarge(f"{name}: {info.file_size} bytes uncompressed")
        chunks: list[bytes] = []
        with self.zip.open(info) as member:
            while chunk := member.read(1024 * 1024):
                self.budget -= len(chunk)
                if self.budget < 0:
                    raise _TooLarge(f"{name}: inflates beyond the limit")
                chunks.append(chunk)
        return b"".join(chunks)


def _local(tag: object) -> str:
    """Tag name without its namespace, so transitional and strict OOXML read alike."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# The two parsing entry points. ruff's S314 ("use defusedxml") is silenced on purpose:
# ElementTree never resolves external entities or fetches DTDs, and expat >= 2.4 (bundled
# with every supported Python) stops entity-expansion bombs, which a test pins down.


def _events(xml: bytes) -> Iterator[tuple[str, ET.Element]]:
    return ET.iterparse(io.BytesIO(xml), events=("start", "end"))  # noqa: S314


def _parse(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314


def _extract_docx(data: bytes, sink: _Sink) -> None:
    """Paragraphs (``w:p``) become lines; runs' ``w:t`` are joined within a paragraph.

    Table cells hold paragraphs too, so each cell ends up on its own line. Deleted
    tracked changes live in ``w:delText`` and field codes in ``w:instrText``, which are
    deliberately not read: they are not part of the visible text.
    """
    xml = _Archive(data).read("word/document.xml")
    for event, elem in _events(xml):
        name = _local(elem.tag)
        if event == "start":
            if name == "tab":
                sink.add("\t")
            elif name in ("br", "cr"):
                sink.add("\n")
            elif name == "noBreakHyphen":
                sink.add("-")
            continue
        if name == "t":
            sink.add(elem.text or "")
        elif name == "p":
            sink.add("\n")
            elem.clear()


def _extract_odt(data: bytes, sink: _Sink) -> None:
    """Paragraphs and headings (``text:p``/``text:h``) of the document body become lines."""
    root = _parse(_Archive(data).read("content.xml"))
    body = root.find(f"{{{_ODF_OFFICE}}}body")
    for block in _odf_blocks(root if body is None else body):
        sink.add(_odf_inline(block).strip() + "\n")


_WHITESPACE = re.compile(r"[ \t\r\n]+")
_ODF_BLOCKS = {f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"}
_ODF_SKIP = {
    f"{{{_ODF_TEXT}}}tracked-changes",  # deleted text kept for change tracking
    f"{{{_ODF_OFFICE}}}annotation",  # reviewers' comments are not document text
    f"{{{_ODF_OFFICE}}}annotation-end",
}


def _odf_blocks(elem: ET.Element) -> Iterator[ET.Element]:
    """Top-level paragraphs in document order; their inner notes are read inline."""
    for child in elem:
        if child.tag in _ODF_SKIP:
            continue
        if child.tag in _ODF_BLOCKS:
            yield child
        else:
            yield from _odf_blocks(child)


def _odf_inline(elem: ET.Element) -> str:
    """Text of one paragraph; whitespace in the XML collapses to one space, as ODF says."""
    parts = [_collapse(elem.text)]
    for child in elem:
        tag = child.tag
        if tag == f"{{{_ODF_TEXT}}}s":
            parts.append(" " * _int(child.get(f"{{{_ODF_TEXT}}}c"), 1))
        elif tag == f"{{{_ODF_TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{_ODF_TEXT}}}line-break":
            parts.append("\n")
        elif tag in _ODF_SKIP:
            pass
        elif tag in _ODF_BLOCKS:
            parts.append(" " + _odf_inline(child).strip() + " ")
        else:
            parts.append(_odf_inline(child))
        parts.append(_collapse(child.tail))
    return "".join(parts)


def _collapse(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text) if text else ""


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value or default), 1000))
    except ValueError:
        return default


def _extract_xlsx(data: bytes, sink: _Sink) -> None:
    """Each sheet as its name, then one line per row with cells separated by tabs.

    Text cells refer to the shared-string table or carry inline strings; numbers and
    formula results are taken as stored. Formatting (dates shown as dates, etc.) is not
    applied: search needs the words, not the presentation.
    """
    archive = _Archive(data)
    shared = _xlsx_shared_strings(archive)
    for name, path in _xlsx_sheets(archive):
        if name:
            sink.add(name + "\n")
        _xlsx_sheet(archive.read(path), shared, sink)
        sink.add("\n")


def _xlsx_shared_strings(archive: _Archive) -> list[str]:
    if not archive.has("xl/sharedStrings.xml"):
        return []
    strings: list[str] = []
    for event, elem in _events(archive.read("xl/sharedStrings.xml")):
        if event == "end" and _local(elem.tag) == "si":
            strings.append(_xlsx_string(elem))
            elem.clear()
    return strings


def _xlsx_string(elem: ET.Element) -> str:
    """Text of an ``si``/``is`` element: plain ``t`` or rich-text runs, minus phonetics."""
    parts: list[str] = []
    for child in elem:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _xlsx_sheets(archive: _Archive) -> list[tuple[str, str]]:
    """(name, member path) of every worksheet, in the workbook's tab order.

    Falls back to the member names when the workbook or its relationships are missing,
    which some generators get wrong.
    """
    try:
        workbook = _parse(archive.read("xl/workbook.xml"))
        rels = _parse(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {
            rel.get("Id"): rel.get("Target", "")
            for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship")
        }
        sheets = []
        for sheet in workbook.iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if archive.has(path):
                sheets.append((sheet.get("name", ""), path))
        if sheets:
            return sheets
    except (KeyError, ET.ParseError):
        pass
    names = [
        n
        for n in archive.zip.namelist()
        if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")
    ]
    return [("", n) for n in sorted(names, key=lambda n: (len(n), n))]


def _xlsx_sheet(xml: bytes, shared: list[str], sink: _Sink) -> None:
    row: list[str] = []
    for event, elem in _events(xml):
        name = _local(elem.tag)
        if event == "start":
            if name == "row":
                row = []
            continue
        if name == "c":
            row.append(_xlsx_cell(elem, shared))
            elem.clear()
        elif name == "row":
            if any(cell.strip() for cell in row):
                sink.add("\t".join(row).rstrip("\t") + "\n")
            elem.clear()


def _xlsx_cell(cell: ET.Element, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = next((c for c in cell if _local(c.tag) == "is"), None)
        return "" if inline is None else _xlsx_string(inline)
    value = next((c.text or "" for c in cell if _local(c.tag) == "v"), "")
    if kind == "s":
        value = value.strip()
        return shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
    return value


_EXTRACTORS = {
    PDF: _extract_pdf,
    DOCX: _extract_docx,
    ODT: _extract_odt,
    XLSX: _extract_xlsx,
    **dict.fromkeys(TEXT_TYPES, _extract_plain),
}
