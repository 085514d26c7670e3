from __future__ import annotations

from django.core.management.base import BaseCommand

from ratusz.core.reminders import send_action_reminders, send_email_digests


class Command(BaseCommand):
    help = (
        "Notify owners of actions due soon or overdue, escalate long-overdue ones to the head "
        "of the unit, and e-mail each person a digest. Safe to run repeatedly (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-email", action="store_true", help="in-app notifications only")

    def handle(self, *args, no_email: bool, **options):
        report = send_action_reminders()
        emails = 0 if no_email else send_email_digests()
        self.stdout.write(
            f"due soon: {report.due_soon}, overdue: {report.overdue}, "
            f"escalated: {report.escalated}, e-mails sent: {emails}"
        )
