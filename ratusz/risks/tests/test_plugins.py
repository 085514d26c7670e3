"""The register in readiness (6.1), the dashboard, the daily run, the calendar,
the management review, the evidence pack and the API."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from ratusz.core.models import Notification
from ratusz.core.plugins import AMBER, GREEN, RED, EvidenceGap, EvidenceItem, ReviewTopic
from ratusz.core.services import complete_action
from ratusz.processes.tests.factories import make_process
from ratusz.risks import calendar, daily, dashboard, evidence, readiness, review, services
from ratusz.risks.tests.factories import make_risk, reassess


def _verdict(today=None):
    rule = readiness.RULES[0]
    return rule.check(today or timezone.localdate(), rule.params)


def test_6_1_names_the_untreated_risk_then_the_uncovered_process_then_late_reviews(office):
    assert _verdict().state == RED
    process = make_process(office, code="P03")
    other = make_process(office, code="P05", owner_unit=office.transport, owner=None)
    risk = make_risk(office, process=process, residual_likelihood=3, residual_impact=3)
    verdict = _verdict()
    assert verdict.state == RED and risk.reference in verdict.reason
    assert verdict.fix_url_for(office.employee) == ""
    assert verdict.fix_url_for(office.owner) == risk.get_absolute_url()
    services.add_treatment(
        actor=office.owner,
        risk=risk,
        title="Zastępstwa",
        owner=office.owner,
        due_date=timezone.localdate() + timedelta(days=10),
    )
    verdict = _verdict()
    assert verdict.state == AMBER and "P05" in verdict.reason
    make_risk(office, process=other, org_unit=office.transport, owner=office.transport_owner)
    assert _verdict().state == GREEN
    late = _verdict(timezone.localdate() + timedelta(days=200))
    assert late.state == AMBER and "2 risk reviews are overdue" in late.reason


def test_the_dashboard_card_counts_risks_above_appetite_and_late_reviews(office):
    make_risk(office, residual_likelihood=3, residual_impact=3)
    make_risk(office, review_date=timezone.localdate() - timedelta(days=1))
    card = dashboard.card(office.quality)
    assert card.data["counts"]["above"] == 1 and card.data["counts"]["overdue"] == 1
    assert dashboard.card(office.outsider) is None  # nothing of theirs, no register to run


def test_the_daily_run_tells_owners_once_about_reviews_due(office):
    make_risk(office, review_date=timezone.localdate() + timedelta(days=3))
    make_risk(office, title="Late", review_date=timezone.localdate() - timedelta(days=3))
    make_risk(office, title="Later", review_date=timezone.localdate() + timedelta(days=60))
    assert daily.run() == {"risk reviews due soon": 1, "risk reviews overdue": 1}
    assert daily.run() == {"risk reviews due soon": 0, "risk reviews overdue": 0}
    assert Notification.objects.filter(recipient=office.owner).count() == 2


def test_the_calendar_has_the_reviews_of_my_risks(office):
    risk = make_risk(office)
    (event,) = calendar.personal(office.owner)
    assert event.start == risk.review_date and risk.reference in event.summary
    assert calendar.personal(office.quality) == []


def test_the_review_input_reports_treatments_and_reassessments(office):
    risk = make_risk(office, residual_likelihood=3, residual_impact=3)
    action = services.add_treatment(
        actor=office.quality,
        risk=risk,
        title="Szkolenie",
        owner=office.owner,
        due_date=timezone.localdate() + timedelta(days=5),
    )
    complete_action(
        actor=office.owner,
        action=action,
        expected_version=action.version,
        completion_evidence="Zrobione",
    )
    reassess(office, risk, residual=(1, 3))
    today = timezone.localdate()
    (item,) = review.inputs(today - timedelta(days=30), today)
    assert item.topic == ReviewTopic.RISKS
    figures = {f.label: f.value for f in item.figures}
    assert figures["Treatments completed"] == "1"
    assert figures["Reassessments that lowered the residual level"] == "1"
    assert figures["Reassessments that raised the residual level"] == "0"


def test_the_evidence_pack_has_the_register_as_pdf(office):
    assert isinstance(evidence.items(timezone.localdate())[0], EvidenceGap)
    make_risk(office)
    (item,) = evidence.items(timezone.localdate())
    assert isinstance(item, EvidenceItem) and item.clause == "6.1"
    assert item.render().startswith(b"%PDF")


def test_the_api_assesses_a_risk_and_refuses_a_level_off_the_scale(
    office, django_assert_max_num_queries
):
    risk = make_risk(office)
    client = Client()
    client.force_login(office.owner, backend="ratusz.core.auth.RatuszBackend")
    levels = {
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "residual_likelihood": 6,
        "residual_impact": 1,
    }
    response = client.post(
        f"/api/v1/risks/{risk.pk}/assess/",
        {"version": 1, **levels},
        content_type="application/json",
    )
    assert response.status_code == 400 and "residual_likelihood" in response.json()
    levels["residual_likelihood"] = 1
    response = client.post(
        f"/api/v1/risks/{risk.pk}/assess/",
        {"version": 1, **levels},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["residual_level"] == 1
    stale = client.post(
        f"/api/v1/risks/{risk.pk}/assess/",
        {"version": 1, **levels},
        content_type="application/json",
    )
    assert stale.status_code == 409
    for i in range(15):
        make_risk(office, title=f"R{i}")
    with django_assert_max_num_queries(9):
        listed = client.get("/api/v1/risks/?sort=-residual")
    assert listed.json()["count"] == 16
    history = client.get(f"/api/v1/risk-assessments/?risk={risk.pk}").json()
    assert [a["residual_level"] for a in history["results"]] == [1, 6]
