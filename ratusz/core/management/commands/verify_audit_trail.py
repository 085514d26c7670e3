from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ratusz.core.audit import newest_exported_head, read_head_files, verify_chain


class Command(BaseCommand):
    help = (
        "Check the audit trail's keyed hash chain; fails if any entry was altered, removed or "
        "slipped in, or if the trail is shorter than a copy of its head exported earlier."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--against",
            action="append",
            default=[],
            metavar="PATH",
            help=(
                "a head file written by export_audit_head, or a directory of them; may be "
                "repeated (default: the newest file in RATUSZ_AUDIT_HEAD_DIR)"
            ),
        )
        parser.add_argument("--database", default="default", help="database alias to check")

    def handle(self, *args, against: list[str], database: str, **options):
        try:
            if against:
                exported = read_head_files([Path(p) for p in against])
            else:
                exported = newest_exported_head(Path(settings.RATUSZ_AUDIT_HEAD_DIR))
        except ValueError as error:
            raise CommandError(str(error)) from error
        report = verify_chain(using=database, exported=exported)
        if not report.intact:
            for problem in report.problems:
                self.stderr.write(f"TAMPERED: {problem}")
            raise CommandError(
                f"The audit trail is NOT intact: {len(report.problems)} problem(s) "
                f"in {report.checked} entries."
            )
        compared = ", ".join(head.source for head in report.compared)
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {report.checked} entries, "
                f"head {report.head_seq} {report.head_hash}"
                + (f"; matches {compared}" if compared else "")
                + (f"; {report.waiting} just written, not chained yet" if report.waiting else "")
            )
        )
