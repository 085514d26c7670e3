"""Controlled copies: documents rendered or stamped so every printed page identifies itself.

ISO 9001 (7.5.3) requires that people use the current version of a document and can
recognise an obsolete one. A sheet of paper cannot be updated, so each page of a copy
handed out by the system carries the document's number, title, version, status and
effective date, plus a footer such as "Wydruk nienadzorowany" (uncontrolled when
printed) and, for withdrawn versions, a large watermark such as "NIEAKTUALNY".

Two sources exist: documents written in the system (Markdown, rendered with
:func:`render_markdown` and printed by :func:`html_to_pdf`) and uploaded PDFs (stamped
by :func:`stamp_pdf`, which lays the same band over each original page).

The module knows nothing about Django: the caller passes texts already translated and
formatted in a :class:`Stamp`, which keeps this testable without settings.

Rendering is offline by design: WeasyPrint is given a URL fetcher that refuses every
URL except ``data:``, so a document can neither make the server fetch remote or local
resources (SSRF, ``file:///etc/passwd``) nor stall on a network that is not there.
WeasyPrint is imported lazily because it loads Pango through cffi, which the web
process does not need for rendering Markdown to HTML.
"""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3

__all__ = ["Stamp", "html_to_pdf", "render_markdown", "stamp_pdf"]

FONT_STACK = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif'

_PAGE_OF = {"pl": ("Strona ", " z "), "en": ("Page ", " of ")}

_ALLOWED_TAGS = frozenset(
    {
        *(f"h{level}" for level in range(1, 7)),
        "p",
        "br",
        "hr",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "sub",
        "sup",
        "mark",
        "small",
        "abbr",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "code",
        "pre",
        "kbd",
        "a",
        "img",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "span",
        "div",
    }
)
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
}
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_PREFIXES = ("data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;")
_ALIGN_VALUES = frozenset({"left", "right", "center"})


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show in the browser and to print.

    Authors are trusted staff, but documents are shown to everyone and printed by a
    server-side renderer, so the output is sanitised anyway: no scripts, styles,
    frames or event handlers, links only to http/https/mailto, and images only when
    embedded as ``data:`` (a remote image would leak readers' IPs and break offline
    printing).
    """
    raw = markdown.markdown(
        text or "",
        extensions=["tables", "sane_lists", "fenced_code"],
        # align="…" rather than style="…": one attribute is easier to allow safely.
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    return nh3.clean(
        raw,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript"},
        attributes={tag: set(attrs) for tag, attrs in _ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(_LINK_SCHEMES) | {"data"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Per-attribute checks that nh3's global URL scheme list cannot express."""
    if tag == "a" and attribute == "href":
        # Relative links would point nowhere in a printed or e-mailed copy.
        scheme = urlsplit(value.strip()).scheme.lower()
        return value if scheme in _LINK_SCHEMES else None
    if tag == "img" and attribute == "src":
        return value if value.strip().lower().startswith(_IMAGE_PREFIXES) else None
    if attribute == "align":
        return value if value.strip().lower() in _ALIGN_VALUES else None
    return value


@dataclass(frozen=True)
class Stamp:
    """The texts printed on every page of a controlled copy, already translated.

    ``watermark`` is empty for the current version and e.g. "NIEAKTUALNY" for a
    superseded one.
    """

    number: str
    title: str
    version: str
    status: str
    effective: str
    footer: str
    watermark: str = ""
    # Who approved the version, when, and its content's SHA-256: one line each.
    approval: str = ""

    def header_left(self) -> str:
        return " — ".join(part for part in (self.number, self.title) if part)

    def header_right(self) -> str:
        return " | ".join(part for part in (self.version, self.status, self.effective) if part)

    def footer_text(self) -> str:
        return "\n".join(part for part in (self.approval, self.footer) if part)


# --- WeasyPrint plumbing ------------------------------------------------------------------


def _offline_fetcher() -> Any:
    """A URL fetcher that serves ``data:`` URLs and refuses everything else.

    Recent WeasyPrint releases take a ``URLFetcher`` subclass and no longer accept a
    plain function; older ones only know the function, so both shapes are supported.
    The scheme is checked here rather than with ``allowed_protocols``, which misreads
    ``data:`` URLs in WeasyPrint 68.0.
    """
    from weasyprint import urls

    fetcher_class = getattr(urls, "URLFetcher", None)
    if fetcher_class is not None:

        class OfflineFetcher(fetcher_class):  # type: ignore[misc, valid-type]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if not url.lower().startswith("data:"):
                    raise ValueError(f"refusing to fetch {url[:80]!r}: rendering is offline")
                return super().fetch(url, headers)

        return OfflineFetcher(allow_redirects=False, timeout=1)

    def fetch(url: str, timeout: int = 1, ssl_context: Any = None) -> dict[str, Any]:
        if not url.lower().startswith("data:"):
            raise ValueError(f"refusing to fetch {url[:80]!r}: rendering is offline")
        return urls.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)

    return fetch


def _write_pdf(document_html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=document_html, url_fetcher=_offline_fetcher()).write_pdf()


def _css_string(text: str) -> str:
    """Quote ``text`` as a CSS string, so stamp texts cannot break out of ``content:``."""
    escaped = []
    for char in text:
        if char in '"\\' or ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _watermark_size(text: str, width: float, height: float) -> float:
    """Font size (pt) at which ``text`` fills most of the page diagonal, within reason."""
    diagonal = math.hypot(width, height)
    return max(12.0, min(0.75 * diagonal / (0.7 * max(len(text), 1)), min(width, height) / 3))


def _watermark_angle(width: float, height: float) -> float:
    return -math.degrees(math.atan2(height, width))


# --- documents written in the system --------------------------------------------------------

_A4_WIDTH_PT = 595.28
_A4_HEIGHT_PT = 841.89
_MARGIN_X_PT = 56.7  # 20 mm
_MARGIN_Y_PT = 70.9  # 25 mm


def html_to_pdf(
    body_html: str, stamp: Stamp, lang: str = "pl", *, landscape: bool = False
) -> bytes:
    """A complete A4 PDF of a written document, stamped on every page.

    ``body_html`` must already be sanitised (the output of :func:`render_markdown`);
    even so, nothing outside ``data:`` URLs is fetched. ``lang`` sets the document
    language (hyphenation, metadata) and the "page X of Y" wording ("pl" or "en").
    ``landscape`` turns the page for wide tables. A word too long for its line wraps;
    in a table, mark such a value ``class="long"`` so that it may wrap anywhere rather
    than widen its column past the page.
    """
    page_word, of_word = _PAGE_OF.get(lang.split("-")[0].lower(), _PAGE_OF["en"])
    page_width, page_height = (
        (_A4_HEIGHT_PT, _A4_WIDTH_PT) if landscape else (_A4_WIDTH_PT, _A4_HEIGHT_PT)
    )
    watermark = ""
    watermark_css = ""
    if stamp.watermark:
        width = page_width - 2 * _MARGIN_X_PT
        height = page_height - 2 * _MARGIN_Y_PT
        size = _watermark_size(stamp.watermark, width, height)
        watermark = f'<div class="watermark">{html.escape(stamp.watermark)}</div>'
        watermark_css = f"""
.watermark {{
  position: fixed; left: -20%; width: 140%; top: {height / 2 - size * 0.6:.1f}pt;
  text-align: center; font-size: {size:.1f}pt; line-height: 1.2; font-weight: bold;
  color: rgba(150, 150, 150, 0.28); white-space: nowrap;
  transform: rotate({_watermark_angle(width, height):.1f}deg);
}}"""
    css = f"""
@page {{
  size: A4{" landscape" if landscape else ""};
  margin: {_MARGIN_Y_PT}pt {_MARGIN_X_PT}pt;
  @top-left {{
    content: {_css_string(stamp.header_left())}; width: 52%;
    vertical-align: bottom; text-align: left; padding-bottom: 4pt;
    border-bottom: 0.5pt solid #777; font: bold 8pt {FONT_STACK};
  }}
  @top-right {{
    content: {_css_string(stamp.header_right())}; width: 48%;
    vertical-align: bottom; text-align: right; padding-bottom: 4pt;
    border-bottom: 0.5pt solid #777; font: 8pt {FONT_STACK};
  }}
  @bottom-left {{
    content: {_css_string(stamp.footer_text())}; width: 78%;
    vertical-align: top; padding-top: 4pt; border-top: 0.5pt solid #777;
    font: italic 8pt {FONT_STACK}; white-space: pre-wrap; overflow-wrap: anywhere;
  }}
  @bottom-right {{
    content: {_css_string(page_word)} counter(page) {_css_string(of_word)} counter(pages);
    width: 22%; vertical-align: top; text-align: right; padding-top: 4pt;
    border-top: 0.5pt solid #777; font: 8pt {FONT_STACK};
  }}
}}
html {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.4; color: #111; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 13.5pt; }} h3 {{ font-size: 12pt; }}
h1, h2, h3, h4, h5, h6 {{ break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.6em 0; }}
th, td {{ border: 0.5pt solid #888; padding: 3pt 5pt; vertical-align: top; }}
main {{ overflow-wrap: break-word; }}
.long {{ overflow-wrap: anywhere; }}
th {{ background: #eee; }}
[align=left] {{ text-align: left; }} [align=center] {{ text-align: center; }}
[align=right] {{ text-align: right; }}
tr {{ break-inside: avoid; }}
pre {{ white-space: pre-wrap; background: #f4f4f4; padding: 6pt; font-size: 9pt; }}
code {{ font-family: "DejaVu Sans Mono", monospace; }}
blockquote {{ border-left: 2pt solid #bbb; margin-left: 0; padding-left: 8pt; color: #333; }}
img {{ max-width: 100%; }}
{watermark_css}
"""
    document = (
        f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(stamp.header_left())}</title><style>{css}</style></head>"
        f"<body>{watermark}<main>{body_html}</main></body></html>"
    )
    return _write_pdf(document)


# --- uploaded PDFs --------------------------------------------------------------------------


def stamp_pdf(pdf_bytes: bytes, stamp: Stamp) -> bytes:
    """Lay the stamp over every page of an uploaded PDF, keeping the original content.

    Each page gets a thin, mostly opaque header and footer band (so the stamp stays
    readable over whatever the original prints at its edges) and, if given, a diagonal
    watermark. Rotated pages are first normalised with ``transfer_rotation_to_content``
    so the band is upright as the page is viewed. One overlay page is rendered per
    distinct page size, which keeps a 300-page scan to a single WeasyPrint pass.

    Raises ``ValueError`` for an encrypted, unreadable or empty PDF.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(pdf_bytes), strict=False)
        if reader.is_encrypted:
            raise ValueError("The PDF is encrypted; upload an unprotected copy to stamp it.")
        writer = PdfWriter(clone_from=reader)
        pages = list(writer.pages)
    except ValueError:
        raise
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"The PDF cannot be read: {exc}") from exc
    if not pages:
        raise ValueError("The PDF has no pages.")

    boxes = []
    try:
        for page in pages:
            if page.rotation % 360:
                page.transfer_rotation_to_content()
            box = page.cropbox
            boxes.append(
                (
                    float(box.left),
                    float(box.bottom),
                    round(float(box.width), 2),
                    round(float(box.height), 2),
                )
            )
    except (PyPdfError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ValueError(f"The PDF page geometry cannot be read: {exc}") from exc
    sizes = sorted({(width, height) for _x, _y, width, height in boxes})
    overlay = PdfReader(io.BytesIO(_write_pdf(_overlay_html(sizes, stamp))))
    if len(overlay.pages) != len(sizes):
        raise RuntimeError("stamp overlay has an unexpected number of pages")
    overlay_for = dict(zip(sizes, overlay.pages, strict=True))

    out = io.BytesIO()
    try:
        for page, (left, bottom, width, height) in zip(pages, boxes, strict=True):
            page.merge_translated_page(overlay_for[(width, height)], left, bottom)
        writer.write(out)
    except (PyPdfError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"The PDF cannot be stamped: {exc}") from exc
    return out.getvalue()


def _overlay_html(sizes: list[tuple[float, float]], stamp: Stamp) -> str:
    """One page per (width, height) in points, using named pages for the sizes."""
    rules = []
    sheets = []
    for index, (width, height) in enumerate(sizes):
        font = max(5.0, min(8.0, min(width, height) / 70))
        rules.append(
            f"@page s{index} {{ size: {width}pt {height}pt; margin: 0; }}\n"
            f".s{index} {{ page: s{index}; width: {width}pt; height: {height - 1:.2f}pt; "
            f"font-size: {font:.1f}pt; }}"
        )
        watermark = ""
        if stamp.watermark:
            size = _watermark_size(stamp.watermark, width, height)
            watermark = (
                f'<div class="watermark" style="top: {height / 2 - size * 0.6:.1f}pt; '
                f"font-size: {size:.1f}pt; "
                f'transform: rotate({_watermark_angle(width, height):.1f}deg)">'
                f"{html.escape(stamp.watermark)}</div>"
            )
        sheets.append(
            f'<section class="sheet s{index}">{watermark}'
            f'<div class="band top"><span class="l">{html.escape(stamp.header_left())}</span>'
            f'<span class="r">{html.escape(stamp.header_right())}</span></div>'
            f'<div class="band bottom"><span class="l">'
            f"{'<br>'.join(html.escape(line) for line in stamp.footer_text().splitlines())}"
            f"</span></div>"
            f"</section>"
        )
    css = (
        "\n".join(rules)
        + f"""
html, body {{ margin: 0; padding: 0; font-family: {FONT_STACK}; }}
.sheet {{ position: relative; overflow: hidden; break-after: page; }}
.sheet:last-child {{ break-after: auto; }}
.band {{
  position: absolute; left: 0; right: 0; display: flex; justify-content: space-between;
  gap: 1em; padding: 2pt 8pt; background: rgba(255, 255, 255, 0.88); color: #222;
  line-height: 1.25;
}}
.band.top {{ top: 0; border-bottom: 0.5pt solid #777; }}
.band.bottom {{ bottom: 0; border-top: 0.5pt solid #777; font-style: italic; }}
.band .l {{ font-weight: bold; }}
.band.bottom .l {{ font-weight: normal; overflow-wrap: anywhere; }}
.band .r {{ text-align: right; }}
.watermark {{
  position: absolute; left: -25%; width: 150%; text-align: center; line-height: 1.2;
  font-weight: bold; color: rgba(150, 150, 150, 0.3); white-space: nowrap;
}}
"""
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>{''.join(sheets)}</body></html>"
    )
