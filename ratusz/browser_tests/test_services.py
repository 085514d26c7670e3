"""A resident finds a service in the public catalogue and opens its card; the quality
manager follows the late service from the figures to its card. axe-core checks every page,
and the public pages fit a 390 px phone without scrolling sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _fits_a_phone(page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_resident_finds_a_card_and_staff_follow_the_late_service(
    demo_site, sign_in, page, assert_accessible
):
    # The resident, without an account.
    page.goto(f"{demo_site}/public/")
    page.get_by_role("link", name="Services: how to get a matter done").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Services")
    assert_accessible(page)
    _fits_a_phone(page)
    page.get_by_label("Life situation").select_option("building")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Przeniesienie pozwolenia na budowę")).to_have_count(0)
    page.get_by_role("link", name="Pozwolenie na budowę", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pozwolenie na budowę")
    expect(page.get_by_text("Prawo budowlane")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Does the office keep to the deadline?")
    ).to_be_visible()
    assert_accessible(page)
    _fits_a_phone(page)

    # The quality manager sees the service below its target and opens its card.
    quality = sign_in("quality")
    quality.goto(f"{demo_site}/services/")
    assert_accessible(quality)
    quality.get_by_role("link", name="Pozwolenie na budowę").first.click()
    expect(quality.get_by_role("heading", level=1)).to_contain_text("Pozwolenie na budowę")
    expect(quality.get_by_role("button", name="Record a nonconformity")).to_be_visible()
    assert_accessible(quality)
