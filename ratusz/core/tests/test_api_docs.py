"""The API's documentation (Swagger UI): linked and served only for those who may use
the API, with the page language set and its colours overridden for contrast."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

API_LINK = 'href="/api/docs/"'


@pytest.mark.parametrize("persona", ["quality", "mayor", "owner", "auditor", "employee"])
def test_staff_see_the_api_link_in_the_footer(office, client_for, persona):
    html = client_for(getattr(office, persona)).get("/").content.decode()
    assert API_LINK in html


def test_the_external_auditor_sees_no_api_link_and_cannot_open_the_docs(office, client_for):
    client = client_for(office.external)
    home = client.get("/", follow=True)
    assert home.status_code == 200
    assert API_LINK not in home.content.decode()
    assert client.get("/api/docs/").status_code == 403
    assert client.get("/api/schema/").status_code == 403


def test_a_signed_out_visitor_sees_no_api_link(client_for):
    html = client_for(None).get("/login/").content.decode()
    assert API_LINK not in html


def test_the_docs_page_declares_its_language_and_loads_the_contrast_styles(office, client_for):
    html = client_for(office.quality).get("/api/docs/").content.decode()
    assert '<html lang="en">' in html
    assert "core/swagger" in html and ".css" in html
    # Deep links would put a link inside each operation's button (nested controls).
    assert '"deepLinking": false' in html
