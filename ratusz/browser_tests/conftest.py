"""Real-browser tests: Playwright drives Debian's Chromium; axe-core checks WCAG 2.1 AA."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread, which makes
    # Django refuse database calls there; the server itself runs in its own thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


# The demo office as the first test of this worker loaded it: the database (SQLite's
# backup API copies it whole, search index included) and its files. Loading the demo
# takes far longer than a test, so every later test starts from this copy instead.
_demo_copy: dict[str, object] = {}


@pytest.fixture
def demo_site(transactional_db, live_server, settings, tmp_path_factory):
    from django.db import connection

    # The live server's threads share the test database connection; a
    # persistent-connection setting would make each thread try to close it.
    connection.settings_dict["CONN_MAX_AGE"] = 0
    media = Path(settings.MEDIA_ROOT)
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        call_command("demo", verbosity=0)
    elif _demo_copy:
        _demo_copy["database"].backup(connection.connection)  # type: ignore[attr-defined]
        shutil.copytree(_demo_copy["media"], media, dirs_exist_ok=True)  # type: ignore[arg-type]
    else:
        call_command("demo", verbosity=0)
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        saved_media = tmp_path_factory.mktemp("demo-media")
        if media.exists():
            shutil.copytree(media, saved_media, dirs_exist_ok=True)
        _demo_copy.update(database=copy, media=saved_media)
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Generous: CI runs these beside the PostgreSQL suite on the same two cores.
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page, demo_site):
    def do(username: str, password: str = "demo"):
        page.goto(f"{demo_site}/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{demo_site}/")
        return page

    return do


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, results.generate_report()

    return check
