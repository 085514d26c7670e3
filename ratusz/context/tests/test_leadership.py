"""The leadership page (5.1): what top management did, compiled from the records."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.context import leadership, readiness
from ratusz.core.plugins import AMBER, GREEN, RED
from ratusz.documents.tests.factories import bring_into_force, make_document
from ratusz.objectives.tests.factories import approved, make_kpi, make_objective
from ratusz.reviews.tests.factories import decide, held
from ratusz.risks.tests.factories import make_risk


def _policy(office):
    document = make_document(
        office,
        "Polityka jakości",
        doc_type="policy",
        actor=office.quality,
        owner=office.quality,
        owner_unit=office.qms,
    )
    bring_into_force(office, document, author=office.quality, approver=office.mayor)
    return document


def _approved_objective(office, year: int):
    objective = make_objective(office, year=year)
    make_kpi(office, objective)
    objective.refresh_from_db()
    return approved(office, objective)


def _rule():
    return next(rule for rule in readiness.RULES if rule.clause == "5.1")


def test_the_page_compiles_policy_objectives_reviews_resources_and_risks(
    office, client_for, django_assert_max_num_queries
):
    today = timezone.localdate()
    policy = _policy(office)
    objective = _approved_objective(office, today.year)
    review = held(office, today - timedelta(days=20))
    decide(office, review, kind="resources", text="Dwa etaty w Biurze Obsługi Mieszkańców.")
    risk = make_risk(office, title="Kolejki w biurze", actor=office.mayor)
    found = leadership.leadership(today=today)
    assert found.leaders == [office.mayor]
    assert found.policies == [policy] and found.objectives == [objective]
    assert found.reviews == [review] and found.objectives_approved == 1
    assert [d.text for d in found.resources] == ["Dwa etaty w Biurze Obsługi Mieszkańców."]
    assert [a.risk for a in found.risk_decisions] == [risk]
    client = client_for(office.employee)
    with django_assert_max_num_queries(16):
        response = client.get("/context/leadership/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (policy.number, objective.reference, review.reference, risk.reference):
        assert text in html
    assert "Dwa etaty" in html


def test_the_page_says_what_is_missing_when_nothing_is_recorded(office, client_for):
    html = client_for(office.employee).get("/context/leadership/").content.decode()
    assert "No quality policy is in force." in html
    assert "No management review has been held" in html


def test_external_auditors_and_anonymous_do_not_see_the_page(office, client_for):
    assert client_for(office.external).get("/context/leadership/").status_code == 403
    assert client_for(None).get("/context/leadership/").status_code == 302


def test_readiness_51_is_red_amber_green_with_the_approvals(office):
    today = timezone.localdate()
    rule = _rule()
    assert rule.check(today, rule.params).state == RED
    _policy(office)
    verdict = rule.check(today, rule.params)
    assert verdict.state == AMBER and "objectives" in verdict.reason
    _approved_objective(office, today.year)
    assert rule.check(today, rule.params).state == GREEN


def test_readiness_51_is_red_without_top_management(office):
    office.mayor.role_assignments.all().delete()
    assert _rule().check(timezone.localdate(), {}).state == RED
