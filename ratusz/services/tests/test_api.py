"""The public services API: cards, cases and figures, with the pages' rules."""

from __future__ import annotations

from django.test import Client

from ratusz.services.tests.factories import PUBLISHED, import_rows, make_card


def api(user) -> Client:
    client = Client()
    client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    return client


def test_cards_are_added_and_changed_through_the_services(office):
    client = api(office.quality)
    created = client.post(
        "/api/v1/service-cards/",
        {"number": "KU-SO-05", "name": "Meldunek", "org_unit": office.civil.pk, "term": "30d"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = client.patch(
        f"/api/v1/service-cards/{pk}/",
        {"version": 1, "fees": "Bezpłatnie"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/service-cards/{pk}/",
        {"version": 1, "fees": "10 zł"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    bad = client.patch(
        f"/api/v1/service-cards/{pk}/",
        {"version": 2, "term": "soon"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "term" in bad.json()
    denied = api(office.employee).patch(
        f"/api/v1/service-cards/{pk}/", {"version": 2, "fees": "x"}, content_type="application/json"
    )
    assert denied.status_code == 403


def test_cases_and_figures_are_read_filtered(office):
    make_card(office, **PUBLISHED)
    import_rows(
        office,
        "SO.1;;KU-SO-01;SO;2026-11-02;2026-11-10;1m;;;Wydano",
        "SO.2;;;SO;2026-11-03;;14d;;;",
    )
    client = api(office.employee)
    cases = client.get("/api/v1/cases/").json()
    assert cases["count"] == 2
    on_time = client.get("/api/v1/cases/", {"timeliness": "on_time"}).json()
    assert [c["case_sign"] for c in on_time["results"]] == ["SO.1"]
    rows = client.get("/api/v1/service-figures/", {"first": "2026-01", "last": "2026-12"}).json()
    card_row = next(r for r in rows if r["number"] == "KU-SO-01")
    assert card_row["settled"] == 1 and card_row["on_time_share"] == "100.0"
    wrong = client.get("/api/v1/service-figures/", {"first": "2026-13"})
    assert wrong.status_code == 400 and "first" in wrong.json()
    published = client.get("/api/v1/service-cards/", {"published": "true"}).json()
    assert [c["number"] for c in published["results"]] == ["KU-SO-01"]
