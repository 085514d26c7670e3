"""How the demo is served: as the product runs (no debug pages), with a developer mode."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import RequestFactory
from django.views.defaults import server_error

MAKEFILE = Path(__file__).resolve().parents[3] / "Makefile"


def _recipe(target: str) -> str:
    text = MAKEFILE.read_text()
    match = re.search(rf"^{target}:.*?\n((?:\t.*\n)+)", text, flags=re.MULTILINE)
    assert match, f"no {target} target"
    return match.group(1)


def test_make_run_serves_the_demo_without_debug_and_with_collected_static_files():
    recipe = _recipe("run")
    assert "DEBUG=True" not in recipe
    assert "collectstatic" in recipe  # WhiteNoise serves them with DEBUG off
    assert "ratusz serve --host" in recipe  # gunicorn, as in production


def test_make_dev_keeps_a_developer_mode_with_debug():
    assert "DEBUG=True" in _recipe("dev")


def test_a_server_error_shows_ratuszs_own_page_without_needing_the_page_context(db):
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "nothing was saved" in html
    assert "Traceback" not in html


def test_an_unknown_address_with_debug_off_shows_the_apps_page(office, client_for, settings):
    settings.DEBUG = False
    response = client_for(office.quality).get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is nothing at this address" in html
    assert "Using the URLconf" not in html  # Django's technical 404 page
