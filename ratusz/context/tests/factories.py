"""Small builders for the context tests, through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.context import services


def make_issue(office, title="Zmiany w KPA", **overrides):
    fields = {
        "kind": "external",
        "category": "legal",
        "effect": "Procedury trzeba aktualizować.",
        "owner": office.owner,
        "review_date": timezone.localdate() + timedelta(days=60),
        "source": "Dziennik Ustaw",
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_issue(actor=actor, title=title, **fields)


def make_party(office, name="Mieszkańcy", requirements=1, **overrides):
    fields = {"kind": "external", "owner": office.owner, "description": "Klienci urzędu."}
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    party = services.create_party(actor=actor, name=name, **fields)
    for i in range(requirements):
        party = services.add_requirement(
            actor=actor,
            party=party,
            text=f"Wymaganie {i + 1}",
            monitoring="Ankieta",
            review="Przegląd zarządzania",
        ).party
    party.refresh_from_db()
    return party
