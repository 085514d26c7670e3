from __future__ import annotations

from django.core.management.base import BaseCommand

from ratusz.core.plugins import area_modules
from ratusz.core.reminders import send_action_reminders, send_email_digests


class Command(BaseCommand):
    help = (
        "The daily run: reminders of actions due soon or overdue (escalated to the head of "
        "the unit), each area's daily duties (documents coming into force, periodic reviews "
        "due), and one e-mail digest per person. Safe to run repeatedly (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-email", action="store_true", help="in-app notifications only")

    def handle(self, *args, no_email: bool, **options):
        report = send_action_reminders()
        self.stdout.write(
            f"actions due soon: {report.due_soon}, overdue: {report.overdue}, "
            f"escalated to the unit head: {report.escalated}, "
            f"to the quality manager: {report.escalated_to_quality}"
        )
        # Each area's daily duties (documents coming into force, reviews due …).
        for label, module in area_modules("daily"):
            counts = module.run()
            self.stdout.write(f"{label}: " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
        emails = 0 if no_email else send_email_digests()
        self.stdout.write(f"e-mails sent: {emails}")
