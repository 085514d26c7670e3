"""The layout in Polish (the default language) on a phone, a tablet and a desktop:
no page scrolls sideways, the menu folds behind a button on a phone, and every main
page passes axe-core at every width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAIN_PAGES = [
    "/",  # dashboard
    "/actions/",  # action tracker
    "/documents/",  # document register
    "/processes/",  # process list
    "/improvement/nonconformities/",  # nonconformity register
    "/audits/",  # audit list
    "/audits/programme/",  # audit programme
    "/certification/",  # certification
    "/certification/readiness/",  # readiness
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def polish_page_at(browser, demo_site):
    """A page signed in as the quality manager, in Polish, at the given window size."""
    contexts = []

    def make(viewport: dict, username: str = "quality"):
        context = browser.new_context(locale="pl-PL", viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{demo_site}/login/")
        page.get_by_label("Nazwa użytkownika").fill(username)
        page.get_by_label("Hasło").fill("demo")
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url(f"{demo_site}/")
        return page

    yield make
    for context in contexts:
        context.close()


def _page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("viewport", [PHONE, TABLET, DESKTOP], ids=["phone", "tablet", "desktop"])
def test_no_main_page_scrolls_sideways_in_polish(
    polish_page_at, demo_site, assert_accessible, viewport
):
    page = polish_page_at(viewport)
    for path in MAIN_PAGES:
        page.goto(f"{demo_site}{path}")
        expect(page.locator("html")).to_have_attribute("lang", "pl")
        scroll_width, window_width = _page_width(page)
        assert scroll_width <= window_width, f"{path} is {scroll_width}px wide at {window_width}px"
        assert_accessible(page)


def test_wide_tables_scroll_in_their_own_labelled_box_on_a_phone(polish_page_at, demo_site):
    page = polish_page_at(PHONE)
    page.goto(f"{demo_site}/improvement/nonconformities/")
    region = page.get_by_role("region", name="Niezgodności")
    expect(region).to_be_visible()
    box = region.evaluate("el => [el.scrollWidth, el.clientWidth, el.tabIndex]")
    assert box[0] > box[1], "the register is wider than a phone, so its box scrolls"
    assert box[2] == 0, "the box is reachable with the keyboard"


def test_the_menu_is_folded_behind_a_button_on_a_phone_and_opens_with_it(polish_page_at, demo_site):
    page = polish_page_at(PHONE)
    page.goto(f"{demo_site}/improvement/nonconformities/")
    menu = page.get_by_role("navigation", name="Menu główne")
    toggle = menu.get_by_text("Menu", exact=True)
    link = menu.get_by_role("link", name="Dokumenty", exact=True)
    expect(toggle).to_be_visible()
    expect(link).to_be_hidden()
    # The page's own heading is on the first screen, not below some twenty links.
    heading_top = page.get_by_role("heading", level=1).bounding_box()["y"]
    assert heading_top < 400
    toggle.focus()
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(f"{demo_site}/documents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumenty")


def test_the_menu_is_always_open_beside_the_page_on_a_desktop(polish_page_at, demo_site):
    page = polish_page_at(DESKTOP)
    menu = page.get_by_role("navigation", name="Menu główne")
    expect(menu.get_by_text("Menu", exact=True)).to_be_hidden()
    expect(menu.get_by_role("link", name="Dokumenty", exact=True)).to_be_visible()


def test_the_dashboards_certificate_card_shows_the_whole_number_in_polish(
    polish_page_at, demo_site
):
    page = polish_page_at(DESKTOP)
    number = page.get_by_text("UDT-CERT/SZJ/2023/08", exact=True)
    expect(number).to_be_visible()
    card = page.locator(".card", has=number)
    # Nothing in the card reaches past its right edge (clipped or spilling out).
    overflow = card.evaluate(
        """card => { const edge = card.getBoundingClientRect().right;
          return [...card.querySelectorAll('*')].filter(
            el => el.getBoundingClientRect().right > edge + 1).map(el => el.textContent); }"""
    )
    assert overflow == []


def test_the_api_documentation_passes_axe_for_a_user_of_the_api(
    polish_page_at, demo_site, assert_accessible
):
    page = polish_page_at(DESKTOP)
    page.get_by_role("link", name="API", exact=True).click()
    page.locator(".opblock").first.wait_for()
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock-body").first.wait_for()
    assert_accessible(page)


def test_the_external_auditor_is_not_offered_the_api_documentation(polish_page_at):
    page = polish_page_at(DESKTOP, username="external")
    expect(page.locator("footer")).to_be_visible()
    expect(page.get_by_role("link", name="API", exact=True)).to_have_count(0)
