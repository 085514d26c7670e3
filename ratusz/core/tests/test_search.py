"""Full-text search: finding, highlighting, hostile input and who sees what."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from ratusz.core import search
from ratusz.core.models import Action

HOSTILE = [
    '"',
    "*",
    "NEAR(",
    "'; DROP TABLE search_index; --",
    ":*",
    "&|!",
    "raport NEAR(",
    'raport "',
    "raport*",
    "raport:*",
    "raport & | ! <-> ( ) :",
    "^raport",
    "-raport",
    "raport AND OR NOT",
    "title:raport",
    "\\raport\\",
    "raport\x00",
    "''''",
    "(((",
    "…",
    "",
    "   ",
]


@pytest.fixture(autouse=True)
def _registry(monkeypatch):
    # Tests may register kinds of their own; give each test a fresh registry
    # holding what CoreConfig.ready registers.
    monkeypatch.setattr(search, "_KINDS", {})
    search.register_core()


def indexed(office, **fields) -> Action:
    action = office.action(**fields)
    search.index_action(action)
    return action


def found(user, query: str, **kwargs) -> list[str]:
    return [hit.object_id for hit in search.search(user, query, **kwargs).results]


def test_a_word_from_the_description_finds_the_action(office):
    action = indexed(office, description="Przegląd harmonogramu szkoleń BHP")
    other = indexed(office, title="Inna sprawa", description="Nic wspólnego")
    results = search.search(office.quality, "harmonogramu")
    assert [hit.object_id for hit in results.results] == [str(action.pk)]
    assert results.total == 1
    hit = results.results[0]
    assert (hit.kind, hit.title, hit.url) == ("action", str(action), f"/actions/{action.pk}/")
    assert found(office.quality, "inna sprawa") == [str(other.pk)]


def test_the_reference_and_the_completion_evidence_are_searchable(office):
    action = indexed(office, owner=office.employee)
    # ORM: change the row without the services' own reindexing; index_action is under test.
    Action.objects.filter(pk=action.pk).update(completion_evidence="protokół odbioru numer 17")
    action.refresh_from_db()
    search.index_action(action)
    assert found(office.quality, action.reference) == [str(action.pk)]
    assert found(office.quality, "odbioru 17") == [str(action.pk)]


def test_the_last_word_matches_as_a_prefix_and_all_words_must_match(office):
    action = indexed(office, description="Aktualizacja harmonogramu kontroli")
    indexed(office, description="Aktualizacja regulaminu")
    assert found(office.quality, "harmono") == [str(action.pk)]
    assert found(office.quality, "aktualizacja harm") == [str(action.pk)]
    # Only the last word is a prefix, and every word is required.
    assert found(office.quality, "harmono kontroli") == []
    assert found(office.quality, "aktualizacja budżetu") == []


def test_polish_diacritics_follow_the_database(office):
    action = indexed(office, description="Zażółć gęślą jaźń")
    assert found(office.quality, "gęślą") == [str(action.pk)]
    assert found(office.quality, "GĘŚLĄ") == [str(action.pk)]
    if connection.vendor == "sqlite":
        # FTS5 remove_diacritics folds both the text and the query.
        assert found(office.quality, "gesla") == [str(action.pk)]
        assert found(office.quality, "jazn gesla") == [str(action.pk)]
        # "ł" is a letter of its own in Unicode, not l + a diacritic, so FTS5
        # does not fold it: "zazolc" does not find "zażółć" (see search.py).
    else:
        # PostgreSQL without unaccent: Polish letters must match exactly.
        assert connection.vendor == "postgresql"
        assert found(office.quality, "gesla") == []


def test_the_snippet_highlights_matches_and_escapes_the_body(office):
    indexed(office, description="Procedura <script>alert('x')</script> obsługi reklamacji & skarg")
    (hit,) = search.search(office.quality, "reklamacji").results
    assert "<mark>reklamacji</mark>" in hit.snippet_html
    assert "<script" not in hit.snippet_html
    assert "&lt;/script&gt;" in hit.snippet_html
    assert "&amp;" in hit.snippet_html


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(office, query):
    indexed(office, description="raport roczny NEAR AND OR NOT")
    results = search.search(office.quality, query)
    assert results.total == len(results.results)


def test_random_syntax_soup_never_raises(office):
    indexed(office, description="raport roczny 8.5.1 A-12 foo_bar e-mail")
    rng = random.Random(9001)
    alphabet = list("\"'*:&|!<>-()^{}[]+~\\/.,;%_ \t\n\x00") + ["ra", "NEAR", "AND", "ż", "8"]
    for _ in range(300):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        search.search(office.quality, query)  # no exception is the assertion


def test_an_employee_sees_their_units_and_their_own_actions_only(office):
    civil = indexed(office, description="wspólny termin", owner=office.employee)
    transport = indexed(
        office,
        description="wspólny termin",
        org_unit=office.transport,
        owner=office.outsider,
        actor=office.transport_owner,
    )
    # Owned by a member of another unit: its owner sees it too, as in access.py.
    lent = indexed(office, description="wspólny termin", owner=office.outsider)
    assert set(found(office.colleague, "termin")) == {str(civil.pk), str(lent.pk)}
    assert set(found(office.outsider, "termin")) == {str(transport.pk), str(lent.pk)}
    assert search.search(office.outsider, "termin").total == 2
    everyone = {str(civil.pk), str(transport.pk), str(lent.pk)}
    for reader in (office.quality, office.mayor, office.auditor, office.owner):
        assert set(found(reader, "termin")) == everyone


def test_an_external_auditor_and_an_expired_account_find_nothing(office):
    indexed(office, description="wspólny termin", owner=office.employee)
    assert found(office.external, "termin") == []
    office.employee.is_active = False
    assert found(office.employee, "termin") == []


def test_restricted_records_stay_in_their_unit_and_can_view_is_applied(office):
    search.register(
        "note", label="Notes", provider=list, can_view=lambda u, row: "hidden" not in row["title"]
    )
    search.index(
        "note",
        1,
        title="tajne civil",
        body="budżet",
        url="/n/1/",
        unit_id=office.civil.pk,
        confidentiality="restricted",
    )
    search.index(
        "note",
        2,
        title="tajne km",
        body="budżet",
        url="/n/2/",
        unit_id=office.transport.pk,
        confidentiality="restricted",
    )
    search.index("note", 3, title="hidden", body="budżet", url="/n/3/", unit_id=office.civil.pk)
    search.index("note", 4, title="jawne", body="budżet", url="/n/4/")
    assert set(found(office.employee, "budżet")) == {"1", "4"}
    assert set(found(office.outsider, "budżet")) == {"2", "4"}
    assert set(found(office.quality, "budżet")) == {"1", "2", "4"}
    assert search.search(office.quality, "budżet").total == 3


def test_only_registered_and_requested_kinds_are_returned(office):
    action = indexed(office, description="wspólny termin")
    search.index("orphan", 1, title="termin", body="", url="/x/")
    search.register("note", label="Notes", provider=list)
    search.index("note", 1, title="termin", body="", url="/n/1/")
    assert {hit.kind for hit in search.search(office.quality, "termin").results} == {
        "action",
        "note",
    }
    assert found(office.quality, "termin", kinds=["action"]) == [str(action.pk)]
    assert found(office.quality, "termin", kinds=["orphan"]) == []
    assert search.kinds() == {"action": "Actions", "note": "Notes"}


def test_reindexing_a_record_replaces_it_and_unindex_removes_it(office):
    action = indexed(office, description="stary opis")
    # ORM: change the row without the services' own reindexing; index_action is under test.
    Action.objects.filter(pk=action.pk).update(description="nowy opis")
    action.refresh_from_db()
    search.index_action(action)
    assert found(office.quality, "stary") == []
    assert found(office.quality, "nowy") == [str(action.pk)]
    search.unindex("action", action.pk)
    assert found(office.quality, "nowy") == []
    search.unindex("action", action.pk)  # already gone: no error


def test_results_are_paged_and_the_title_ranks_first(office):
    in_title = indexed(office, title="Kalibracja wag", description="sprzęt")
    for _ in range(3):
        indexed(office, title="Przegląd", description="dotyczy kalibracja urządzeń i wag")
    results = search.search(office.quality, "kalibracja", limit=2)
    assert results.total == 4 and len(results.results) == 2
    assert results.results[0].object_id == str(in_title.pk)
    rest = search.search(office.quality, "kalibracja", limit=2, offset=2).results
    assert len(rest) == 2
    assert not {h.object_id for h in rest} & {h.object_id for h in results.results}


def test_the_reindex_command_rebuilds_from_the_providers(office):
    first = office.action(description="zapomniany wpis")  # never indexed by hand
    second = office.action(description="zapomniany wpis")
    search.index("action", 999999, title="stale", body="zapomniany", url="/actions/999999/")
    out = StringIO()
    call_command("reindex", stdout=out)
    assert "action: 2" in out.getvalue()
    assert set(found(office.quality, "zapomniany")) == {str(first.pk), str(second.pk)}
