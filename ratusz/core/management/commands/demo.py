from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ratusz.core.demo import DEMO_LOGINS, NotDemoDatabase, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo office “Urząd Miasta Przykładowo”. Idempotent; refuses a database "
        "that holds an office's real data."
    )

    def handle(self, *args, **options):
        try:
            loaded = load_demo()
        except NotDemoDatabase as exc:
            raise CommandError(str(exc)) from exc
        if loaded:
            self.stdout.write(self.style.SUCCESS("The demo office is loaded."))
        else:
            self.stdout.write("The demo office was already loaded; nothing changed.")
        self.stdout.write("Demo logins (password for all: demo):")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<10} {role}")
