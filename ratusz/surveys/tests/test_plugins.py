"""What surveys give the shared features: readiness, review, KPIs, evidence, the
portal, the dashboard, the API; and the demo and benchmark data."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core.plugins import AMBER, GREEN, RED, EvidenceGap, EvidenceItem, ReviewTopic
from ratusz.surveys import dashboard, demo, evidence, generate, kpi, public, readiness, review
from ratusz.surveys.models import Answer, Response, Survey
from ratusz.surveys.tests.factories import answer, make_open_survey

RULE = readiness.RULES[0]


def test_readiness_is_red_without_a_survey_amber_with_few_answers_green_with_enough(office):
    today = timezone.localdate()
    assert RULE.check(today, RULE.params).state == RED
    survey = make_open_survey(office)
    answer(survey, scale=4)
    assert RULE.check(today, RULE.params).state == AMBER
    assert RULE.check(today, {**RULE.params, "min_responses": 1}).state == GREEN
    assert RULE.clause == "9.1"


def test_the_review_kpis_and_evidence_use_the_latest_survey(office):
    today = timezone.localdate()
    assert review.inputs(today - timedelta(days=365), today) == []
    assert isinstance(evidence.items(today)[0], EvidenceGap)
    survey = make_open_survey(office)
    answer(survey, scale=5)
    answer(survey, scale=2)
    (item,) = review.inputs(today - timedelta(days=365), today)
    assert item.topic == ReviewTopic.SATISFACTION
    assert [(f.label, f.value) for f in item.figures] == [
        ("Responses", "2"),
        ("Mean satisfaction (1–5)", "3.50"),
        ("Residents satisfied (4 or 5)", "50.0%"),
    ]
    start = today - timedelta(days=30)
    assert kpi.satisfaction_mean(start=start, end=today) == Decimal("3.50")
    assert kpi.share_satisfied(start=start, end=today) == Decimal("50.0")
    assert kpi.share_satisfied(start=start, end=today, org_unit=office.civil) is None
    (pdf,) = evidence.items(today)
    assert isinstance(pdf, EvidenceItem) and pdf.clause == "9.1.2"
    assert pdf.render().startswith(b"%PDF")


def test_the_portal_and_the_dashboard_show_the_open_survey(office):
    assert "No survey" in public.sections()[0].summary
    assert dashboard.card(office.employee) is None
    survey = make_open_survey(office)
    answer(survey, scale=3)
    assert survey.title in public.sections()[0].summary
    card = dashboard.card(office.employee)
    assert card.data.survey == survey and card.data.responses == 1
    assert dashboard.card(office.external) is None


def test_the_api_lists_surveys_with_questions_and_responses(office):
    survey = make_open_survey(office)
    answer(survey, scale=4, single="Podatki")
    client = APIClient()
    client.force_authenticate(office.employee)
    (row,) = client.get("/api/v1/surveys/").json()["results"]
    assert row["title"] == survey.title and len(row["questions"]) == 5
    assert row["questions"][2]["options"][2]["label"] == "Podatki"
    (response,) = client.get(f"/api/v1/survey-responses/?survey={survey.pk}").json()["results"]
    assert {a["value"] for a in response["answers"]} == {4, None}


def test_the_api_refuses_a_question_with_bad_options_naming_the_field(office):
    survey = Survey.objects.get(pk=make_open_survey(office).pk)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(office.quality)
    draft = client.post(
        "/api/v1/surveys/",
        {"title": "Nowa", "opens_on": "2026-12-01", "closes_on": "2026-12-31"},
        format="json",
    ).json()
    response = client.post(
        f"/api/v1/surveys/{draft['id']}/questions/",
        {"version": draft["version"], "text": "Wybór", "kind": "single", "options": ["A"]},
        format="json",
    )
    assert response.status_code == 400 and "options" in response.json()
    assert survey.status == "open"


def test_the_demo_builds_two_comparable_surveys_in_bulk(office):
    demo.load(SimpleNamespace(users={"quality": office.quality}))
    earlier, current = Survey.objects.order_by("opens_on")
    assert earlier.status == Survey.Status.CLOSED and current.accepts_answers()
    assert current.responses.count() == 300 and earlier.responses.count() == 240
    assert Response.objects.filter(channel="paper").exists()
    from ratusz.surveys.selectors import survey_results

    results = survey_results(current)
    assert results.previous == earlier
    assert all(q.previous is not None for q in results.questions if not q.is_text)


def test_generate_writes_responses_in_bulk(office):
    ctx = SimpleNamespace(
        quality=office.quality,
        users=[office.quality],
        today=timezone.localdate(),
        rng=random.Random(1),
        log=lambda text: None,
    )
    made = generate.generate(ctx, SimpleNamespace(name="tiny", factor=0.0002))
    assert made == 20 + 2
    assert Response.objects.count() == 20 and Answer.objects.count() > 20
