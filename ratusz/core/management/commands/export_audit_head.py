from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ratusz.core.audit import newest_exported_head, verify_chain, write_head_file
from ratusz.core.reminders import send_audit_head


class Command(BaseCommand):
    help = (
        "Verify the audit trail and write its head (entry number and hash) to a dated file "
        "in RATUSZ_AUDIT_HEAD_DIR, and e-mail it to the quality managers (run it daily). "
        "A trail that is not intact is not exported: the quality managers get a warning."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-email", action="store_true", help="write the file only")

    def handle(self, *args, no_email: bool, **options):
        directory = Path(settings.RATUSZ_AUDIT_HEAD_DIR)
        try:
            exported = newest_exported_head(directory)
        except ValueError as error:
            raise CommandError(str(error)) from error
        report = verify_chain(exported=exported)
        if not no_email:
            send_audit_head(report)
        if not report.intact:
            for problem in report.problems:
                self.stderr.write(f"TAMPERED: {problem}")
            raise CommandError(
                "The audit trail is NOT intact: its head was not exported "
                f"({len(report.problems)} problem(s))."
            )
        path = write_head_file(report, directory, today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail head {report.head_seq} {report.head_hash} written to {path}"
            )
        )
