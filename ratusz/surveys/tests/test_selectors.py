"""Results figures, computed by hand for a handful of responses."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ratusz.surveys import selectors, services
from ratusz.surveys.models import Survey
from ratusz.surveys.tests.factories import answer, make_open_survey


def _rows(result):
    return [(row.label, row.count, row.share) for row in result.rows]


def test_results_count_share_and_mean_by_question(office):
    survey = make_open_survey(office)
    answer(survey, scale=5, yes=True, single="Dowód", multiple=("Telefon", "E-mail"))
    answer(survey, scale=4, yes=False, single="Dowód", multiple=("Telefon",), text="<script>x")
    answer(survey, scale=2, yes=True, multiple=("ePUAP",))
    answer(survey, scale=4)
    results = selectors.survey_results(survey)
    assert results.responses == 4 and results.web == 4 and results.paper == 0
    scale, yes_no, single, multiple, text = results.questions
    assert scale.answered == 4
    assert _rows(scale) == [
        ("1", 0, Decimal("0.0")),
        ("2", 1, Decimal("25.0")),
        ("3", 0, Decimal("0.0")),
        ("4", 2, Decimal("50.0")),
        ("5", 1, Decimal("25.0")),
    ]
    assert scale.mean == Decimal("3.75")  # (5 + 4 + 2 + 4) / 4
    assert scale.satisfied == Decimal("75.0")  # three of four gave 4 or 5
    assert yes_no.answered == 3 and yes_no.satisfied == Decimal("66.7")
    assert _rows(single) == [
        ("Dowód", 2, Decimal("100.0")),
        ("Meldunek", 0, Decimal("0.0")),
        ("Podatki", 0, Decimal("0.0")),
    ]
    # Multiple choice: shares of the three who answered, adding up past 100%.
    assert multiple.answered == 3
    assert _rows(multiple) == [
        ("Telefon", 2, Decimal("66.7")),
        ("E-mail", 1, Decimal("33.3")),
        ("ePUAP", 1, Decimal("33.3")),
    ]
    assert text.texts == ["<script>x"]  # escaped when shown, kept as typed
    assert results.mean == Decimal("3.75") and results.satisfied == Decimal("75.0")


def test_results_compare_questions_of_the_same_text_with_the_previous_survey(office):
    earlier = make_open_survey(office, title="2025", days=(-40, 0))
    answer(earlier, scale=2, single="Dowód")
    answer(earlier, scale=4, single="Podatki")
    Survey.objects.filter(pk=earlier.pk).update(status=Survey.Status.CLOSED)
    today = timezone.localdate()
    current = services.copy_survey(
        actor=office.quality, survey=earlier, opens_on=today, closes_on=today + timedelta(days=9)
    )
    current = services.publish_survey(actor=office.quality, survey=current, expected_version=None)
    answer(current, scale=5, single="Dowód")
    results = selectors.survey_results(current)
    assert results.previous == earlier and results.previous_responses == 2
    scale, _yes, single, *_ = results.questions
    assert scale.previous.mean == Decimal("3.00")
    assert [row.previous_share for row in scale.rows] == [
        Decimal("0.0"),
        Decimal("50.0"),
        Decimal("0.0"),
        Decimal("50.0"),
        Decimal("0.0"),
    ]
    assert [row.previous_share for row in single.rows] == [
        Decimal("50.0"),
        Decimal("0.0"),
        Decimal("50.0"),
    ]


def test_the_results_run_the_same_queries_for_many_responses(office):
    survey = make_open_survey(office)
    answer(survey, scale=3, text="a")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            selectors.survey_results(survey)
        return len(ctx.captured_queries)

    few = count()
    for n in range(5):
        answer(survey, scale=n + 1, yes=True, multiple=("Telefon",), text=f"t{n}")
    # questions + options, one grouped count, the multiple-choice respondents, one per
    # free-text question, responses by channel, the previous survey
    assert count() == few == 7


def test_the_comparison_adds_only_the_earlier_questions_to_the_queries(office):
    earlier = make_open_survey(office, title="2025", days=(-40, 0))
    answer(earlier, scale=2, multiple=("Telefon", "ePUAP"))
    Survey.objects.filter(pk=earlier.pk).update(status=Survey.Status.CLOSED)
    today = timezone.localdate()
    current = services.copy_survey(
        actor=office.quality, survey=earlier, opens_on=today, closes_on=today + timedelta(days=9)
    )
    current = services.publish_survey(actor=office.quality, survey=current, expected_version=None)
    answer(current, scale=5, multiple=("Telefon",), text="a")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            results = selectors.survey_results(current)
        return len(ctx.captured_queries), results

    few, _results = count()
    for n in range(4):
        # Paper forms typed in after the earlier survey closed.
        paper = {"channel": "paper", "actor": office.quality}
        answer(earlier, scale=n + 1, multiple=("Telefon", "ePUAP"), **paper)
        answer(current, scale=n + 1, multiple=("ePUAP",), text=f"t{n}")
    many, results = count()
    # The previous survey, its questions and options; then both surveys' counts come
    # from the same grouped count, respondents count and channels count.
    assert many == few == 9
    contact = next(q for q in results.questions if q.question.kind == "multiple")
    # Respondents, not ticks: the earlier survey's 5 people ticked 10 boxes.
    assert (contact.answered, contact.previous.answered) == (5, 5)
    assert results.responses == 5 and results.previous_responses == 5


def test_a_survey_in_the_last_year_is_found_for_readiness(office):
    assert selectors.last_survey_within(timezone.localdate()) is None
    survey = make_open_survey(office)
    assert selectors.last_survey_within(timezone.localdate()) == survey
