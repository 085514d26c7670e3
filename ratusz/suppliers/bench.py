"""Contract register pages measured by `ratusz bench`."""

from __future__ import annotations

from ratusz.suppliers.models import Contract


def _a_contract() -> str:
    # A late contract with penalties: the page residents ask about.
    pk = (
        Contract.objects.filter(penalties__isnull=False)
        .order_by("-value_net")
        .values_list("pk", flat=True)
        .first()
    )
    return f"/suppliers/contracts/{pk}/" if pk else "/suppliers/"


PAGES = [
    ("Contract register", lambda: "/suppliers/"),
    ("Contract register: running, most penalties", lambda: "/suppliers/?status=running&sort=-due"),
    ("Contract page with its ledger", _a_contract),
    ("Public investments", lambda: "/public/investments/"),
]
