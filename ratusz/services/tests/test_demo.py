"""The demo office's public services: 60 cards, three years of cases, one late service.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all its tests.
"""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from ratusz.core.models import User
from ratusz.core.plugins import RED
from ratusz.services import figures, readiness
from ratusz.services.models import Case, CaseImport, ServiceCard


def test_sixty_cards_across_the_departments_that_serve_residents(demo):
    units = set(ServiceCard.objects.values_list("org_unit__code", flat=True))
    assert ServiceCard.objects.count() == 60
    assert {"SO", "USC", "KM", "AB", "PO", "OS", "GN"} <= units


def test_three_years_of_cases_imported_through_the_import(demo):
    assert 29_000 <= Case.objects.count() <= 30_000
    record = CaseImport.objects.get()
    assert (record.status, record.rejected) == ("done", 0)
    first = Case.objects.order_by("started_on").values_list("started_on", flat=True).first()
    assert (timezone.localdate() - first).days > 365 * 2


def test_building_permits_fall_below_their_target_and_readiness_says_so(demo):
    permits = ServiceCard.objects.get(name="Pozwolenie na budowę")
    first, last = figures.last_twelve_months(timezone.localdate())
    share = figures.total(first=first, last=last, service=permits.pk).on_time_share
    assert share is not None and share < permits.on_time_target
    rule = next(r for r in readiness.RULES if r.clause == "8.5")
    verdict = rule.check(timezone.localdate(), rule.params)
    assert verdict.state == RED and permits.number in verdict.reason


def test_the_quality_manager_sees_the_late_service_on_the_figures_page(demo):
    client = Client()
    client.force_login(
        User.objects.get(username="quality"), backend="ratusz.core.auth.RatuszBackend"
    )
    page = client.get("/services/").content.decode()
    assert "Pozwolenie na budowę" in page
    assert "poniżej celu" in page  # Polish by default: "below target"


def test_residents_find_the_published_cards_in_the_catalogue(demo):
    assert ServiceCard.objects.filter(is_active=False).count() == 1
    assert ServiceCard.objects.filter(is_active=True, is_published=False).count() == 2
    page = Client().get("/public/services/", {"topic": "building"}).content.decode()
    assert "Pozwolenie na budowę" in page and "Przeniesienie pozwolenia" not in page
    permits = ServiceCard.objects.get(name="Pozwolenie na budowę")
    card = Client().get(permits.get_public_url()).content.decode()
    assert "Prawo budowlane" in card and "Samorządowego Kolegium Odwoławczego" in card
