"""Service cards with their full content, and the residents' catalogue of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ratusz.core.errors import Conflict
from ratusz.documents.tests.factories import bring_into_force, make_document
from ratusz.processes.models import Process
from ratusz.services import services
from ratusz.services.tests.factories import PUBLISHED, import_rows, make_card


def test_a_card_keeps_everything_a_resident_needs(office):
    process = Process.objects.first()
    card = make_card(
        office,
        **PUBLISHED,
        who_may_apply=" Pełnoletni obywatel ",
        required_documents="Wniosek\n\nFotografia 35×45 mm\n",
        fees="Bezpłatnie",
        epuap_url="https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty",
        appeal="Odwołanie do wojewody w terminie 14 dni",
        contact="tel. 22 123 45 67",
        gdpr_clause="Administratorem danych jest Burmistrz.",
        processes=[process] if process else [],
    )
    card.refresh_from_db()
    assert card.who_may_apply == "Pełnoletni obywatel"
    assert card.documents_list == ["Wniosek", "Fotografia 35×45 mm"]
    assert card.is_public and card.term_label == "within 1 month"
    assert list(card.processes.all()) == ([process] if process else [])


def test_a_term_the_office_cannot_read_is_refused_on_its_field(office):
    with pytest.raises(ValidationError) as refused:
        make_card(office, term="two weeks")
    assert "term" in refused.value.message_dict


def test_a_card_is_published_only_with_what_the_resident_gets_its_basis_and_where(office):
    with pytest.raises(ValidationError) as refused:
        make_card(office, is_published=True, outcome="Dowód")
    assert set(refused.value.message_dict) == {"legal_basis", "where_to_apply"}


def test_a_stale_version_of_a_card_conflicts(office):
    card = make_card(office)
    services.update_card(actor=office.quality, card=card, expected_version=1, fees="17 zł")
    with pytest.raises(Conflict):
        services.update_card(actor=office.owner, card=card, expected_version=1, fees="0 zł")


def test_the_card_form_saves_the_full_card(office, client_for):
    card = make_card(office)
    document = make_document(office, title="Karta usługi: dowód osobisty")
    form = {
        "version": 1,
        "number": "KU-SO-01",
        "name": "Dowód osobisty",
        "org_unit": office.civil.pk,
        "on_time_target": "92",
        "is_active": "on",
        "topic": "identity",
        "outcome": "Dowód osobisty",
        "legal_basis": "Ustawa o dowodach osobistych",
        "where_to_apply": "Pokój 12",
        "required_documents": "Wniosek",
        "term": "30d",
        "epuap_url": "https://epuap.gov.pl/x",
        "document": document.pk,
        "is_published": "on",
    }
    response = client_for(office.quality).post(f"/services/cards/{card.pk}/edit/", form)
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.is_public and card.document == document and card.version == 2
    page = client_for(office.employee).get(card.get_absolute_url()).content.decode()
    assert "Ustawa o dowodach osobistych" in page and document.number in page
    bad = client_for(office.quality).post(
        f"/services/cards/{card.pk}/edit/", {**form, "version": 2, "term": "soon"}
    )
    assert bad.status_code == 200 and "“soon” is not a term" in bad.content.decode()


def test_the_catalogue_shows_only_published_cards_and_filters_them(office, client_for):
    make_card(office, **PUBLISHED)
    make_card(office, number="KU-SO-02", name="Meldunek na pobyt stały")
    make_card(
        office,
        number="KU-SO-03",
        **{**PUBLISHED, "is_published": True, "topic": "civil_status"},
        name="Akt urodzenia",
    )
    client = client_for(None)
    page = client.get("/public/services/").content.decode()
    assert "Wydanie dowodu osobistego" in page and "Akt urodzenia" in page
    assert "Meldunek" not in page
    found = client.get("/public/services/", {"q": "dowod"}).content.decode()
    assert "Akt urodzenia" not in found
    by_topic = client.get("/public/services/", {"topic": "civil_status"}).content.decode()
    assert "Akt urodzenia" in by_topic and "Wydanie dowodu" not in by_topic
    by_unit = client.get("/public/services/", {"unit": office.civil.pk}).content.decode()
    assert "Akt urodzenia" in by_unit
    nothing = client.get("/public/services/", {"q": "zzz"}).content.decode()
    assert "No service matches" in nothing
    assert client.get("/public/services/", {"unit": "x"}).status_code == 200
    assert "Services: how to get a matter done" in client.get("/public/").content.decode()


def test_a_public_card_shows_its_content_approval_and_timeliness(office, client_for):
    document = make_document(office, title="Karta usługi: dowód osobisty")
    version = bring_into_force(office, document)
    card = make_card(office, **PUBLISHED, document=document)
    import_rows(office, "SO.1;;KU-SO-01;SO;2026-11-02;2026-11-10;1m;;;Wydano")
    response = client_for(None, language="pl").get(card.get_public_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ustawa z dnia 6 sierpnia 2010 r." in page
    assert version.approver.get_full_name() in page
    assert "100%" in page or "100,0%" in page


def test_a_card_not_published_or_withdrawn_is_not_public(office, client_for):
    card = make_card(office, **PUBLISHED)
    services.update_card(actor=office.quality, card=card, expected_version=1, is_published=False)
    assert client_for(None).get(card.get_public_url()).status_code == 404
    with pytest.raises(ValidationError):
        services.update_card(
            actor=office.quality, card=card, expected_version=2, is_published=True, is_active=False
        )


def test_the_public_pages_read_a_fixed_number_of_queries(
    office, client_for, django_assert_max_num_queries
):
    card = make_card(office, **PUBLISHED)
    for n in range(2, 6):
        make_card(office, number=f"KU-SO-0{n}", **PUBLISHED)
    client = client_for(None)
    with django_assert_max_num_queries(8):
        assert client.get("/public/services/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(card.get_public_url()).status_code == 200
