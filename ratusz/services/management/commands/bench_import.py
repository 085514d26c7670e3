"""`ratusz bench_import`: the case import against the raw database driver, side by side.

Writes a synthetic EZD export of --rows cases, then, each inside a transaction that
is rolled back (so the register is left as it was):

1. imports it with `ratusz.services.importer` (the path `ratusz import_cases` takes),
   measuring the time and the growth of the process's peak memory;
2. inserts the same rows, already parsed and computed, into the same table with the
   driver's own bulk path: COPY on PostgreSQL, `executemany` of one prepared INSERT
   on SQLite. That is the limit no import can beat.

Prints both rates and their ratio as Markdown (the target: the import at no less than
half the driver's rate).
"""

from __future__ import annotations

import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from ratusz.core.models import OrgUnit
from ratusz.services import figures, importer
from ratusz.services.models import Case, ServiceCard
from ratusz.services.synthetic import write_export


class _Rollback(Exception):
    pass


def _status_kb(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _start_peak() -> int:
    """The memory now, with the peak reset to it where Linux allows (so that what an
    earlier step took does not hide the import's own peak)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to VmRSS
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return _status_kb("VmRSS") or 0


def _peak_kb() -> int:
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Command(BaseCommand):
    help = "Measure the case import against the raw driver's bulk insert of the same rows."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5_000_000)
        parser.add_argument("--output", help="also write the table to this file")

    def handle(self, *args, rows: int, output, **options):
        units = list(OrgUnit.objects.values_list("code", flat=True))
        if not units:
            raise CommandError("No org units: run `ratusz generate` or `ratusz demo` first.")
        cards = list(ServiceCard.objects.values_list("number", "org_unit__code"))
        today = timezone.localdate()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "ezd.csv"
            started = time.perf_counter()
            write_export(path, rows, units=units, cards=cards, prefix="BENCH", today=today)
            self.stdout.write(
                f"export written: {path.stat().st_size / 1e6:.0f} MB "
                f"in {time.perf_counter() - started:.1f} s"
            )
            before = _start_peak()
            seconds = self._timed(lambda: self._import(path, today))
            import_peak = max(_peak_kb() - before, 0)
            prepared = self._prepared(path, today)
            raw_seconds = self._timed(lambda: self._raw(prepared))
            prepared.clear()  # 5 million rows: free them before the recount
        # DESIGN §7: the timeliness aggregation over all cases, as the slow, certain
        # recount does it (imports keep the rollup current without it).
        held = Case.objects.count()
        recount_seconds = self._timed(figures.rebuild)
        vendor = (
            "PostgreSQL (COPY)" if connection.vendor == "postgresql" else "SQLite (executemany)"
        )
        rate, raw_rate = rows / seconds, rows / raw_seconds
        table = (
            f"| Case import, {rows:,} rows | rows/s | seconds |\n|---|---:|---:|\n"
            f"| `ratusz import_cases` | {rate:,.0f} | {seconds:.1f} |\n"
            f"| raw driver, {vendor} | {raw_rate:,.0f} | {raw_seconds:.1f} |\n"
            f"| **ratio (target ≥ 0.50)** | **{rate / raw_rate:.2f}** | |\n"
            f"| peak memory added by the import | {import_peak / 1024:,.0f} MB | |\n"
            f"| monthly figures recounted from all {held:,} cases held "
            f"(`rebuild_case_figures`) | | {recount_seconds:.1f} |\n"
        )
        self.stdout.write("\n" + table)
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(table, encoding="utf-8")

    def _timed(self, work) -> float:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                work()
                raise _Rollback
        except _Rollback:
            pass
        return time.perf_counter() - started

    def _import(self, path: Path, today: date) -> None:
        with path.open("rb") as f:
            importer.import_cases(f, today=today)

    def _prepared(self, path: Path, today: date) -> list[tuple]:
        """The rows as the import would write them, computed before the clock starts."""
        checker = importer._Checker(today)
        from ratusz.lib.tabular import open_table

        with path.open("rb") as f:
            table = open_table(f, columns=importer.COLUMNS)
            return [checker.check(values) for _, values in table.rows()]

    def _raw(self, prepared: list[tuple]) -> None:
        table = Case._meta.db_table
        columns = ", ".join(importer.WRITTEN)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in prepared:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(importer.WRITTEN))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                    prepared,
                )
