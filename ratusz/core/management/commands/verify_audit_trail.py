from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ratusz.core.audit import seal_pending_events, verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the audit trail; fails if any entry was altered or removed."

    def handle(self, *args, **options):
        sealed = seal_pending_events()
        if sealed:
            self.stdout.write(f"Sealed {sealed} entries that were waiting to be chained.")
        report = verify_chain()
        if not report.intact:
            for problem in report.problems:
                self.stderr.write(f"TAMPERED: {problem}")
            raise CommandError(
                f"The audit trail is NOT intact: {len(report.problems)} problem(s) "
                f"in {report.checked} entries."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {report.checked} entries, head {report.head_hash}"
            )
        )
