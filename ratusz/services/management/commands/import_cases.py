"""`ratusz import_cases FILE`: the case register from an EZD export, e.g. nightly from cron."""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ratusz.services import importer, services


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`["Znak sprawy=case_sign", …]` as a mapping; an unknown column is refused."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, column = pair.rpartition("=")
        column = column.strip()
        if not sep or not header.strip():
            raise CommandError(f"--map takes “header in the file=column”, not “{pair}”.")
        if column not in importer.COLUMNS:
            raise CommandError(
                f"--map: “{column}” is not a column; the columns are {', '.join(importer.COLUMNS)}."
            )
        mapping[header.strip()] = column
    return mapping


class Command(BaseCommand):
    help = (
        "Import the case register from an EZD export (CSV with commas or semicolons, UTF-8 "
        "with or without BOM, or XLSX). Cases are matched by case_sign, so re-importing "
        "updates them. All or nothing unless --skip-bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the export, .csv or .xlsx")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=COLUMN",
            help="read the file's column HEADER as COLUMN (repeat for each), "
            "e.g. --map 'Znak sprawy=case_sign'",
        )
        parser.add_argument(
            "--skip-bad",
            action="store_true",
            help="import the good rows and write the bad ones, with reasons, to --rejected",
        )
        parser.add_argument(
            "--rejected", help="where --skip-bad writes bad rows (default: FILE.rejected.csv)"
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, file: str, map: list[str], skip_bad: bool, rejected, quiet, **opts):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        mapping = parse_mapping(map)
        size = path.stat().st_size
        started = time.perf_counter()
        show = not quiet and sys.stderr.isatty()
        with translation.override(os.environ.get("RATUSZ_LANGUAGE", "en")), path.open("rb") as f:

            def progress(rows: int) -> None:
                if not show:
                    return
                done = min(f.tell() / size, 1.0) if size else 1.0
                rate = rows / max(time.perf_counter() - started, 1e-6)
                bar = "#" * int(done * 30)
                self.stderr.write(
                    f"\r[{bar:<30}] {done:6.1%}  {rows:>10,} rows  {rate:>9,.0f} rows/s",
                    ending="",
                )

            record = services.start_import(actor=None, file_name=path.name)
            try:
                result = services.run_import(
                    record=record, stream=f, mapping=mapping, skip_bad=skip_bad, progress=progress
                )
            except importer.ImportRefused as refused:
                if show:
                    self.stderr.write("")
                for bad in refused.result.bad_rows:
                    self.stderr.write(f"row {bad.row}, {bad.column}: {bad.reason}")
                if refused.result.rejected > len(refused.result.bad_rows):
                    more = refused.result.rejected - len(refused.result.bad_rows)
                    self.stderr.write(f"… and {more} more bad rows (use --skip-bad to list them).")
                raise CommandError(refused.message) from None
        if show:
            self.stderr.write("")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.rows_read} rows read in {seconds:.1f} s: {result.created} cases added, "
            f"{result.updated} updated, {result.rejected} rejected."
        )
        if result.bad_rows:
            target = Path(rejected) if rejected else path.with_name(path.name + ".rejected.csv")
            with target.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out, delimiter=";")
                writer.writerow(["row", "column", "reason", *importer.COLUMNS])
                for bad in result.bad_rows:
                    writer.writerow([bad.row, bad.column, bad.reason, *bad.values])
            self.stdout.write(f"Bad rows with their reasons: {target}")
