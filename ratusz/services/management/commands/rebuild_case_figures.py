"""`ratusz rebuild_case_figures`: recount the monthly figures of cases from the cases."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from ratusz.services import figures
from ratusz.services.models import CaseFigure


class Command(BaseCommand):
    help = (
        "Recount the monthly timeliness figures from the cases themselves (imports keep "
        "them current; this is the slow, certain way, e.g. after restoring a backup)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            figures.rebuild()
        self.stdout.write(
            f"{CaseFigure.objects.count()} monthly rows recounted in "
            f"{time.perf_counter() - started:.1f} s."
        )
