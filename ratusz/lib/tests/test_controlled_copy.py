"""Controlled copies: every page of a printed document must identify itself.

The PDFs are read back with pypdf, page by page, because that is what matters to an
auditor: a single sheet picked up from a desk still says what it is and whether it is
current.
"""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from ratusz.lib.controlled_copy import Stamp, html_to_pdf, render_markdown, stamp_pdf

CURRENT = Stamp(
    number="PR-01",
    title="Procedura nadzoru nad dokumentacją",
    version="wersja 3",
    status="Obowiązujący",
    effective="obowiązuje od 2025-01-02",
    footer="Wydruk nienadzorowany",
)
SUPERSEDED = Stamp(
    number="PR-01",
    title="Procedura nadzoru nad dokumentacją",
    version="wersja 2",
    status="Archiwalny",
    effective="obowiązuje od 2024-03-01",
    footer="Wydruk nienadzorowany",
    watermark="NIEAKTUALNY",
)
BODY_TEXT = "Zażółć gęślą jaźń"


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def assert_stamped(text: str, stamp: Stamp) -> None:
    for part in (stamp.number, stamp.version, stamp.status, stamp.footer):
        assert part in text, f"{part!r} missing from page text {text!r}"


@pytest.fixture(scope="module")
def three_page_original() -> bytes:
    """An uploaded PDF: three portrait pages, each saying which one it is."""
    sections = "".join(
        f'<section style="break-after: page"><p>{BODY_TEXT} — oryginał strona {n}</p></section>'
        for n in (1, 2, 3)
    )
    return HTML(string=f"<html><body>{sections}</body></html>").write_pdf()


@pytest.fixture(scope="module")
def mixed_orientation_original() -> bytes:
    """An uploaded PDF with a portrait page followed by a landscape one."""
    return HTML(
        string=(
            "<html><head><style>@page wide { size: A4 landscape } .wide { page: wide }</style>"
            f"</head><body><p>{BODY_TEXT} pionowo</p>"
            f'<div class="wide"><p>{BODY_TEXT} poziomo</p></div></body></html>'
        )
    ).write_pdf()


@pytest.fixture(scope="module")
def stamped_current(three_page_original) -> bytes:
    return stamp_pdf(three_page_original, CURRENT)


@pytest.fixture(scope="module")
def stamped_superseded(three_page_original) -> bytes:
    return stamp_pdf(three_page_original, SUPERSEDED)


@pytest.fixture(scope="module")
def written_current() -> bytes:
    body = "".join(
        f'<section style="break-after: page"><h2>Rozdział {n}</h2><p>{BODY_TEXT}</p></section>'
        for n in (1, 2)
    )
    return html_to_pdf(body + f"<h2>Rozdział 3</h2><p>{BODY_TEXT}</p>", CURRENT)


@pytest.fixture(scope="module")
def written_superseded() -> bytes:
    return html_to_pdf(f"<p>{BODY_TEXT}</p>", SUPERSEDED, lang="en")


# --- render_markdown ----------------------------------------------------------------------


def test_markdown_script_tags_are_removed_with_their_content():
    html = render_markdown("Tekst\n\n<script>alert('x')</script>\n\n<style>p{}</style>")

    assert "<script" not in html and "alert" not in html
    assert "<style" not in html
    assert "Tekst" in html


def test_markdown_javascript_and_relative_links_lose_their_href():
    html = render_markdown("[zły](javascript:alert(1)) [lokalny](/admin/) [dobry](https://bip.pl)")

    assert "javascript:" not in html
    assert 'href="/admin/"' not in html
    assert 'href="https://bip.pl"' in html


def test_markdown_mailto_links_are_kept():
    assert 'href="mailto:jakosc@urzad.pl"' in render_markdown(
        "[pełnomocnik](mailto:jakosc@urzad.pl)"
    )


def test_markdown_tables_are_kept_with_alignment():
    html = render_markdown("| Krok | Odpowiedzialny |\n|:---|---:|\n| 1 | Naczelnik |\n")

    assert "<table>" in html and "<th" in html and "<td" in html
    assert 'align="right"' in html
    assert "Naczelnik" in html


def test_markdown_remote_images_lose_their_source_but_embedded_ones_stay():
    pixel = "data:image/png;base64,iVBORw0KGgo="
    html = render_markdown(f"![zdalny](https://tracker.example/p.png) ![osadzony]({pixel})")

    assert "tracker.example" not in html
    assert pixel in html


def test_markdown_event_handlers_and_iframes_are_removed():
    html = render_markdown('<p onclick="x()">a</p><iframe src="https://x.pl"></iframe>')

    assert "onclick" not in html and "iframe" not in html


def test_markdown_headings_lists_code_and_quotes_survive():
    html = render_markdown("# Cel\n\n1. jeden\n2. dwa\n\n> cytat\n\n```\nkod()\n```\n")

    for tag in ("<h1>", "<ol>", "<li>", "<blockquote>", "<pre>", "<code>"):
        assert tag in html
    assert "Cel" in html


# --- html_to_pdf ----------------------------------------------------------------------------


def test_written_document_has_the_stamp_on_every_page(written_current):
    texts = pages_text(written_current)

    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert_stamped(text, CURRENT)
        assert f"Strona {number} z 3" in text
        assert BODY_TEXT in text


def test_written_document_is_a4(written_current):
    page = PdfReader(io.BytesIO(written_current)).pages[0]

    assert round(float(page.mediabox.width)) == 595
    assert round(float(page.mediabox.height)) == 842


def test_written_current_document_has_no_watermark(written_current):
    assert all("NIEAKTUALNY" not in text for text in pages_text(written_current))


def test_written_superseded_document_has_the_watermark_and_english_page_numbers(
    written_superseded,
):
    (text,) = pages_text(written_superseded)

    assert "NIEAKTUALNY" in text
    assert "Page 1 of 1" in text
    assert_stamped(text, SUPERSEDED)


def test_stamp_texts_with_quotes_and_backslashes_cannot_break_the_page_css():
    stamp = Stamp('IN-"7"', 'Instrukcja "BHP" \\ }', "v1", "Projekt", "-", "Kopia } { ;")

    (text,) = pages_text(html_to_pdf("<p>treść</p>", stamp))

    assert 'IN-"7"' in text and 'Instrukcja "BHP" \\ }' in text and "Kopia } { ;" in text


def test_rendering_embeds_data_images_but_never_fetches_files_or_network(tmp_path):
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, "PNG")
    (tmp_path / "local.png").write_bytes(png.getvalue())
    data_url = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()

    fetched = html_to_pdf(f'<img src="{data_url}">', CURRENT)
    refused = html_to_pdf(
        f'<img src="file://{tmp_path}/local.png"><img src="http://127.0.0.1:9/x.png">', CURRENT
    )

    assert len(PdfReader(io.BytesIO(fetched)).pages[0].images) == 1
    assert len(PdfReader(io.BytesIO(refused)).pages[0].images) == 0


# --- stamp_pdf ------------------------------------------------------------------------------


def test_uploaded_pdf_gets_the_stamp_on_every_page_and_keeps_its_content(stamped_current):
    texts = pages_text(stamped_current)

    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert_stamped(text, CURRENT)
        assert f"{BODY_TEXT} — oryginał strona {number}" in text


def test_uploaded_current_pdf_has_no_watermark(stamped_current):
    assert all("NIEAKTUALNY" not in text for text in pages_text(stamped_current))


def test_uploaded_superseded_pdf_has_the_watermark_on_every_page(stamped_superseded):
    texts = pages_text(stamped_superseded)

    assert len(texts) == 3
    for text in texts:
        assert "NIEAKTUALNY" in text
        assert_stamped(text, SUPERSEDED)


def test_uploaded_pdf_with_a_landscape_page_is_stamped_on_both_sizes(
    mixed_orientation_original,
):
    stamped = stamp_pdf(mixed_orientation_original, SUPERSEDED)
    reader = PdfReader(io.BytesIO(stamped))

    portrait, landscape = reader.pages
    assert portrait.mediabox.width < portrait.mediabox.height
    assert landscape.mediabox.width > landscape.mediabox.height
    for page, word in ((portrait, "pionowo"), (landscape, "poziomo")):
        text = page.extract_text()
        assert_stamped(text, SUPERSEDED)
        assert "NIEAKTUALNY" in text
        assert f"{BODY_TEXT} {word}" in text


def test_uploaded_pdf_with_a_rotated_page_is_stamped_upright(three_page_original):
    writer = PdfWriter(clone_from=io.BytesIO(three_page_original))
    writer.pages[1].rotate(90)
    rotated = io.BytesIO()
    writer.write(rotated)

    stamped = PdfReader(io.BytesIO(stamp_pdf(rotated.getvalue(), CURRENT)))

    page = stamped.pages[1]
    assert page.rotation == 0
    assert page.mediabox.width > page.mediabox.height  # seen in landscape, as before
    text = page.extract_text()
    assert_stamped(text, CURRENT)
    assert f"{BODY_TEXT} — oryginał strona 2" in page.extract_text(orientations=(90, 270))


def test_stamping_an_encrypted_pdf_is_refused_with_a_clear_message(three_page_original):
    writer = PdfWriter(clone_from=io.BytesIO(three_page_original))
    writer.encrypt(user_password="tajne", owner_password="tajne", algorithm="RC4-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)

    with pytest.raises(ValueError, match="encrypted"):
        stamp_pdf(encrypted.getvalue(), CURRENT)


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n%%EOF"])
def test_stamping_an_unreadable_pdf_is_refused_with_a_value_error(data):
    with pytest.raises(ValueError, match="PDF"):
        stamp_pdf(data, CURRENT)
