"""Every link a demo user is shown opens for that user.

Signed in as each demo role, the crawl opens the dashboard and every page of the
navigation, then every internal link on those pages, and expects none of them to
answer 403, 404 or 500: a link or button shows only to those who may follow it.
The `demo` fixture (ratusz/conftest.py) loads the demo once for all its tests;
the crawl skips downloads, the API, logging out and switching language.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from ratusz.core.models import User
from ratusz.core.navigation import menu

DEMO_ROLES = ["quality", "mayor", "owner", "auditor", "employee", "external"]

# Pages of one kind (one view) opened per role: enough to meet records in each
# state the demo holds, few enough to keep the crawl quick.
PER_VIEW = 8

# Paths that are not pages: files, the API and its documentation, the admin
# site, leaving and switching language.
SKIPPED_PREFIXES = ("/api/", "/admin/", "/static/", "/media/", "/logout/", "/i18n/")
SKIPPED_PARTS = ("/download", "/attachments/", "/export", ".pdf", ".ics", ".xlsx", ".csv")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.hrefs.append(urldefrag(href)[0])


def internal_links(html: str) -> list[str]:
    reader = _Links()
    reader.feed(html)
    return [href for href in reader.hrefs if is_page(href)]


def is_page(href: str) -> bool:
    path = urlsplit(href).path
    return not path.startswith(SKIPPED_PREFIXES) and not any(p in path for p in SKIPPED_PARTS)


def page_key(href: str) -> str:
    """One visit per page and set of query parameters: a list sorted or paged
    another way is the same page."""
    parts = urlsplit(href)
    names = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    names = [n for n in names if n not in ("sort", "page", "next")]
    return parts.path + ("?" + "&".join(names) if names else "")


def crawl(client: Client, user: User) -> dict[str, str]:
    """Open the start pages and every link on them; return the broken ones
    (link → status and the page it was found on)."""
    start = ["/"] + [href for group in menu(user) for _label, href in group["items"]]
    seen: set[str] = set()
    per_view: Counter[str] = Counter()
    broken: dict[str, str] = {}
    found_on: list[tuple[str, str]] = []

    def visit(href: str, source: str) -> str:
        key = page_key(href)
        if key in seen:
            return ""
        seen.add(key)
        try:
            view = resolve(urlsplit(href).path).view_name
        except Resolver404:
            broken[href] = f"404 (linked from {source})"
            return ""
        per_view[view] += 1
        if per_view[view] > PER_VIEW:
            return ""
        response = client.get(href, follow=True)
        if response.status_code in (403, 404, 500):
            broken[href] = f"{response.status_code} (linked from {source})"
            return ""
        if "text/html" not in response.get("Content-Type", ""):
            return ""
        return response.content.decode()

    for href in start:
        html = visit(href, "navigation")
        found_on.extend((link, href) for link in internal_links(html))
    for link, source in found_on:
        visit(link, source)
    return broken


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_every_link_on_the_main_pages_opens_for_each_demo_role(demo, username):
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    broken = crawl(client, user)
    assert broken == {}, "\n".join(f"{href}: {why}" for href, why in sorted(broken.items()))
