"""The app shell in a real browser: sign in, dashboard, action tracker, language switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_quality_manager_signs_in_and_sees_the_dashboard(
    sign_in, assert_accessible, page, demo_site
):
    page.goto(f"{demo_site}/login/")
    assert_accessible(page)
    sign_in("quality")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_text("UDT-CERT/SZJ/2023/08", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Next external audit"))).to_be_visible()
    assert_accessible(page)


def test_the_action_tracker_filters_without_reloading_and_is_accessible(
    sign_in, page, assert_accessible
):
    sign_in("quality")
    page.get_by_role("link", name="Action tracker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action tracker")
    assert_accessible(page)
    rows = page.locator("#action-results tbody tr")
    total = rows.count()
    assert total > 3
    page.get_by_label("Status").select_option("overdue")
    expect(page).to_have_url(re.compile(r"status=overdue"))
    expect(rows.first).to_contain_text("overdue by")
    assert 0 < rows.count() < total
    # Every row left is overdue; the state is said in words, not only in red.
    for text in rows.all_inner_texts():
        assert "overdue by" in text
    assert_accessible(page)


def test_an_action_page_and_its_completion_form_are_accessible(sign_in, page, assert_accessible):
    sign_in("employee")
    page.get_by_role("link", name="Action tracker").click()
    page.locator("#action-results tbody tr a").first.click()
    expect(page.get_by_role("heading", name="Next step")).to_be_visible()
    page.get_by_text("Mark as done").first.click()
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What was done, and where is the evidence?").fill("Cards corrected.")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("The action is marked done.")).to_be_visible()


def test_switching_the_language_to_polish_and_back(sign_in, page, assert_accessible):
    sign_in("quality")
    page.get_by_role("button", name=re.compile("PL")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pulpit")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.get_by_role("link", name="Rejestr działań").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rejestr działań")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("EN")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action tracker")
