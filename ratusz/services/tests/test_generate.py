"""The synthetic office's public services: cards per unit and cases imported."""

from __future__ import annotations

import io

from django.core.management import call_command

from ratusz.services import bench, figures
from ratusz.services.generate import CARDS_PER_UNIT, CASES
from ratusz.services.models import Case, CaseFigure, ServiceCard


def test_scale_s_imports_its_cases_through_the_import(db, client):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    assert Case.objects.count() == CASES["s"]
    assert ServiceCard.objects.count() % CARDS_PER_UNIT == 0
    assert Case.objects.filter(service__isnull=False).exists()
    # The rollup the import kept equals a recount.
    kept = sorted(
        CaseFigure.objects.values_list(
            "month", "org_unit_id", "service_id", "jrwa", "started", "settled", "on_time"
        ),
        key=str,
    )
    figures.rebuild()
    assert (
        sorted(
            CaseFigure.objects.values_list(
                "month", "org_unit_id", "service_id", "jrwa", "started", "settled", "on_time"
            ),
            key=str,
        )
        == kept
    )
    # `make bench` measures the residents' pages on a published card with cases.
    paths = {name: factory() for name, factory, *_budget in bench.PAGES}
    card = paths["Public service card"]
    assert card != "/public/services/"  # a card, not the catalogue fallback
    page = client.get(card)
    assert page.status_code == 200
    assert page.context["figures"].settled > 0  # its twelve months of cases are summed
    catalogue = client.get(paths["Public service catalogue"])
    assert catalogue.context["page"].paginator.count == ServiceCard.objects.count()


def test_city_l_has_five_million_cases():
    assert CASES["l"] == 5_000_000
