"""The public portal at /public/: open to anyone, the office and its QMS scope, and
the sections the areas publish through their `public.py`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.translation import gettext

from ratusz.core import public
from ratusz.core.models import Office
from ratusz.core.plugins import PublicSection


@pytest.fixture
def city(db) -> Office:
    return Office.objects.create(
        pk=1,
        name="Urząd Miasta Przykładowo",
        address="Rynek 1",
        qms_scope="Obsługa mieszkańców w sprawach obywatelskich i komunikacji.",
    )


def _publish(monkeypatch, *sections: PublicSection) -> None:
    """A fake area whose `public.py` contributes these sections."""
    module = SimpleNamespace(sections=lambda: list(sections))
    monkeypatch.setattr(public, "area_modules", lambda name: iter([("fake", module)]))


def test_an_anonymous_visitor_reads_the_office_and_its_qms_scope(city, client_for):
    response = client_for(None).get("/public/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Urząd Miasta Przykładowo" in page
    assert "Obsługa mieszkańców w sprawach obywatelskich i komunikacji." in page
    assert "Rynek 1" in page
    assert 'href="#main"' in page and '<main id="main"' in page  # skip link to main
    assert "/i18n/setlang/" in page  # the language switch
    assert 'class="sidenav"' not in page  # no staff navigation, no sign-in needed


def test_it_says_so_when_no_area_publishes_a_section(city, client_for, monkeypatch):
    _publish(monkeypatch)
    page = client_for(None).get("/public/").content.decode()
    assert "No public sections are published yet." in page
    assert "TODO" not in page


def test_it_lists_the_sections_areas_publish_in_their_order(city, client_for, monkeypatch):
    _publish(
        monkeypatch,
        PublicSection("Skargi i wnioski", "Jak złożyć skargę.", "/public/complaints/", order=20),
        PublicSection("Certyfikat ISO 9001", "Ważny do 2027 r.", "/public/certificate/", order=10),
    )
    page = client_for(None).get("/public/").content.decode()
    assert '<a href="/public/certificate/">Certyfikat ISO 9001</a>' in page
    assert "Jak złożyć skargę." in page
    assert page.index("Certyfikat ISO 9001") < page.index("Skargi i wnioski")
    assert "No public sections are published yet." not in page


def test_it_works_before_the_office_is_set_up(db, client_for):
    page = client_for(None).get("/public/").content.decode()
    assert "has not published the scope of its quality management system yet" in page


def test_it_speaks_the_readers_language(city, client_for):
    page = client_for(None, language="pl").get("/public/").content.decode()
    assert '<html lang="pl">' in page
    with translation.override("pl"):
        assert gettext("Skip to main content") in page


def test_the_front_page_runs_a_fixed_number_of_queries(
    city, client_for, django_assert_max_num_queries
):
    # the office; no session for an anonymous visitor; the surveys section: open surveys
    with django_assert_max_num_queries(2):
        client_for(None).get("/public/")
