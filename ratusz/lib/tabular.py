"""Rows of an imported table (CSV or XLSX), read as a stream, by header name.

Offices export registers from other systems and from Excel, so an import meets:
comma or semicolon separators, UTF-8 with or without the byte-order mark Excel writes,
headers in another system's words, dates as ``2026-03-02`` or ``02.03.2026``, and
files of millions of rows. This module reads any of them one row at a time (memory
stays flat whatever the file's size) and hands each row over as a list of strings in
the order of the columns the caller asked for, with the row's number as a spreadsheet
shows it (the header is row 1).

It does not import Django; messages for people are the caller's, from the codes of
``TableError``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any, Final

__all__ = ["Table", "TableError", "normalise_header", "open_table", "parse_date"]

_ZIP_MAGIC: Final = b"PK\x03\x04"
_DELIMITERS: Final = (";", ",", "\t")
_ISO_DATE: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_POLISH_DATE: Final = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass
class TableError(ValueError):
    """Why a table cannot be read: ``code`` names the problem, the rest locate it.

    Codes: ``empty`` (no header row), ``not_utf8`` (at ``row``), ``duplicate_column``
    and ``missing_columns`` (``columns``), ``too_many_values`` (at ``row``),
    ``unreadable`` (not a CSV or XLSX file).
    """

    code: str
    row: int | None = None
    columns: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f" at row {self.row}" if self.row is not None else ""
        names = f": {', '.join(self.columns)}" if self.columns else ""
        return f"{self.code}{where}{names}"


def normalise_header(name: str) -> str:
    """A header as it is matched: no byte-order mark, trimmed, lower case."""
    return name.replace("\ufeff", "").strip().lower()


def parse_date(text: str) -> date:
    """A date written ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (leading zeros optional).

    Raises ``ValueError`` for any other form or for a day that does not exist
    (``31.02.2026``).
    """
    cleaned = text.strip()
    if match := _ISO_DATE.match(cleaned):
        year, month, day = match.groups()
    elif match := _POLISH_DATE.match(cleaned):
        day, month, year = match.groups()
    else:
        raise ValueError(f"not a date: {text!r}")
    return date(int(year), int(month), int(day))


@dataclass
class Table:
    """An opened table: its header and the positions of the columns asked for."""

    headers: tuple[str, ...]
    columns: tuple[str, ...]
    _rows: Iterator[tuple[int, Sequence[Any]]] = field(repr=False)
    _positions: tuple[int | None, ...] = field(repr=False)
    _text: bool = field(default=True, repr=False)  # rows are lists of str (CSV)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, values of ``columns``) for every row that is not blank.

        A column absent from the file reads as ``""``; so does a short row's tail.
        """
        positions = self._positions
        width = len(self.headers)
        text = self._text
        for number, raw in self._rows:
            if not text:
                raw = [_text(v) for v in raw]
            if not any(raw):
                continue
            size = len(raw)
            if size > width and any(v.strip() for v in raw[width:]):
                raise TableError("too_many_values", row=number)
            values = [raw[p].strip() if p is not None and p < size else "" for p in positions]
            if any(values) or any(v.strip() for v in raw):
                yield number, values


def open_table(
    stream: IO[bytes],
    *,
    columns: Sequence[str],
    required: Sequence[str] = (),
    mapping: Mapping[str, str] | None = None,
) -> Table:
    """Open a CSV or XLSX file (told apart by its first bytes) for reading by column name.

    ``mapping`` renames the file's headers onto ``columns`` (``{"Znak sprawy":
    "case_sign"}``; matched without regard to case or surrounding spaces). Every name in
    ``required`` must be present after mapping, or ``TableError("missing_columns")``
    lists those that are not.
    """
    head = stream.read(4)
    stream.seek(0)
    text = head != _ZIP_MAGIC
    headers, rows = _csv_rows(stream) if text else _xlsx_rows(stream)
    renames = {normalise_header(k): v for k, v in (mapping or {}).items()}
    names = tuple(renames.get(h, h) for h in (normalise_header(h) for h in headers))
    duplicates = sorted(n for n, count in Counter(names).items() if n and count > 1)
    if duplicates:
        raise TableError("duplicate_column", columns=tuple(duplicates))
    missing = tuple(c for c in required if c not in names)
    if missing:
        raise TableError("missing_columns", columns=missing)
    positions = tuple(names.index(c) if c in names else None for c in columns)
    return Table(
        headers=names, columns=tuple(columns), _rows=rows, _positions=positions, _text=text
    )


def _text(value: Any) -> str:
    """A cell as text: dates as ISO dates, whole numbers without ``.0``, None as ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(stream: IO[bytes]) -> tuple[Sequence[str], Iterator[tuple[int, Sequence[Any]]]]:
    # Lines are decoded one by one (not by a buffered text wrapper), so a byte that is
    # not UTF-8 is reported at the row that holds it.
    number = 1

    def lines() -> Iterator[str]:
        for raw in stream:
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise TableError("not_utf8", row=number + 1) from None

    text = lines()
    try:
        first = next(text, "").removeprefix("\ufeff")
    except TableError:
        raise TableError("not_utf8", row=1) from None
    if not first.strip():
        raise TableError("empty")
    delimiter = max(_DELIMITERS, key=first.count)
    headers = next(csv.reader([first], delimiter=delimiter))

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        nonlocal number
        reader = csv.reader(text, delimiter=delimiter)
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                raise TableError("unreadable", row=number + 1) from None
            number += 1
            yield number, values

    return headers, rows()


def _xlsx_rows(stream: IO[bytes]) -> tuple[Sequence[str], Iterator[tuple[int, Sequence[Any]]]]:
    from openpyxl import load_workbook  # only XLSX imports pay for loading openpyxl

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damaged or foreign ZIP is "unreadable"
        raise TableError("unreadable") from None
    sheet = book.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    first = next(cells, None)
    if first is None or not any(v not in (None, "") for v in first):
        book.close()
        raise TableError("empty")
    headers = [_text(v) for v in first]

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            yield from enumerate(cells, start=2)
        finally:
            book.close()

    return headers, rows()
