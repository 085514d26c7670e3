"""Contracts in a real browser, with axe-core on each page: the inspector who manages
the late street reconstruction goes from her dashboard to the contract, records a
period of the contractor's zwłoka, the penalty ledger shows the penalty due and the
contract's cap, and she charges it; then a resident reads the public investments page
on a phone without scrolling sideways."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STREET = "Przebudowa ulicy Kwiatowej wraz z kanalizacją deszczową"


def test_from_the_dashboard_to_charging_the_penalty_and_the_public_page(
    browser, demo_site, sign_in, page, assert_accessible
):
    manager = sign_in("in.witkowska")
    # Her dashboard names the penalty due on her contract and never charged.
    manager.goto(f"{demo_site}/")
    card = manager.locator("section[aria-labelledby='contracts-heading']")
    unhandled = card.get_by_role("heading", name="Penalties due but not charged")
    expect(unhandled).to_be_visible()
    unhandled.locator("xpath=following-sibling::ul[1]").get_by_role("link").first.click()
    manager.wait_for_url(re.compile(r"/suppliers/contracts/\d+/$"))
    expect(manager.get_by_role("heading", level=1)).to_contain_text("ulicy Kwiatowej")
    assert_accessible(manager)
    manager.goto(f"{demo_site}/suppliers/")
    expect(manager.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(manager)
    row = manager.get_by_role("row", name=re.compile("ulicy Kwiatowej"))
    row.get_by_role("link").first.click()
    manager.wait_for_url(re.compile(r"/suppliers/contracts/\d+/$"))
    assert_accessible(manager)

    today = timezone.localdate()
    manager.locator("#step-delay summary").click()
    step = manager.locator("#step-delay")
    step.locator("[name=starts_on]").fill((today - timedelta(days=40)).isoformat())
    step.locator("[name=ends_on]").fill((today - timedelta(days=30)).isoformat())
    step.get_by_label("Attributed to").select_option("contractor")
    step.get_by_label("Reason").fill("Brak ekipy wykonawcy na budowie (wpis w dzienniku budowy).")
    step.get_by_label("Evidence").fill("Dziennik budowy, wpisy 112–118")
    step.get_by_role("button", name="Record the delay").click()
    expect(manager.get_by_text("Delay period recorded.")).to_be_visible()
    expect(manager.get_by_text("Contractor's fault (zwłoka)").first).to_be_visible()
    assert_accessible(manager)

    # 0.1 % of 4 850 000,00 zł net per day for 47 days of zwłoka; the cap is 20 % of net.
    ledger = manager.locator("section[aria-labelledby='s-ledger']")
    expect(ledger).to_contain_text(re.compile(r"Cap 970\s000,00\szł"))
    row = ledger.get_by_role("row", name=re.compile("Late completion"))
    expect(row.locator("td").nth(1)).to_have_text("47")
    expect(row.locator("td").nth(2)).to_have_text(re.compile(r"227\s950,00\szł"))

    # She charges it with a debit note: nothing is left open.
    ledger.get_by_text("Charge", exact=True).click()
    ledger.get_by_label("Amount charged").fill("227 950,00")
    ledger.get_by_label("Charged by").select_option("note")
    ledger.get_by_label("Document number").fill("NK/41/2026")
    ledger.get_by_label("Charged on").fill(today.isoformat())
    ledger.get_by_role("button", name="Charge the penalty").click()
    expect(manager.get_by_text("Penalty charged.")).to_be_visible()
    row = manager.locator("section[aria-labelledby='s-ledger']").get_by_role(
        "row", name=re.compile("Late completion")
    )
    expect(row.locator("td").nth(3)).to_contain_text("NK/41/2026")
    expect(row.locator("td").nth(5)).to_have_text(re.compile(r"0,00\szł"))
    assert_accessible(manager)

    # A resident on a phone: the public page needs no sign-in and fits 390 px.
    resident = browser.new_context(locale="pl-PL", viewport={"width": 390, "height": 844})
    phone = resident.new_page()
    phone.goto(f"{demo_site}/public/investments/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    expect(phone.get_by_text(STREET).first).to_be_visible()
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"/public/investments/ is {width[0]}px wide at {width[1]}px"
    # Nor does any part of it scroll sideways inside the page (a wide table would).
    scrolling = phone.evaluate(
        """[...document.querySelectorAll('main *')].filter(e =>
            e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
        ).length"""
    )
    assert scrolling == 0, f"{scrolling} part(s) of /public/investments/ scroll sideways"
    assert_accessible(phone)
    resident.close()
