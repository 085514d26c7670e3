"""Every link the dashboard shows an employee opens in the browser (the full crawl of
every role runs with the Django client in `core/tests/test_crawl.py`)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SKIPPED = ("/api/", "/admin/", "/logout/", "/i18n/", "/attachments/", "/static/")


def test_every_link_on_the_employees_dashboard_opens(sign_in, page, demo_site):
    sign_in("employee")
    hrefs = page.eval_on_selector_all(
        "a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )
    targets = sorted({h.split("#")[0] for h in hrefs if not h.startswith(SKIPPED)} - {""})
    assert len(targets) > 10
    broken = []
    for href in targets:
        response = page.goto(f"{demo_site}{href}")
        if response is None or response.status in (403, 404, 500):
            broken.append(f"{href}: {response.status if response else 'no response'}")
    assert broken == []
