from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ratusz.core import loadtest
from ratusz.core.bench import BenchFailed


class Command(BaseCommand):
    help = (
        "A busy office against gunicorn on 127.0.0.1: concurrent clients report "
        "nonconformities, submit ideas, raise and edit actions and read lists for a "
        "while, then the command counts errors and acknowledged records that were lost. "
        "Loads the demo office into the configured database (refused for a real office's). "
        "--scenario picks another mix that an area adds (its loadtest.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--port", type=int, default=8766)
        parser.add_argument("--output", help="also write the report to this file")
        parser.add_argument(
            "--scenario",
            default="office",
            help="what the clients do: office (default) or an area's, e.g. public-feedback",
        )

    def handle(
        self, *args, clients: int, seconds: float, port: int, output, scenario: str, **options
    ):
        if clients < 1 or seconds <= 0:
            raise CommandError("--clients and --seconds must be positive.")
        known = loadtest.scenarios()
        if scenario not in known:
            raise CommandError(f"--scenario must be one of: {', '.join(sorted(known))}.")
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("demo", stdout=self.stdout)
        try:
            result = loadtest.run(clients=clients, seconds=seconds, port=port, scenario=scenario)
        except BenchFailed as exc:
            raise CommandError(str(exc)) from exc
        report = result.report()
        self.stdout.write(report)
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(report + "\n", encoding="utf-8")
        if result.errors or result.lost or result.collisions:
            raise CommandError("The load test found errors or lost records (see above).")
