"""The audit trail as the quality manager reads it in a real browser, in Polish."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_the_audit_trail_reads_in_words_and_fits_the_window(browser, demo_site, assert_accessible):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{demo_site}/login/")
        page.get_by_label("Nazwa użytkownika").fill("quality")
        page.get_by_label("Hasło").fill("demo")
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url(f"{demo_site}/")
        for number in ("1", "2"):
            page.goto(f"{demo_site}/audit-trail/?page={number}")
            table = page.locator("table.audit-trail").inner_text()
            assert not re.search(r"\b[a-z]+\.[a-z]+ #\d+", table)  # "audits.checklistitem #139"
            assert "{'" not in table and "['" not in table
            assert "lock version" not in table and "wersja blokady" not in table
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1280
        assert_accessible(page)
    finally:
        context.close()
