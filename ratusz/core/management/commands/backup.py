from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ratusz.core.backup import VENDOR_NAMES, BackupError, create_backup, verify_backup


def _mb(size: int) -> str:
    return f"{size / 1048576:.1f} MB"


class Command(BaseCommand):
    help = (
        "Write one archive of the running installation: a consistent copy of the database, "
        "the media files and a manifest with their SHA-256. With --verify ARCHIVE, check an "
        "archive instead. Exits non-zero on any failure."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            metavar="PATH",
            help=(
                "Archive to write, or an existing directory to write a dated archive into "
                "(default: RATUSZ_DATA_DIR/backups/ratusz-backup-<UTC time>.tar.gz)."
            ),
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help=(
                "After a successful backup, keep only the N newest ratusz-backup-*.tar.gz "
                "archives in the output directory and delete the older ones."
            ),
        )
        parser.add_argument(
            "--verify",
            type=Path,
            metavar="ARCHIVE",
            help="Check an archive (every file's hash and size, the database copy) and exit.",
        )

    def handle(self, *args, output=None, keep=None, verify=None, **options):
        if verify is not None:
            if output is not None or keep is not None:
                raise CommandError("--verify checks an archive; it takes no --output or --keep.")
            self._verify(verify)
            return
        try:
            result = create_backup(output=output, keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Database copy {_mb(result.database_bytes)}, "
            f"{result.media_files} media file(s) ({_mb(result.media_bytes)})."
        )
        for name in result.missing_media:
            self.stderr.write(f"WARNING: {name} is named in the database but missing from media.")
        for path in result.removed:
            self.stdout.write(f"Removed the older archive {path}")
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {result.path} ({_mb(result.size)}).")
        )

    def _verify(self, archive: Path) -> None:
        report = verify_backup(archive)
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"PROBLEM: {problem}")
            raise CommandError(
                f"The archive {archive} did NOT verify: {len(report.problems)} problem(s)."
            )
        manifest = report.manifest or {}
        vendor = manifest["database"]["vendor"]
        self.stdout.write(
            self.style.SUCCESS(
                f"The archive {archive} is intact: {report.checked_files} files match the "
                f"manifest and the {VENDOR_NAMES.get(vendor, vendor)} database copy is readable "
                f"(Ratusz {manifest['ratusz_version']}, made {manifest['created_at']})."
            )
        )
