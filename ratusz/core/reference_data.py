"""Reference data every installation needs: the ISO 9001:2015 clause registry
and the audit chain's head row. Seeded by a migration; seeding again (e.g. by
the demo after a test flushed the tables) only adds what is missing. The
functions take the model classes so that a migration can pass its historical
models."""

from __future__ import annotations

from ratusz.core.clause_data import ISO_9001_2015


def seed_clause_registry(clause_model, chain_head_model) -> None:
    chain_head_model.objects.get_or_create(pk=1)
    by_number = {}
    for number, title_en, title_pl in ISO_9001_2015:
        parent = by_number.get(number.rsplit(".", 1)[0]) if "." in number else None
        clause, _created = clause_model.objects.get_or_create(
            standard="ISO 9001",
            edition="2015",
            number=number,
            defaults={
                "title_en": title_en,
                "title_pl": title_pl,
                "parent": parent,
                "sort_key": ".".join(f"{int(p):03d}" for p in number.split(".")),
            },
        )
        by_number[number] = clause
