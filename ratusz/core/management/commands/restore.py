from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ratusz.core.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Fill an empty database and an empty media directory from a backup archive "
        "(`ratusz backup`), then verify the audit trail and rebuild the search index. "
        "Refuses a database or media directory that holds anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive written by `ratusz backup`.")

    def handle(self, *args, archive: Path, **options):
        try:
            result = restore_archive(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        self.stdout.write(
            f"Restored the backup made {manifest['created_at']} by Ratusz "
            f"{manifest['ratusz_version']}: the database and {result.media_files} media file(s)."
        )
        if result.pending_migrations:
            self.stdout.write(
                f"Applying {len(result.pending_migrations)} migrations newer than the backup."
            )
            call_command("migrate", interactive=False, verbosity=0)
        trail_error = None
        try:
            call_command("verify_audit_trail", stdout=self.stdout, stderr=self.stderr)
        except CommandError as exc:
            trail_error = exc
        call_command("reindex", stdout=self.stdout)
        if trail_error is not None:
            raise CommandError(
                f"The data is restored, but the audit trail did not verify ({trail_error}). "
                "Find out why before users sign in: the backup may come from a database that "
                "was tampered with."
            )
        self.stdout.write(self.style.SUCCESS(f"Restore complete from {archive}."))
