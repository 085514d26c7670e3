from __future__ import annotations

from django.core.management.base import BaseCommand

from ratusz.core.search import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every area's records. Safe to run at any time; "
        "searches see the old index until the rebuild commits."
    )

    def handle(self, *args, **options):
        counts = reindex_all()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values())} records."))
