from __future__ import annotations

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Ratusz: gunicorn for production, or Django's development server with --dev."

    def add_arguments(self, parser):
        parser.add_argument("--dev", action="store_true", help="Django's development server")
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3))
        )

    def handle(self, *args, dev: bool, host: str, port: str, workers: int, **options):
        if dev:
            # With DEBUG on (`make dev`) code and template changes restart the server.
            call_command("runserver", f"{host}:{port}", use_reloader=settings.DEBUG)
            return
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        os.execv(  # noqa: S606 - replaces this process with gunicorn, arguments are ours
            gunicorn,
            [
                gunicorn,
                "ratusz.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--forwarded-allow-ips",
                os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            ],
        )
