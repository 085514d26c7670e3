"""Tests for ratusz.lib.tabular: the CSV and XLSX files offices actually produce."""

from __future__ import annotations

import io
import tracemalloc
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from ratusz.lib.tabular import TableError, open_table, parse_date

COLUMNS = ("case_sign", "started_on", "closed_on", "term")


def read(data: bytes, **kwargs):
    kwargs.setdefault("columns", COLUMNS)
    return list(open_table(io.BytesIO(data), **kwargs).rows())


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_comma_separated_utf8():
    data = b"case_sign,started_on,closed_on,term\nUSC.5340.1.2026,2026-03-02,,1m\n"
    assert read(data) == [(2, ["USC.5340.1.2026", "2026-03-02", "", "1m"])]


def test_semicolons_and_the_byte_order_mark_excel_writes():
    data = "\ufeffcase_sign;started_on;closed_on;term\r\nGK.6733.4.2026;02.03.2026;;14d\r\n"
    rows = read(data.encode("utf-8"))
    assert rows == [(2, ["GK.6733.4.2026", "02.03.2026", "", "14d"])]


def test_columns_are_found_by_name_in_any_order_and_case():
    data = b"Term ; CLOSED_ON;case_sign;started_on;extra\n2m;;A/1;2026-01-05;x\n"
    assert read(data) == [(2, ["A/1", "2026-01-05", "", "2m"])]


def test_a_column_missing_from_the_file_reads_empty_unless_required():
    data = b"case_sign,started_on\nA/1,2026-01-05\n"
    assert read(data) == [(2, ["A/1", "2026-01-05", "", ""])]
    with pytest.raises(TableError) as refused:
        read(data, required=("case_sign", "term", "closed_on"))
    assert refused.value.code == "missing_columns"
    assert refused.value.columns == ("term", "closed_on")


def test_another_system_headers_are_mapped_onto_the_columns():
    data = "Znak sprawy;Data wszczęcia;Termin\nA/1;05.01.2026;1m\n".encode()
    rows = read(
        data,
        mapping={"znak sprawy": "case_sign", " Data wszczęcia ": "started_on", "TERMIN": "term"},
        required=("case_sign", "started_on", "term"),
    )
    assert rows == [(2, ["A/1", "05.01.2026", "", "1m"])]


def test_row_numbers_are_those_a_spreadsheet_shows_and_blank_rows_are_skipped():
    data = b"case_sign,term\nA/1,1m\n\n,\nA/2,2m\n"
    assert [(n, v[0]) for n, v in read(data)] == [(2, "A/1"), (5, "A/2")]


def test_quoted_values_keep_their_separators_and_line_breaks():
    data = b'case_sign;term\n"A;1";"1m"\n"B\n2";2m\n'
    assert [v[0] for _, v in read(data)] == ["A;1", "B\n2"]


def test_a_row_longer_than_the_header_names_its_row():
    data = b"case_sign,term\nA/1,1m\nA/2,2m,surprise\n"
    table = open_table(io.BytesIO(data), columns=COLUMNS)
    rows = table.rows()
    assert next(rows)[0] == 2
    with pytest.raises(TableError) as refused:
        next(rows)
    assert (refused.value.code, refused.value.row) == ("too_many_values", 3)


def test_trailing_empty_cells_are_not_too_many_values():
    assert read(b"case_sign,term\nA/1,1m,,\n") == [(2, ["A/1", "", "", "1m"])]


def test_a_file_that_is_not_utf8_names_the_row():
    data = "case_sign;term\nA/1;1m\nŁ/2;1m\n".encode("cp1250")
    with pytest.raises(TableError) as refused:
        read(data)
    assert refused.value.code == "not_utf8"
    assert refused.value.row == 3


def test_empty_files_and_duplicate_columns_are_refused():
    with pytest.raises(TableError) as empty:
        read(b"")
    assert empty.value.code == "empty"
    with pytest.raises(TableError) as twice:
        read(b"case_sign,Case_Sign\nA,B\n")
    assert (twice.value.code, twice.value.columns) == ("duplicate_column", ("case_sign",))


def test_xlsx_cells_become_text_as_the_csv_would_give_them():
    data = xlsx(
        [
            ["case_sign", "started_on", "closed_on", "term", "suspended_days"],
            ["A/1", datetime(2026, 3, 2), None, "1m", 3.0],
            [None, None, None, None, None],
            ["A/2", date(2026, 3, 4), "10.03.2026", "14d", 0],
        ]
    )
    table = open_table(io.BytesIO(data), columns=(*COLUMNS, "suspended_days"))
    assert list(table.rows()) == [
        (2, ["A/1", "2026-03-02", "", "1m", "3"]),
        (4, ["A/2", "2026-03-04", "10.03.2026", "14d", "0"]),
    ]


def test_a_zip_that_is_not_a_workbook_is_unreadable():
    with pytest.raises(TableError) as refused:
        read(b"PK\x03\x04 not really a zip")
    assert refused.value.code == "unreadable"


def test_memory_stays_flat_whatever_the_file_size():
    def peak(rows: int) -> int:
        body = b"".join(b"S.%d.2026;2026-03-02;;1m\n" % i for i in range(rows))
        data = io.BytesIO(b"case_sign;started_on;closed_on;term\n" + body)
        table = open_table(data, columns=COLUMNS)
        tracemalloc.start()
        count = sum(1 for _ in table.rows())
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == rows
        return top

    small, large = peak(2_000), peak(200_000)
    assert large < small * 3  # a hundred times the rows, not a hundred times the memory


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2026-3-2", date(2026, 3, 2)),
        ("02.03.2026", date(2026, 3, 2)),
        (" 2.3.2026 ", date(2026, 3, 2)),
        ("29.02.2028", date(2028, 2, 29)),
    ],
)
def test_dates_in_both_forms(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["", "2026/03/02", "02-03-2026", "31.02.2026", "2026-13-01", "x"])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)
