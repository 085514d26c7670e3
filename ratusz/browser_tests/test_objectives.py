"""Quality objectives in a real browser, with axe-core on each page: a head of unit
enters a late KPI measurement with its analysis; the mayor approves an objective."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def test_a_late_kpi_is_measured_and_an_objective_approved(
    browser, demo_site, sign_in, page, assert_accessible
):
    head = sign_in("km.head")
    nav(head, "Quality objectives")
    expect(head.get_by_role("heading", level=1)).to_have_text("Quality objectives")
    assert_accessible(head)
    head.get_by_role("row", name=re.compile("Rejestracja pojazdów")).get_by_role("link").click()
    assert_accessible(head)
    head.get_by_role("link", name="Średni czas rejestracji pojazdu").click()
    expect(head.get_by_text(re.compile("Measurement for .* overdue"))).to_be_visible()
    assert_accessible(head)
    form = head.locator("#step-measure")
    form.get_by_label("Value").fill("4.5")
    form.get_by_label("Evidence note").fill("Raport z CEPiK za miesiąc.")
    form.get_by_role("button", name="Save the measurement").click()
    expect(head.get_by_text(re.compile(r"\d{4}-\d\d measured\."))).to_be_visible()
    latest = head.locator("tbody tr").first
    latest.get_by_text("Add the analysis").click()
    latest.get_by_label("Analysis and evaluation").fill("Poniżej progu: brak obsady.")
    latest.get_by_role("button", name="Save the analysis").click()
    expect(head.get_by_text("The analysis is saved.")).to_be_visible()
    expect(head.locator("tbody tr").first.locator("td").last).to_contain_text(
        "Poniżej progu: brak obsady."
    )

    page.context.clear_cookies()
    mayor = sign_in("mayor")
    mayor.goto(f"{demo_site}/objectives/?status=draft")
    mayor.get_by_role("row", name=re.compile("Kompetentni pracownicy")).get_by_role("link").click()
    mayor.get_by_text("Approve the objective").click()
    mayor.get_by_role("button", name="Approve").click()
    expect(mayor.get_by_text(re.compile(r"Objective CJ/2026/\d+ approved\."))).to_be_visible()
    assert_accessible(mayor)
