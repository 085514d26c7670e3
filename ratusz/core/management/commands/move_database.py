from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import ConnectionDoesNotExist, load_backend

from ratusz.core.audit import ExportedHead, recording_paused, verify_chain
from ratusz.core.models import AuditEvent, User

TARGET = "move_target"
# Rebuilt by `migrate` on the new database; copying them would clash.
NOT_COPIED = ["contenttypes", "auth.permission", "sessions"]


def _connect(url: str) -> None:
    # A connection of this command only: never listed among the configured
    # databases, so nothing else in the process (or a test) sees it.
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(settings.SQLITE_OPTIONS)
    configured = connections.configure_settings(
        {DEFAULT_DB_ALIAS: dict(connections.settings[DEFAULT_DB_ALIAS]), TARGET: config}
    )
    configured[TARGET]["RATUSZ_URL"] = url
    backend = load_backend(configured[TARGET]["ENGINE"])
    connections[TARGET] = backend.DatabaseWrapper(configured[TARGET], TARGET)


def _disconnect() -> None:
    try:
        connections[TARGET].close()
        del connections[TARGET]
    except (AttributeError, KeyError, ConnectionDoesNotExist):
        pass


class Command(BaseCommand):
    help = (
        "Copy every record of this Ratusz database into another, empty one (e.g. SQLite to "
        "PostgreSQL), then check that the audit trail there is intact and ends at the same "
        "head. Stop Ratusz first; afterwards point DATABASE_URL at the new database and run "
        "`ratusz reindex`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            required=True,
            metavar="DATABASE_URL",
            help="the new database, e.g. postgres://ratusz:secret@127.0.0.1:5432/ratusz",
        )

    def handle(self, *args, to: str, **options):
        source = verify_chain()
        if not source.intact:
            raise CommandError(
                "The audit trail of this database is NOT intact; run `ratusz verify_audit_trail` "
                "and resolve it before moving: " + "; ".join(source.problems)
            )
        if source.waiting:
            raise CommandError(
                "Entries are being written right now: stop Ratusz (and its worker) first."
            )
        try:
            _connect(to)
            self._move(source.head_seq, source.head_hash)
        finally:
            _disconnect()

    def _migrate_target(self) -> None:
        # In a process of its own whose default database is the new one: the data
        # migrations (reference data, counters) then read and write that database.
        url = connections[TARGET].settings_dict.get("RATUSZ_URL", "")
        result = subprocess.run(  # noqa: S603 - our own command, no shell
            [sys.executable, "-m", "ratusz.cli", "migrate", "--noinput", "--verbosity", "0"],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(
                "The tables could not be created in the new database:\n" + result.stderr[-2000:]
            )

    def _move(self, head_seq: int, head_hash: str) -> None:
        self.stdout.write("Creating the tables in the new database …")
        self._migrate_target()
        if User.objects.using(TARGET).exists() or AuditEvent.objects.using(TARGET).count() > 1:
            raise CommandError("The new database already holds Ratusz records: use an empty one.")
        # Clear what the migrations wrote (clause registry, the new trail's opening entry):
        # every row comes from the old database, primary keys included.
        call_command("flush", database=TARGET, interactive=False, verbosity=0)
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "ratusz.json"
            self.stdout.write("Copying the records …")
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=NOT_COPIED,
                output=str(dump),
                verbosity=0,
            )
            token = recording_paused.set(True)  # the copied trail already holds every change
            try:
                call_command("loaddata", str(dump), database=TARGET, verbosity=0)
            finally:
                recording_paused.reset(token)
        moved = verify_chain(
            using=TARGET,
            exported=[ExportedHead(seq=head_seq, hash=head_hash, source="the old database")],
        )
        if not moved.intact:
            raise CommandError(
                "The audit trail in the new database is NOT intact: " + "; ".join(moved.problems)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Moved. The audit trail in the new database is intact: {moved.checked} entries, "
                f"head {moved.head_seq} {moved.head_hash}, the same as in the old one. "
                "Now set DATABASE_URL to the new database and run `ratusz reindex`."
            )
        )
