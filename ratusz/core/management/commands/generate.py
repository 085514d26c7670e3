from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ratusz.core.generate import SCALES, GenerateRefused, generate, office_name


class Command(BaseCommand):
    help = (
        "Generate a synthetic office for benchmarks (s: 50 users, m: 300, l: city-L with "
        "1,000 users and 100,000 actions) in the current database. Idempotent; refuses a "
        "database that holds any other office."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="s")

    def handle(self, *args, scale: str, **options):
        chosen = SCALES[scale]
        self.stdout.write(f"Generating {office_name(chosen)}:")
        try:
            created = generate(chosen, log=self.stdout.write)
        except GenerateRefused as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(self.style.SUCCESS(f"{office_name(chosen)} is generated."))
        else:
            self.stdout.write(f"{office_name(chosen)} is already generated; nothing changed.")
