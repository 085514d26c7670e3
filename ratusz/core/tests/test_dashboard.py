"""The dashboard's cards: core's "My actions" and each area's `dashboard.card(user)`,
by their order, the certificate first."""

from __future__ import annotations

import re
from types import SimpleNamespace

from ratusz.core import views

HEADINGS = re.compile(r'<section class="card" aria-labelledby="([\w-]+)">')


def test_the_certificate_card_comes_first_then_my_actions_then_the_areas(office, client_for):
    page = client_for(office.quality).get("/").content.decode()
    assert HEADINGS.findall(page) == [
        "cert-heading",
        "my-heading",
        "docs-heading",
        "nc-card-heading",
        "audits-heading",
        "risk-card-heading",
        "review-card-heading",
    ]


def test_an_area_with_nothing_to_show_adds_no_card(office, client_for, monkeypatch):
    cards = len(HEADINGS.findall(client_for(office.quality).get("/").content.decode()))
    real = list(views.area_modules("dashboard"))
    nothing = ("fake", SimpleNamespace(card=lambda user: None))
    monkeypatch.setattr(views, "area_modules", lambda name: iter([*real, nothing]))
    page = client_for(office.quality).get("/").content.decode()
    assert len(HEADINGS.findall(page)) == cards
