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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from ratusz.core.dates import EARLIEST, LATEST
from ratusz.core.models import OrgUnit
from ratusz.core.services import take_number
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
OPEN = Timeliness.OPEN.value
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
    number: int | None = None  # the import's number (imports are numbered 1, 2, …)


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


_MISSING = object()
_CACHE_LIMIT = 200_000  # distinct texts remembered; a hostile file cannot grow it further


class _Checker:
    """Turns the text of a row into the values written, or raises `_RowError`.

    Dates, terms and due dates are computed once per distinct value and looked up
    after that: a decade's register has millions of rows but a few thousand dates.
    """

    def __init__(self, today: date) -> None:
        self.today = today
        self.units = {code.upper(): pk for pk, code in OrgUnit.objects.values_list("pk", "code")}
        self.cards = {
            number.upper(): pk for pk, number in ServiceCard.objects.values_list("pk", "number")
        }
        self._dates: dict[str, date | None] = {}
        self._terms: dict[str, case_terms.Term | None] = {}
        self._due: dict[tuple[case_terms.Term, date, int], date] = {}

    def _day(self, text: str) -> date | None:
        day = self._dates.get(text, _MISSING)
        if day is _MISSING:
            try:
                day = parse_date(text)
            except ValueError:
                day = None
            if day is not None and not EARLIEST <= day <= LATEST:
                day = None
            if len(self._dates) < _CACHE_LIMIT:
                self._dates[text] = day
        return day  # type: ignore[return-value]

    def date(self, column: str, text: str, *, required: bool = False) -> date | None:
        if not text:
            if required:
                raise _RowError(column, _("This column is required."))
            return None
        day = self._day(text)
        if day is None:
            raise _RowError(
                column,
                _(
                    "“%(value)s” is not a date between %(first)s and %(last)s "
                    "(YYYY-MM-DD or DD.MM.YYYY)."
                )
                % {"value": text, "first": EARLIEST.year, "last": LATEST.year},
            )
        return day

    def term(self, text: str) -> case_terms.Term:
        term = self._terms.get(text, _MISSING)
        if term is _MISSING:
            try:
                term = case_terms.parse_term(text)
            except case_terms.TermError:
                term = None
            if len(self._terms) < _CACHE_LIMIT:
                self._terms[text] = term
        if term is None:
            raise _RowError(
                "term",
                _(
                    "“%(value)s” is not a term: use immediate, 7d, 14d, 1m, 2m, or a number "
                    "of days (30d) or months (3m)."
                )
                % {"value": text},
            )
        return term  # type: ignore[return-value]

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
            service_id = self.cards.get(service.upper())
            if service_id is None:
                raise _RowError(
                    "service", _("No service card is numbered “%(number)s”.") % {"number": service}
                )
        started_on = self.date("started_on", started, required=True)
        assert started_on is not None
        closed_on = self.date("closed_on", closed) if closed else None
        notice_on = self.date("delay_notice_on", notice) if notice else None
        if closed_on is not None and closed_on < started_on:
            raise _RowError("closed_on", _("A case cannot be settled before it started."))
        if notice_on is not None and notice_on < started_on:
            raise _RowError("delay_notice_on", _("A delay notice cannot precede the case."))
        if closed_on is None and started_on > self.today:
            raise _RowError("started_on", _("A case cannot start in the future."))
        if not term_text:
            raise _RowError("term", _("This column is required."))
        term = self.term(term_text)
        days_off = 0
        if suspended and suspended != "0":
            if not suspended.isdigit() or int(suspended) > MAX_SUSPENDED_DAYS:
                raise _RowError(
                    "suspended_days",
                    _("Days not counted must be a whole number from 0 to %(max)s.")
                    % {"max": MAX_SUSPENDED_DAYS},
                )
            days_off = int(suspended)
        key = (term, started_on, days_off)
        due = self._due.get(key)
        if due is None:
            due = case_terms.due_date(term, started_on, suspended_days=days_off)
            if len(self._due) < _CACHE_LIMIT:
                self._due[key] = due
        if closed_on is None:
            timeliness, taken = OPEN, None
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
    Imports queue one behind another (the import's number is taken first), so two
    never count the same case twice in the figures.
    """
    try:
        table = open_table(stream, columns=COLUMNS, required=REQUIRED, mapping=mapping)
    except TableError as exc:
        raise ImportRefused(table_error_message(exc)) from None
    checker = _Checker(today)
    result = ImportResult()
    with transaction.atomic():
        result.number = take_number("case-import")
        writer = _Writer()
        # Rows by case sign: a sign twice in one batch keeps its later row.
        batch: dict[str, tuple[Any, ...]] = {}
        try:
            try:
                for number, values in table.rows():
                    result.rows_read += 1
                    try:
                        row = checker.check(values)
                    except _RowError as bad:
                        result.rejected += 1
                        if len(result.bad_rows) < KEPT_ERRORS or skip_bad:
                            result.bad_rows.append(
                                BadRow(number, bad.column, bad.reason, tuple(values))
                            )
                        continue
                    batch[row[0]] = row
                    if len(batch) >= BATCH:
                        if skip_bad or not result.rejected:
                            writer.write(batch, result)
                        batch = {}
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
            writer.tally.apply()
        finally:
            writer.close()
    if progress is not None:
        progress(result.rows_read)
    return result


# What an existing case is read back as, to take its old counts out of the figures.
_OLD = ("case_sign", "org_unit_id", "service_id", "jrwa", "started_on", "closed_on",
        "timeliness", "handling_days", "outcome")  # fmt: skip


class _Writer:
    """Writes checked rows: new cases inserted in bulk, known ones updated by sign.

    It keeps the figures' tally as it goes: a new case adds its counts, an updated
    one first takes out what it counted before.
    """

    def __init__(self) -> None:
        self.tally = figures.Tally()
        self.table = Case._meta.db_table
        self.postgres = connection.vendor == "postgresql"
        self.cursor = connection.cursor()
        self._staged = False
        self._dates: dict[Any, date | None] = {}
        # Table and column names come from the model, never from the file (hence the
        # S608 waivers); every value travels as a parameter or through COPY.
        columns = ", ".join(WRITTEN)
        self.insert_sql = (
            f"INSERT INTO {self.table} ({columns}) VALUES ({', '.join(['%s'] * len(WRITTEN))})"  # noqa: S608
        )
        self.update_sql = (
            f"UPDATE {self.table} SET "  # noqa: S608
            + ", ".join(f"{c} = %s" for c in WRITTEN[1:])
            + " WHERE case_sign = %s"
        )
        self.copy_sql = f"COPY {self.table} ({columns}) FROM STDIN"
        self.stage_update_sql = (
            f"UPDATE {self.table} AS c SET "  # noqa: S608
            + ", ".join(f"{col} = s.{col}" for col in WRITTEN[1:])
            + " FROM services_case_stage AS s WHERE c.case_sign = s.case_sign"
        )

    def _date(self, value: Any) -> date | None:
        """SQLite gives dates back as text through a raw cursor; PostgreSQL as dates."""
        if value is None or isinstance(value, date):
            return value
        day = self._dates.get(value)
        if day is None:
            day = self._dates[value] = date.fromisoformat(value)
        return day

    def _existing(self, signs: list[str]) -> list[tuple[Any, ...]]:
        """The cases already held among `signs`, as `_OLD` says."""
        select = f"SELECT {', '.join(_OLD)} FROM {self.table} WHERE case_sign "  # noqa: S608
        if self.postgres:  # one array parameter: no statement with thousands of them
            self.cursor.execute(select + "= ANY(%s)", [signs])
            return self.cursor.fetchall()
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(signs), 900):
            chunk = signs[start : start + 900]
            self.cursor.execute(select + f"IN ({', '.join(['%s'] * len(chunk))})", chunk)
            found.extend(self.cursor.fetchall())
        return found

    def write(self, batch: dict[str, tuple[Any, ...]], result: ImportResult) -> None:
        if not batch:
            return
        count = self.tally.count
        known = set()
        for (
            sign,
            unit,
            service,
            jrwa,
            started,
            closed,
            timeliness,
            taken,
            outcome,
        ) in self._existing(list(batch)):
            known.add(sign)
            count(unit, service, jrwa, self._date(started), self._date(closed), timeliness,
                  taken, outcome, -1)  # fmt: skip
        new = [row for sign, row in batch.items() if sign not in known]
        old = [row for sign, row in batch.items() if sign in known]
        for row in batch.values():
            count(row[3], row[2], row[1], row[4], row[5], row[11], row[12], row[9], 1)
        result.created += len(new)
        result.updated += len(old)
        if self.postgres:
            if new:
                self._copy(self.copy_sql, new)
            if old:
                self._stage()
                self._copy("COPY services_case_stage FROM STDIN", old)
                self.cursor.execute(self.stage_update_sql)
                self.cursor.execute("TRUNCATE services_case_stage")
        else:
            if new:
                self.cursor.executemany(self.insert_sql, new)
            if old:
                self.cursor.executemany(self.update_sql, [(*row[1:], row[0]) for row in old])

    def _stage(self) -> None:
        if self._staged:
            return
        raw = self.cursor.cursor
        raw.execute(
            "CREATE TEMP TABLE IF NOT EXISTS services_case_stage ("
            "case_sign varchar(100), jrwa varchar(20), service_id bigint, "
            "org_unit_id bigint, started_on date, closed_on date, term varchar(12), "
            "suspended_days integer, delay_notice_on date, outcome varchar(200), "
            "due_on date, timeliness varchar(20), handling_days integer) ON COMMIT DROP"
        )
        # Inside an enclosing transaction the table outlives an earlier import.
        raw.execute("TRUNCATE services_case_stage")
        self._staged = True

    def _copy(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.cursor.close()
