"""Building, publishing, closing and answering surveys, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core.errors import Conflict, Denied
from ratusz.surveys import services
from ratusz.surveys.models import Answer, Question, Response, Survey
from ratusz.surveys.tests.factories import answer, by_text, make_open_survey, make_survey


def test_the_quality_manager_builds_a_survey_with_its_questions_in_order(office):
    survey = make_survey(office)
    assert survey.status == Survey.Status.DRAFT
    assert list(survey.questions.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    single = by_text(survey)["W jakiej sprawie?"]
    assert [o.label for o in single.options.all()] == ["Dowód", "Meldunek", "Podatki"]
    assert survey.version == 6  # created, then one raise per question


def test_only_the_quality_manager_builds_a_survey(office):
    today = timezone.localdate()
    with pytest.raises(Denied):
        services.create_survey(actor=office.owner, title="x", opens_on=today, closes_on=today)


def test_a_choice_question_needs_two_distinct_options(office):
    survey = make_survey(office, questions=[])
    for options in (["Tylko jedna"], ["Tak", "tak"]):
        with pytest.raises(ValidationError) as exc:
            services.add_question(
                actor=office.quality,
                survey=survey,
                expected_version=None,
                text="Wybierz",
                kind=Question.Kind.SINGLE,
                options=options,
            )
        assert "options" in exc.value.message_dict


def test_a_stale_version_is_a_conflict(office):
    survey = make_survey(office)
    with pytest.raises(Conflict):
        services.update_survey(
            actor=office.quality, survey=survey, expected_version=1, title="Nowy tytuł"
        )


def test_questions_move_and_are_removed_keeping_positions(office):
    survey = make_survey(office)
    qs = by_text(survey)
    services.move_question(
        actor=office.quality,
        question=qs["Co poprawić?"],
        expected_version=None,
        direction="up",
    )
    order = list(survey.questions.order_by("position").values_list("text", flat=True))
    assert order[3:] == ["Co poprawić?", "Jak się kontaktujesz?"]
    services.delete_question(
        actor=office.quality, question=qs["Jak oceniasz obsługę?"], expected_version=None
    )
    assert list(survey.questions.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
    ]


def test_a_published_survey_is_not_changed(office):
    survey = make_open_survey(office)
    with pytest.raises(ValidationError):
        services.add_question(
            actor=office.quality,
            survey=survey,
            expected_version=None,
            text="Nowe",
            kind=Question.Kind.TEXT,
        )


def test_a_survey_without_questions_is_not_published(office):
    survey = make_survey(office, questions=[])
    with pytest.raises(ValidationError):
        services.publish_survey(actor=office.quality, survey=survey, expected_version=None)


def test_a_resident_answers_an_open_survey(office):
    survey = make_open_survey(office)
    response = answer(
        survey, scale=4, yes=True, single="Meldunek", multiple=("Telefon", "ePUAP"), text="Nic"
    )
    assert response.channel == Response.Channel.WEB
    assert response.entered_by is None
    assert response.answers.count() == 6  # two rows for the two options ticked


def test_a_missing_required_answer_names_the_question_and_saves_nothing(office):
    survey = make_open_survey(office)
    with pytest.raises(ValidationError) as exc:
        answer(survey, yes=True)
    q = by_text(survey)["Jak oceniasz obsługę?"]
    assert "Jak oceniasz obsługę?" in exc.value.message_dict[f"q{q.pk}"][0]
    assert not Response.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Jak oceniasz obsługę?", 6),
        ("Jak oceniasz obsługę?", "pięć"),
        ("Czy załatwiono sprawę od razu?", "może"),
        ("W jakiej sprawie?", 999999),
        ("Jak się kontaktujesz?", [999999]),
        ("Co poprawić?", "x" * 2001),
        ("Co poprawić?", "a\x00b"),
    ],
)
def test_bad_answers_are_refused_naming_the_question(office, question, value):
    survey = make_open_survey(office)
    qs = by_text(survey)
    answers = {qs["Jak oceniasz obsługę?"].pk: 3, qs[question].pk: value}
    with pytest.raises(ValidationError) as exc:
        services.answer_survey(survey=survey, answers=answers)
    assert question in exc.value.message_dict[f"q{qs[question].pk}"][0]
    assert not Response.objects.exists()


def test_an_option_of_another_question_is_refused(office):
    survey = make_open_survey(office)
    qs = by_text(survey)
    other = qs["Jak się kontaktujesz?"].options.first()
    answers = {qs["Jak oceniasz obsługę?"].pk: 3, qs["W jakiej sprawie?"].pk: other.pk}
    with pytest.raises(ValidationError):
        services.answer_survey(survey=survey, answers=answers)


def test_a_draft_or_closed_survey_takes_no_web_answers(office):
    draft = make_survey(office)
    with pytest.raises(ValidationError):
        answer(draft, scale=3)
    survey = make_open_survey(office, title="Druga")
    services.close_survey(actor=office.quality, survey=survey, expected_version=None)
    with pytest.raises(ValidationError):
        answer(survey, scale=3)


def test_staff_type_in_paper_answers_after_closing(office):
    survey = make_open_survey(office)
    services.close_survey(actor=office.quality, survey=survey, expected_version=None)
    response = answer(survey, scale=2, channel=Response.Channel.PAPER, actor=office.employee)
    assert response.channel == "paper" and response.entered_by == office.employee


def test_a_survey_is_copied_for_next_year_with_its_questions(office):
    survey = make_open_survey(office)
    today = timezone.localdate()
    copy = services.copy_survey(
        actor=office.quality,
        survey=survey,
        opens_on=today + timedelta(days=300),
        closes_on=today + timedelta(days=330),
    )
    assert copy.status == Survey.Status.DRAFT
    assert list(copy.questions.values_list("text", flat=True)) == list(
        survey.questions.values_list("text", flat=True)
    )
    assert by_text(copy)["W jakiej sprawie?"].options.count() == 3
