"""The checkbox picker narrows its list as one types and counts what is ticked;
a calendar address is copied with one button."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_clause_picker_filters_as_one_types_and_counts_the_ticked(
    sign_in, page, demo_site, assert_accessible
):
    sign_in("quality")
    page.goto(f"{demo_site}/processes/new/")
    picker = page.locator("[data-picker]").first
    search = picker.get_by_role("searchbox", name="Filter the list")
    expect(search).to_be_visible()  # shown by the script; without it every checkbox is listed
    options = picker.locator(".picker-option")
    everything = options.count()
    assert everything > 50

    search.fill("8.5.1")
    visible = picker.locator(".picker-option:visible")
    expect(visible).to_have_count(1)
    picker.get_by_label("8.5.1", exact=False).check()
    expect(picker.get_by_text("Selected: 1")).to_be_visible()

    search.fill("")
    expect(picker.locator(".picker-option:visible")).to_have_count(everything)
    assert_accessible(page)


def test_a_calendar_address_is_copied_with_its_button(sign_in, page, demo_site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in("employee")
    page.goto(f"{demo_site}/profile/")
    page.get_by_role("button", name="Copy").first.click()
    expect(page.get_by_role("status").first).to_have_text("Copied.")
