"""The side navigation each persona sees: groups in clause order, links they may open."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.translation import gettext

from ratusz.core import access, navigation
from ratusz.core.plugins import NavEntry, NavGroup


class _Nav(HTMLParser):
    """The navigation as [(group title, [(label, href)])]."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[tuple[str, list[tuple[str, str]]]] = []
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "h2" or tag == "a":
            self._in, self._attrs = tag, dict(attrs)

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "h2":
            self.groups.append((data, []))
        elif self._in == "a":
            self.groups[-1][1].append((data, self._attrs["href"] or ""))


def navigation_of(client, path: str = "/profile/") -> list:
    html = client.get(path).content.decode()
    found = re.search(r'<nav class="sidenav".*?</nav>', html, re.S)
    if found is None:
        return []
    parser = _Nav()
    parser.feed(found.group(0))
    return parser.groups


def staff_navigation(*, evidence_pack=False, audit_trail=False, statistics=False) -> list:
    evaluation = [
        ("Residents' submissions", "/feedback/"),
        ("Satisfaction surveys", "/surveys/"),
        ("Internal audits", "/audits/"),
        ("Audit programme", "/audits/programme/"),
        ("Auditor pool", "/audits/auditors/"),
        ("Management reviews", "/reviews/"),
        ("Certification", "/certification/"),
        ("Readiness", "/certification/readiness/"),
    ]
    if evidence_pack:
        evaluation.append(("Evidence pack", "/certification/evidence/"))
    if audit_trail:
        evaluation.append(("Audit trail", "/audit-trail/"))
    improvement = [
        ("Nonconformities", "/improvement/nonconformities/"),
        ("Improvement ideas", "/improvement/ideas/"),
    ]
    if statistics:
        improvement.append(("Statistics", "/improvement/statistics/"))
    return [
        ("Overview", [("Dashboard", "/"), ("Action tracker", "/actions/")]),
        (
            "Context and leadership (4–5)",
            [
                ("Organisation", "/organisation/"),
                ("Context of the office", "/context/"),
                ("Interested parties", "/context/parties/"),
                ("Leadership", "/context/leadership/"),
                ("Processes", "/processes/"),
                ("ISO 9001 clauses", "/clauses/"),
            ],
        ),
        (
            "Planning (6)",
            [
                ("Risks and opportunities", "/risks/"),
                ("Heat map", "/risks/heat-map/"),
                ("Quality objectives", "/objectives/"),
                ("Planned changes", "/risks/changes/"),
            ],
        ),
        (
            "Support (7)",
            [
                ("Documents", "/documents/"),
                ("To read", "/documents/to-read/"),
                ("Records register", "/documents/records/"),
                ("Competence and training", "/competence/"),
                ("Resources and communication", "/competence/resources/"),
            ],
        ),
        (
            "Operation (8)",
            [
                ("Timeliness of cases", "/services/"),
                ("Service cards", "/services/cards/"),
                ("Contracts", "/suppliers/"),
                ("Contractors", "/suppliers/contractors/"),
            ],
        ),
        ("Performance evaluation (9)", evaluation),
        ("Improvement (10)", improvement),
    ]


EXPECTED = {
    "quality": staff_navigation(evidence_pack=True, audit_trail=True, statistics=True),
    "mayor": staff_navigation(statistics=True),
    "owner": staff_navigation(statistics=True),
    "transport_owner": staff_navigation(statistics=True),
    "auditor": staff_navigation(audit_trail=True, statistics=True),
    "employee": staff_navigation(),
    "outsider": staff_navigation(),
    "external": [("Evidence", [("Home", "/")])],
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_sees_its_navigation(office, client_for, persona):
    assert navigation_of(client_for(getattr(office, persona))) == EXPECTED[persona]


def test_anonymous_visitors_see_no_navigation(db, client_for):
    assert navigation_of(client_for(None), "/login/") == []


def test_the_navigation_speaks_the_readers_language(office, client_for):
    navigation = navigation_of(client_for(office.quality, language="pl"))
    with translation.override("pl"):
        expected = [
            (gettext(title), [(gettext(label), href) for label, href in links])
            for title, links in EXPECTED["quality"]
        ]
    assert navigation == expected
    assert navigation[0][0] != "Overview"


def _contribute(monkeypatch, *entries: NavEntry, alone: bool = False) -> None:
    """A fake area whose `navigation.py` holds these entries, next to the real ones
    (`alone`: instead of them, so that a test can start from empty groups)."""
    real = [] if alone else list(navigation.area_modules("navigation"))
    fake = ("fake", SimpleNamespace(ENTRIES=list(entries)))
    monkeypatch.setattr(navigation, "area_modules", lambda name: iter([*real, fake]))


def test_an_areas_entry_joins_its_group_at_its_place(office, client_for, monkeypatch):
    _contribute(monkeypatch, NavEntry(NavGroup.SUPPORT, 15, "Competence", "core:profile"))
    groups = dict(navigation_of(client_for(office.employee)))
    assert [label for label, _href in groups["Support (7)"]] == [
        "Documents",
        "Competence",
        "To read",
        "Records register",
        "Competence and training",
        "Resources and communication",
    ]


def test_a_group_shows_in_clause_order_once_an_area_fills_it(office, client_for, monkeypatch):
    _contribute(
        monkeypatch, NavEntry(NavGroup.SUPPORT, 10, "Documents", "core:profile"), alone=True
    )
    assert "Operation (8)" not in dict(navigation_of(client_for(office.employee)))
    _contribute(
        monkeypatch,
        NavEntry(NavGroup.SUPPORT, 10, "Documents", "core:profile"),
        NavEntry(NavGroup.OPERATION, 10, "Services", "core:profile"),
        NavEntry(NavGroup.EVALUATION, 10, "Audits", "core:profile"),
        alone=True,
    )
    titles = [title for title, _links in navigation_of(client_for(office.employee))]
    assert titles.index("Support (7)") < titles.index("Operation (8)")
    assert titles.index("Operation (8)") < titles.index("Performance evaluation (9)")


def test_an_entry_shows_only_to_whom_its_policy_lets_in(office, client_for, monkeypatch):
    _contribute(
        monkeypatch,
        NavEntry(
            NavGroup.OPERATION, 10, "Contracts", "core:profile", visible=access.is_quality_manager
        ),
        alone=True,
    )
    assert "Operation (8)" in dict(navigation_of(client_for(office.quality)))
    assert "Operation (8)" not in dict(navigation_of(client_for(office.employee)))
    assert navigation_of(client_for(office.external)) == EXPECTED["external"]
