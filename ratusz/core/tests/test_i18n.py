"""Polish and English: pages in both, switching, and a complete Polish catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.conf import settings

from ratusz.core import services

PO = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"


def test_pages_follow_the_browser_language(office, client_for):
    client = client_for(office.quality, language=None)
    assert "Action tracker" in client.get("/actions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Rejestr działań" in client.get("/actions/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()


def test_the_language_switch_remembers_the_choice(office, client_for):
    client = client_for(office.quality, language=None)
    assert "Rejestr działań" in client.get("/actions/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/actions/"}, HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert response.status_code == 302
    assert "Action tracker" in client.get("/actions/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()


def test_a_users_saved_language_wins_over_the_browser(office, client_for):
    services.update_profile(user=office.employee, language="en")
    html = (
        client_for(office.employee, language=None)
        .get("/", HTTP_ACCEPT_LANGUAGE="pl")
        .content.decode()
    )
    assert '<html lang="en">' in html


def test_every_message_has_a_polish_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_plural_forms_have_every_polish_form():
    catalogue = polib.pofile(str(PO))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    assert forms >= 3  # one, few (2–4), many (5+)
    for entry in catalogue:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == forms, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_the_committed_compiled_catalogue_matches_the_source():
    source = polib.pofile(str(PO))
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    expected = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in source if not e.obsolete}
    actual = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in compiled if e.msgid}
    assert expected == actual, "run `make messages` to recompile the catalogue"


def test_one_navigation_link_is_marked_current(office, client_for):
    page = client_for(office.quality).get("/certification/readiness/").content.decode()
    current_links = re.findall(r'<a href="([^"]*)" aria-current="page"', page)
    assert current_links == ["/certification/readiness/"]  # not also /certification/
