"""The context in readiness (4.1, 4.2), the management review, the evidence pack
and the API."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from ratusz.context import evidence, readiness, review, services
from ratusz.context.tests.factories import make_issue, make_party
from ratusz.core.plugins import AMBER, GREEN, RED, EvidenceGap, EvidenceItem, ReviewTopic

RULES = {rule.clause: rule for rule in readiness.RULES}


def _check(clause, today=None):
    rule = RULES[clause]
    return rule.check(today or timezone.localdate(), rule.params)


def test_4_1_is_red_until_the_context_is_reviewed_and_amber_until_climate_is_decided(office):
    assert _check("4.1").state == RED  # no issues
    make_issue(office)
    assert _check("4.1").state == RED  # never reviewed
    today = timezone.localdate()
    services.record_context_review(actor=office.quality, reviewed_on=today - timedelta(days=400))
    verdict = _check("4.1")
    assert verdict.state == RED and "over 12 months ago" in verdict.reason
    services.record_context_review(actor=office.quality, reviewed_on=today - timedelta(days=10))
    verdict = _check("4.1")
    assert verdict.state == AMBER and verdict.fix_url == "/context/climate/"
    assert verdict.fix_url_for(office.employee) == ""  # they could not open it
    services.decide_climate_change(actor=office.mayor, relevant=True, justification="Podtopienia")
    assert _check("4.1").state == GREEN


def test_4_2_wants_every_party_with_requirements_reviewed_within_a_year(office):
    assert _check("4.2").state == RED
    bare = make_party(office, name="Rada", requirements=0)
    verdict = _check("4.2")
    assert verdict.state == AMBER and "Rada" in verdict.reason
    services.add_requirement(actor=office.quality, party=bare, text="T", monitoring="M", review="R")
    verdict = _check("4.2")
    assert verdict.state == AMBER and "were not reviewed" in verdict.reason
    bare.refresh_from_db()
    services.mark_party_reviewed(actor=office.quality, party=bare)
    assert _check("4.2").state == GREEN
    # A year and a day later the same review is stale.
    assert _check("4.2", timezone.localdate() + timedelta(days=367)).state == AMBER


def test_the_review_input_counts_issues_added_in_the_period(office):
    make_issue(office, title="Fale upałów")
    make_issue(office, title="Nowa ustawa")
    today = timezone.localdate()
    (item,) = review.inputs(today - timedelta(days=30), today)
    assert item.topic == ReviewTopic.ISSUES
    figures = {f.label: (f.value, f.previous) for f in item.figures}
    assert figures["Issues added"] == ("2", "0")
    assert "Fale upałów; Nowa ustawa" in item.summary
    assert "not decided" in item.summary


def test_the_evidence_pack_has_both_registers_as_pdf_or_names_the_gap(office):
    found = evidence.items(timezone.localdate())
    assert all(isinstance(i, EvidenceGap) for i in found)
    make_issue(office)
    make_party(office)
    services.decide_climate_change(actor=office.mayor, relevant=True, justification="Podtopienia")
    found = evidence.items(timezone.localdate())
    assert [i.clause for i in found] == ["4.1", "4.2"]
    assert all(isinstance(i, EvidenceItem) for i in found)
    assert found[0].render().startswith(b"%PDF")


def test_the_api_lists_issues_and_changes_one_with_its_version(
    office, django_assert_max_num_queries
):
    issue = make_issue(office)
    client = Client()
    client.force_login(office.owner, backend="ratusz.core.auth.RatuszBackend")
    for i in range(20):
        make_issue(office, title=f"I{i}")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/context-issues/?kind=external")
    assert response.json()["count"] == 21
    stale = client.patch(
        f"/api/v1/context-issues/{issue.pk}/",
        {"version": 7, "effect": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    bad = client.patch(
        f"/api/v1/context-issues/{issue.pk}/",
        {"version": 1, "effect": "  "},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "effect" in bad.json()


def test_the_api_lists_parties_with_their_requirements_in_fixed_queries(
    office, django_assert_max_num_queries
):
    client = Client()
    client.force_login(office.employee, backend="ratusz.core.auth.RatuszBackend")
    for i in range(15):
        make_party(office, name=f"P{i:02d}", requirements=2)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/interested-parties/")
    first = response.json()["results"][0]
    assert first["name"] == "P00" and len(first["requirements"]) == 2
