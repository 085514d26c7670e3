"""Text extraction from uploads: every format yields its words, hostile files yield ""."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfWriter

from ratusz.lib import textextract
from ratusz.lib.textextract import DOCX, ODT, PDF, XLSX, extract_text

PHRASE = "Procedura nadzoru nad dokumentacją — zażółć gęślą jaźń"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def make_zip(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def make_docx(body: str) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    return make_zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "word/document.xml": document.encode("utf-8"),
        }
    )


DOCX_BODY = (
    f"<w:p><w:r><w:t>{PHRASE}</w:t></w:r></w:p>"
    '<w:p><w:r><w:t xml:space="preserve">Cel </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
    "<w:t>procedury</w:t></w:r><w:r><w:tab/><w:t>1.</w:t><w:br/><w:t>druga linia</w:t></w:r></w:p>"
    "<w:p><w:del><w:r><w:delText>usunięty fragment</w:delText></w:r></w:del></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>komórka A</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>komórka B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
)


def test_docx_text_keeps_polish_letters_and_puts_paragraphs_on_lines():
    text = extract_text(make_docx(DOCX_BODY), DOCX)

    lines = text.splitlines()
    assert lines[0] == PHRASE
    assert lines[1] == "Cel procedury\t1."
    assert lines[2] == "druga linia"
    assert "komórka A" in lines and "komórka B" in lines


def test_docx_deleted_tracked_changes_are_not_extracted():
    assert "usunięty" not in extract_text(make_docx(DOCX_BODY), DOCX)


def test_mime_type_parameters_and_case_are_ignored():
    assert PHRASE in extract_text(make_docx(DOCX_BODY), DOCX.upper() + "; charset=binary")


def make_odt() -> bytes:
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <office:body><office:text>
    <text:h text:outline-level="1">{PHRASE}</text:h>
    <text:p>Zakres<text:s text:c="3"/>stosowania<text:tab/>wszystkie
      <text:span>wydziały</text:span><text:line-break/>urzędu</text:p>
    <text:p>Uwaga<office:annotation><dc:creator>Anna</dc:creator>
      <text:p>komentarz recenzenta</text:p></office:annotation> końcowa</text:p>
    <table:table><table:table-row><table:table-cell><text:p>Właściciel</text:p>
    </table:table-cell></table:table-row></table:table>
  </office:text></office:body>
</office:document-content>"""
    return make_zip(
        {"mimetype": ODT, "content.xml": content.encode("utf-8"), "META-INF/manifest.xml": "<m/>"}
    )


def test_odt_headings_paragraphs_spaces_and_tables_are_extracted():
    text = extract_text(make_odt(), ODT)

    lines = text.splitlines()
    assert lines[0] == PHRASE
    assert "Zakres   stosowania\twszystkie" in lines[1]
    assert "wydziały" in lines[1]
    assert lines[2] == "urzędu"
    assert "Właściciel" in lines


def test_odt_reviewer_comments_are_not_document_text():
    text = extract_text(make_odt(), ODT)

    assert "komentarz" not in text
    assert "Uwaga końcowa" in text


def make_xlsx() -> bytes:
    workbook = (
        f'<workbook xmlns="{S}" xmlns:r="{R}"><sheets>'
        '<sheet name="Ryzyka" sheetId="1" r:id="rId2"/>'
        '<sheet name="Szanse" sheetId="2" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    rels = (
        f'<Relationships xmlns="{PR}">'
        '<Relationship Id="rId1" Type="x" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId2" Type="x" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    shared = (
        f'<sst xmlns="{S}" count="3" uniqueCount="3">'
        f"<si><t>{PHRASE}</t></si>"
        "<si><r><t>Ryzyko </t></r><r><rPr><b/></rPr><t>wysokie</t></r></si>"
        "<si><t>Szansa</t></si></sst>"
    )
    sheet1 = (
        f'<worksheet xmlns="{S}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c>'
        '<c r="B2" t="inlineStr"><is><t>wpis bezpośredni</t></is></c></row>'
        '<row r="3"><c r="A3" t="s"><v>99</v></c></row>'
        "</sheetData></worksheet>"
    )
    sheet2 = (
        f'<worksheet xmlns="{S}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" t="str"><v>wynik formuły</v></c></row>'
        "</sheetData></worksheet>"
    )
    return make_zip(
        {
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": rels,
            "xl/sharedStrings.xml": shared.encode("utf-8"),
            "xl/worksheets/sheet1.xml": sheet1.encode("utf-8"),
            "xl/worksheets/sheet2.xml": sheet2.encode("utf-8"),
        }
    )


def test_xlsx_sheets_come_in_tab_order_with_shared_and_inline_strings():
    text = extract_text(make_xlsx(), XLSX)

    assert text.splitlines()[:3] == ["Ryzyka", f"{PHRASE}\t42", "Ryzyko wysokie\twpis bezpośredni"]
    assert text.index("Ryzyka") < text.index("Szanse") < text.index("Szansa\twynik formuły")


def test_xlsx_with_a_dangling_shared_string_index_still_yields_the_rest():
    assert "wpis bezpośredni" in extract_text(make_xlsx(), XLSX)


def test_plain_text_and_csv_are_decoded_as_utf8_without_bom():
    assert extract_text(PHRASE.encode(), "text/plain") == PHRASE
    csv = "\ufeffnumer;tytuł\r\nPR-01;Nadzór nad dokumentacją\r\n".encode()
    assert extract_text(csv, "text/csv") == "numer;tytuł\nPR-01;Nadzór nad dokumentacją"


def make_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@pytest.fixture(scope="module")
def two_page_pdf() -> bytes:
    return make_pdf(
        "<html><body style=\"font-family: 'DejaVu Sans', sans-serif\">"
        f'<p style="break-after: page">{PHRASE}</p><p>Strona druga: zapis</p></body></html>'
    )


def test_pdf_text_comes_from_every_page(two_page_pdf):
    text = extract_text(two_page_pdf, PDF)

    assert PHRASE in text
    assert "Strona druga: zapis" in text


def test_pdf_protected_only_against_editing_is_still_read(two_page_pdf):
    writer = PdfWriter(clone_from=io.BytesIO(two_page_pdf))
    writer.encrypt(user_password="", owner_password="właściciel", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    assert PHRASE in extract_text(buffer.getvalue(), PDF)


def test_pdf_that_needs_a_password_yields_empty_text(two_page_pdf):
    writer = PdfWriter(clone_from=io.BytesIO(two_page_pdf))
    writer.encrypt(user_password="tajne", owner_password="tajne", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    assert extract_text(buffer.getvalue(), PDF) == ""


@pytest.mark.parametrize("mime_type", [PDF, DOCX, ODT, XLSX])
def test_garbage_bytes_yield_empty_text_instead_of_an_error(mime_type):
    garbage = b"\x00\xff\xfe PK\x03\x04 %PDF-1.7 garbage" * 50

    assert extract_text(garbage, mime_type) == ""


def test_truncated_office_file_yields_empty_text():
    assert extract_text(make_docx(DOCX_BODY)[:300], DOCX) == ""


def test_office_file_without_its_main_part_yields_empty_text():
    assert extract_text(make_zip({"word/other.xml": "<x/>"}), DOCX) == ""


def test_unsupported_or_missing_mime_type_yields_empty_text():
    assert extract_text(b"GIF89a...", "image/gif") == ""
    assert extract_text(b"hello", "") == ""
    assert extract_text(b"", "text/plain") == ""


def test_zip_bomb_member_beyond_the_size_cap_is_refused(monkeypatch):
    monkeypatch.setattr(textextract, "MAX_MEMBER_BYTES", 10_000)
    bomb = make_docx(f"<w:p><w:r><w:t>{'a' * 20_000}</w:t></w:r></w:p>")

    assert extract_text(bomb, DOCX) == ""


def test_members_read_for_one_file_share_the_size_cap(monkeypatch):
    xlsx = make_xlsx()
    monkeypatch.setattr(textextract, "MAX_MEMBER_BYTES", 1_000)

    assert extract_text(xlsx, XLSX) == ""


def test_output_is_capped_at_max_chars(monkeypatch):
    monkeypatch.setattr(textextract, "MAX_CHARS", 100)
    paragraphs = "".join(f"<w:p><w:r><w:t>akapit {i:04d}</w:t></w:r></w:p>" for i in range(500))

    text = extract_text(make_docx(paragraphs), DOCX)

    assert 50 < len(text) <= 100
    assert text.startswith("akapit 0000")


def test_nul_characters_are_removed_because_postgres_rejects_them():
    assert extract_text(b"a\x00b", "text/plain") == "ab"


def test_entity_expansion_bomb_yields_empty_text_instead_of_exhausting_memory():
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e0 "lol">{entities}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )

    assert extract_text(make_zip({"word/document.xml": document}), DOCX) == ""


def test_a_lower_unpacking_limit_stops_a_spreadsheet_that_inflates_far_beyond_its_size():
    # ~50 KB compressed, several MB of XML once inflated: a cheap file, an expensive read.
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{"x" * 200}</t></is></c></row>'
        for i in range(1, 20_000)
    )
    sheet = f'<worksheet xmlns="{S}"><sheetData>{rows}</sheetData></worksheet>'
    xlsx = make_zip({"[Content_Types].xml": "<Types/>", "xl/worksheets/sheet1.xml": sheet})
    assert len(xlsx) < 200_000

    limited = textextract.extract(xlsx, XLSX, max_unpacked_bytes=1_000_000)
    unlimited = textextract.extract(xlsx, XLSX)

    assert limited.text == ""
    assert len(unlimited.text) > 1_000_000


def test_extract_says_when_the_text_was_cut_at_the_character_limit():
    paragraphs = "".join(f"<w:p><w:r><w:t>akapit {i:04d}</w:t></w:r></w:p>" for i in range(500))

    cut = textextract.extract(make_docx(paragraphs), DOCX, max_chars=100)
    whole = textextract.extract(make_docx(paragraphs), DOCX)

    assert cut.truncated and len(cut.text) <= 100
    assert not whole.truncated and whole.text.endswith("akapit 0499")
