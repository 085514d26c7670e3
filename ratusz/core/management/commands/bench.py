from __future__ import annotations

import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ratusz.core import bench
from ratusz.core.generate import SCALES, GenerateRefused, check_database
from ratusz.core.models import User


class Command(BaseCommand):
    help = (
        "Benchmark the pages against the current database (DATABASE_URL): migrate, generate "
        "the synthetic office, count queries per page, then measure latency under concurrent "
        "clients against gunicorn on 127.0.0.1. Prints a Markdown table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="s")
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--requests", type=int, default=200, help="per page")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--output", help="also write the table to this file")
        parser.add_argument(
            "--only", action="append", metavar="WORD",
            help="measure only pages whose name or path contains WORD (repeatable)",
        )  # fmt: skip

    def handle(
        self, *args, scale: str, clients: int, requests: int, port: int, output, only, **options
    ):
        if clients < 1 or requests < 1:
            raise CommandError("--clients and --requests must be positive.")
        chosen = SCALES[scale]
        self._refuse_foreign_database(chosen)
        self._step("migrate", lambda: call_command("migrate", verbosity=0))
        # Production settings serve static files through the manifest storage.
        self._step(
            "collectstatic", lambda: call_command("collectstatic", interactive=False, verbosity=0)
        )
        already = check_database(chosen)
        started = time.perf_counter()
        call_command("generate", scale=scale, stdout=self.stdout)
        generation = (
            "already generated (earlier run)"
            if already
            else f"{time.perf_counter() - started:.1f} s in this run"
        )

        user = User.objects.filter(username=bench.BENCH_USER).first()
        if user is None:
            raise CommandError(f"No user “{bench.BENCH_USER}” to measure the pages as.")
        try:
            pages = bench.resolve_pages(only)
            if not pages:
                raise CommandError(f"No page matches {only}.")
            self._step("queries per page", lambda: bench.count_queries(pages, user))
            rss = self._step(
                "latency (gunicorn)",
                lambda: bench.measure_latency(pages, user, port, clients, requests),
            )
        except bench.BenchFailed as exc:
            raise CommandError(str(exc)) from exc
        table = bench.report(
            pages, scale_label=chosen.label, generation=generation, clients=clients,
            requests=requests, worker_rss_kb=rss,
        )  # fmt: skip
        self.stdout.write("\n" + table)
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(table, encoding="utf-8")
            self.stdout.write(f"Written to {output}")
        if broken := bench.failures(pages):
            raise CommandError("Pages answered other than 200:\n  " + "\n  ".join(broken))

    def _refuse_foreign_database(self, scale) -> None:
        """Check before migrating, so that a real office's database is not even touched."""
        if "core_office" not in connection.introspection.table_names():
            return
        try:
            check_database(scale)
        except GenerateRefused as exc:
            raise CommandError(str(exc)) from exc

    def _step(self, name: str, work):
        started = time.perf_counter()
        result = work()
        self.stdout.write(f"{name}: {time.perf_counter() - started:.1f} s")
        return result
