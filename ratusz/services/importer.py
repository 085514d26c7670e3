"""Import of the case register from an EZD export (CSV or XLSX), millions of rows.

One pass over the file, one row at a time: each row is read by header name
(`ratusz.lib.tabular`), checked, given its due date and timeliness
(`ratusz.lib.case_terms`) and written in batches with the database's own bulk path
(COPY into a staging table on PostgreSQL, a prepared INSERT on SQLite), merging by
`case_sign` so that importing tomorrow's export updates today's cases instead of
duplicating them. Everything happens in one transaction: a file with bad rows, a
crash or Ctrl-C leaves the register as it was. The monthly figures are then rebuilt
for the months the import touched (before and after), never for the whole register.

Dates, terms and due dates repeat endlessly across millions of cases (a decade has
3,653 days), so each distinct value is parsed and computed once and then looked up.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from ratusz.core.dates import EARLIEST, LATEST
from ratusz.core.models import OrgUnit
from ratusz.lib import case_terms
from ratusz.lib.tabular import TableError, open_table, parse_date
from ratusz.services import figures
from ratusz.services.models import Case, ServiceCard, Timeliness

COLUMNS = (
    "case_sign",
    "jrwa",
    "service",
    "unit",
    "started_on",
    "closed_on",
    "term",
    "suspended_days",
    "delay_notice_on",
    "outcome",
)
REQUIRED = ("case_sign", "unit", "started_on", "term")
BATCH = 5000
MAX_SUSPENDED_DAYS = 3650
KEPT_ERRORS = 1000  # bad rows kept with an import record; all are counted and reported

# The columns written, in this order, from a checked row.
WRITTEN = (
    "case_sign",
    "jrwa",
    "service_id",
    "org_unit_id",
    "started_on",
    "closed_on",
    "term",
    "suspended_days",
    "delay_notice_on",
    "outcome",
    "due_on",
    "timeliness",
    "handling_days",
)


@dataclass(frozen=True)
class BadRow:
    """A row refused: its number as a spreadsheet shows it, the column and why."""

    row: int
    column: str
    reason: str
    values: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ImportResult:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    rejected: int = 0  # all bad rows, including those beyond the kept list


class ImportRefused(Exception):
    """The file was not imported; `result.bad_rows` say why (or `message` does)."""

    def __init__(self, message: str, result: ImportResult | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result or ImportResult()


class _RowError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column = column
        self.reason = reason


def table_error_message(error: TableError) -> str:
    """What a person reads when the file as a whole cannot be read."""
    messages = {
        "empty": _("The file is empty: it has no header row."),
        "not_utf8": _("Row %(row)s is not UTF-8 text. Save the file as “CSV UTF-8”.")
        % {"row": error.row},
        "duplicate_column": _("The header names a column twice: %(columns)s.")
        % {"columns": ", ".join(error.columns)},
        "missing_columns": _(
            "The header lacks the required columns: %(columns)s. Name them in the file "
            "or map the file's own headers onto them."
        )
        % {"columns": ", ".join(error.columns)},
        "too_many_values": _("Row %(row)s has more values than the header has columns.")
        % {"row": error.row},
        "unreadable": _("The file is neither a CSV file nor an XLSX workbook."),
    }
    return messages.get(error.code, str(error))


class _Checker:
    """Turns the text of a row into the values written, or raises `_RowError`."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.units = {code.upper(): pk for pk, code in OrgUnit.objects.values_list("pk", "code")}
        self.cards = {
            number.upper(): (pk, unit)
            for pk, number, unit in ServiceCard.objects.values_list("pk", "number", "org_unit_id")
        }
        self._date = functools.lru_cache(maxsize=65536)(self._parse_date)
        self._term = functools.lru_cache(maxsize=1024)(self._parse_term)
        self._due = functools.lru_cache(maxsize=262144)(case_terms.due_date)

    @staticmethod
    def _parse_date(text: str) -> date | None:
        try:
            day = parse_date(text)
        except ValueError:
            return None
        return day if EARLIEST <= day <= LATEST else None

    @staticmethod
    def _parse_term(text: str) -> case_terms.Term | None:
        try:
            return case_terms.parse_term(text)
        except case_terms.TermError:
            return None

    def date(self, column: str, text: str, *, required: bool = False) -> date | None:
        if not text:
            if required:
                raise _RowError(column, _("This column is required."))
            return None
        day = self._date(text)
        if day is None:
            raise _RowError(
                column,
                _(
                    "“%(value)s” is not a date between %(first)s and %(last)s (YYYY-MM-DD or DD.MM.YYYY)."
                )
                % {"value": text, "first": EARLIEST.year, "last": LATEST.year},
            )
        return day

    def check(self, values: list[str]) -> tuple[Any, ...]:
        sign, jrwa, service, unit, started, closed, term_text, suspended, notice, outcome = values
        if not sign:
            raise _RowError("case_sign", _("This column is required."))
        if len(sign) > 100:
            raise _RowError("case_sign", _("A case sign has at most 100 characters."))
        if len(jrwa) > 20:
            raise _RowError("jrwa", _("A JRWA class has at most 20 characters."))
        if len(outcome) > 200:
            raise _RowError("outcome", _("An outcome has at most 200 characters."))
        if not unit:
            raise _RowError("unit", _("This column is required."))
        unit_id = self.units.get(unit.upper())
        if unit_id is None:
            raise _RowError("unit", _("No org unit has the code “%(code)s”.") % {"code": unit})
        service_id = None
        if service:
            card = self.cards.get(service.upper())
            if card is None:
                raise _RowError(
                    "service", _("No service card is numbered “%(number)s”.") % {"number": service}
                )
            service_id = card[0]
        started_on = self.date("started_on", started, required=True)
        closed_on = self.date("closed_on", closed)
        notice_on = self.date("delay_notice_on", notice)
        assert started_on is not None
        if closed_on is not None and closed_on < started_on:
            raise _RowError("closed_on", _("A case cannot be settled before it started."))
        if notice_on is not None and notice_on < started_on:
            raise _RowError("delay_notice_on", _("A delay notice cannot precede the case."))
        if closed_on is None and started_on > self.today:
            raise _RowError("started_on", _("A case cannot start in the future."))
        if not term_text:
            raise _RowError("term", _("This column is required."))
        term = self._term(term_text)
        if term is None:
            raise _RowError(
                "term",
                _(
                    "“%(value)s” is not a term: use immediate, 7d, 14d, 1m, 2m, or a number of days (30d) or months (3m)."
                )
                % {"value": term_text},
            )
        days_off = 0
        if suspended:
            if not suspended.isdigit() or int(suspended) > MAX_SUSPENDED_DAYS:
                raise _RowError(
                    "suspended_days",
                    _("Days not counted must be a whole number from 0 to %(max)s.")
                    % {"max": MAX_SUSPENDED_DAYS},
                )
            days_off = int(suspended)
        due = self._due(term, started_on, suspended_days=days_off)
        if closed_on is None:
            timeliness, taken = Timeliness.OPEN.value, None
        else:
            timeliness = case_terms.assess(
                due=due, closed_on=closed_on, delay_notice_on=notice_on
            ).value
            taken = case_terms.handling_days(started_on, closed_on, days_off)
        return (
            sign,
            jrwa,
            service_id,
            unit_id,
            started_on,
            closed_on,
            term.code,
            days_off,
            notice_on,
            outcome,
            due,
            timeliness,
            taken,
        )


def import_cases(
    stream: IO[bytes],
    *,
    mapping: Mapping[str, str] | None = None,
    skip_bad: bool = False,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import an EZD export; return what it did, or raise `ImportRefused`.

    By default all or nothing: any bad row refuses the whole file, and every bad row is
    reported. With `skip_bad`, the good rows are imported and the bad ones returned.
    """
    try:
        table = open_table(stream, columns=COLUMNS, required=REQUIRED, mapping=mapping)
    except TableError as exc:
        raise ImportRefused(table_error_message(exc)) from None
    checker = _Checker(today)
    result = ImportResult()
    writer = _Writer()
    batch: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            try:
                for number, values in table.rows():
                    result.rows_read += 1
                    try:
                        batch.append(checker.check(values))
                    except _RowError as bad:
                        result.rejected += 1
                        if len(result.bad_rows) < KEPT_ERRORS or skip_bad:
                            result.bad_rows.append(
                                BadRow(number, bad.column, bad.reason, tuple(values))
                            )
                    if len(batch) >= BATCH:
                        if skip_bad or not result.rejected:
                            writer.write(batch, result)
                        batch = []
                        if progress is not None:
                            progress(result.rows_read)
            except TableError as exc:
                raise ImportRefused(table_error_message(exc), result) from None
            if result.rejected and not skip_bad:
                raise ImportRefused(
                    _("Nothing was imported: %(n)s rows are bad.") % {"n": result.rejected},
                    result,
                )
            writer.write(batch, result)
            figures.refresh(writer.months)
    finally:
        writer.close()
    if progress is not None:
        progress(result.rows_read)
    return result


class _Writer:
    """Writes checked rows by `case_sign`, remembering the months it touched."""

    def __init__(self) -> None:
        self.months: set[date] = set()
        self.table = Case._meta.db_table
        self.postgres = connection.vendor == "postgresql"
        self.cursor = connection.cursor()
        self._staged = False
        # Table and column names come from the model, never from the file (hence the
        # S608 waivers); every value travels as a parameter or through COPY.
        columns = ", ".join(WRITTEN)
        updates = ", ".join(f"{c} = excluded.{c}" for c in WRITTEN if c != "case_sign")
        if self.postgres:
            self.upsert = (
                f"INSERT INTO {self.table} ({columns}) "  # noqa: S608
                f"SELECT DISTINCT ON (case_sign) {columns} FROM services_case_stage "
                f"ORDER BY case_sign, ord DESC "
                f"ON CONFLICT (case_sign) DO UPDATE SET {updates}"
            )
        else:
            marks = ", ".join(["%s"] * len(WRITTEN))
            self.upsert = (
                f"INSERT INTO {self.table} ({columns}) VALUES ({marks}) "  # noqa: S608
                f"ON CONFLICT (case_sign) DO UPDATE SET {updates}"
            )

    def _touch(self, *days: date | None) -> None:
        for day in days:
            if day is not None:
                self.months.add(day.replace(day=1))

    def _existing(self, signs: Iterable[str]) -> dict[str, tuple[date, date | None]]:
        """The cases already held among `signs`, with the dates they count in."""
        found: dict[str, tuple[date, date | None]] = {}
        signs = list(signs)
        for start in range(0, len(signs), 900):
            chunk = signs[start : start + 900]
            marks = ", ".join(["%s"] * len(chunk))
            self.cursor.execute(
                f"SELECT case_sign, started_on, closed_on FROM {self.table} "  # noqa: S608
                f"WHERE case_sign IN ({marks})",
                chunk,
            )
            for sign, started, closed in self.cursor.fetchall():
                found[sign] = (_as_date(started), _as_date(closed))
        return found

    def write(self, rows: list[tuple[Any, ...]], result: ImportResult) -> None:
        if not rows:
            return
        signs = {row[0] for row in rows}
        existing = self._existing(signs)
        for started, closed in existing.values():
            self._touch(started, closed)
        for row in rows:
            self._touch(row[4], row[5])
        result.updated += len(existing)
        result.created += len(signs) - len(existing)
        if self.postgres:
            self._copy(rows)
            self.cursor.execute(self.upsert)
            self.cursor.execute("TRUNCATE services_case_stage")
        else:
            self.cursor.executemany(self.upsert, rows)

    def _copy(self, rows: list[tuple[Any, ...]]) -> None:
        raw = self.cursor.cursor
        if not self._staged:
            raw.execute(
                "CREATE TEMP TABLE IF NOT EXISTS services_case_stage (ord bigint, "
                "case_sign varchar(100), jrwa varchar(20), service_id bigint, "
                "org_unit_id bigint, started_on date, closed_on date, term varchar(8), "
                "suspended_days integer, delay_notice_on date, outcome varchar(200), "
                "due_on date, timeliness varchar(20), handling_days integer) ON COMMIT DROP"
            )
            # Inside an enclosing transaction the table outlives an earlier import.
            raw.execute("TRUNCATE services_case_stage")
            self._staged = True
        with raw.copy(f"COPY services_case_stage (ord, {', '.join(WRITTEN)}) FROM STDIN") as copy:
            for order, row in enumerate(rows):
                copy.write_row((order, *row))

    def close(self) -> None:
        self.cursor.close()


def _as_date(value: Any) -> date | None:
    """SQLite returns dates as text through a raw cursor; PostgreSQL as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
