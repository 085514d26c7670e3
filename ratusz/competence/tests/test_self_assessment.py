"""The self-assessment engine: anonymity, groups of five, one answer per person,
conflicts, hand-computed results, weaknesses into actions and risks, pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.competence import selectors, services
from ratusz.competence.models import Participation, Submission
from ratusz.competence.tests.factories import answer_all, make_assessment
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Role, User

TODAY = timezone.localdate()


def _staff(office, n: int) -> list[User]:
    return [office.person(f"staff{i}", office.civil, Role.EMPLOYEE) for i in range(n)]


def test_the_first_questionnaire_copies_the_shipped_set_later_ones_the_edited_one(office):
    first = make_assessment(office, year=TODAY.year - 1)
    assert first.questions.count() == 15
    assert {q.group[:1] for q in first.questions.all()} == set("ABCDE")
    services.save_question(
        actor=office.quality, assessment=first, group="F. Własne", text="Pytanie", audience="all"
    )
    second = make_assessment(office)
    assert second.questions.filter(group="F. Własne").exists()
    with pytest.raises(ValidationError) as refused:
        make_assessment(office)
    assert "year" in refused.value.message_dict
    with pytest.raises(Denied):
        services.start_assessment(actor=office.employee, kind="control", year=2030)


def test_a_staff_answer_names_no_one_and_cannot_be_given_twice(office):
    _staff(office, 2)  # the civil unit now has five people
    assessment = make_assessment(office)
    submission = answer_all(assessment, office.employee)
    assert submission.role == Submission.Role.STAFF
    assert submission.org_unit == office.civil
    person_links = [
        f.name
        for model in (Submission,)
        for f in model._meta.get_fields()
        if getattr(f, "related_model", None) is User
    ]
    assert person_links == []
    assert Participation.objects.filter(assessment=assessment, person=office.employee).exists()
    assert not any(f.name == "submission" for f in Participation._meta.get_fields())
    with pytest.raises(ValidationError, match="answered this questionnaire already"):
        answer_all(assessment, office.employee)
    assert assessment.submissions.count() == 1


def test_in_a_unit_of_fewer_than_five_the_unit_is_not_kept(office):
    assessment = make_assessment(office)
    assert answer_all(assessment, office.outsider).org_unit is None


def test_an_unanswered_question_is_refused_and_nothing_is_saved(office):
    assessment = make_assessment(office)
    with pytest.raises(ValidationError) as refused:
        services.answer(actor=office.employee, assessment=assessment, answers={})
    assert all(key.startswith("q") for key in refused.value.message_dict)
    assert not Submission.objects.exists() and not Participation.objects.exists()


def test_closing_with_a_stale_version_is_a_conflict_and_closed_takes_no_answers(office):
    assessment = make_assessment(office)
    with pytest.raises(Conflict):
        services.close_assessment(actor=office.quality, assessment=assessment, expected_version=0)
    services.close_assessment(actor=office.quality, assessment=assessment, expected_version=1)
    with pytest.raises(ValidationError, match="closed"):
        answer_all(assessment, office.employee)


def test_questions_are_fixed_once_answered(office):
    assessment = make_assessment(office)
    answer_all(assessment, office.employee)
    with pytest.raises(ValidationError):
        services.save_question(
            actor=office.quality, assessment=assessment, group="A", text="x", audience="all"
        )


def test_results_hand_computed_with_staff_shown_only_from_five(office):
    extra = _staff(office, 3)
    last_year = make_assessment(office, year=TODAY.year - 1)
    answer_all(last_year, office.owner, "yes")
    assessment = make_assessment(office)
    answer_all(assessment, office.owner, "no")
    for person in (office.employee, office.colleague, extra[0]):
        answer_all(assessment, person, "yes")
    answer_all(assessment, extra[1], "no")
    answer_all(assessment, office.outsider, "yes")  # a small unit: merged, then hidden
    # 4 staff of the civil unit + 1 merged = 5 staff: shown office-wide.
    data = selectors.assessment_results(assessment)
    assert data["staff_shown"] and data["staff_answered"] == 5
    first = data["questions"][0]  # group A, for everyone
    # staff yes 4 (3 civil + outsider), no 1; the manager no 1
    assert (first["staff"], first["managers"], first["share"]) == (80, 0, 67)
    group_a = data["groups"][0]
    # A: staff answer 3 questions (4 yes-people → 12 yes, 1 no-person → 3 no),
    # the manager 3 questions → 3 no: 12 / 18
    assert group_a["share"] == 67 and group_a["previous"] == 100
    # civil has 4 staff answers (< 5): merged with the outsider → 5 → one merged row
    assert data["units"] == [{"name": None, "answered": 5, "share": 80}]
    answer_all(assessment, extra[2], "unknown")
    data = selectors.assessment_results(assessment)
    assert data["units"][0]["name"] == office.civil.name
    assert data["units"][0]["answered"] == 5
    assert len(data["units"]) == 1  # the outsider alone is hidden


def test_fewer_than_five_staff_answers_are_not_shown(office):
    assessment = make_assessment(office)
    answer_all(assessment, office.employee, "no")
    answer_all(assessment, office.owner, "yes")
    data = selectors.assessment_results(assessment)
    assert not data["staff_shown"]
    assert data["questions"][0]["staff"] is None and data["questions"][0]["share"] == 100
    assert data["units"] == []


def test_the_iso_18091_diagnostic_on_traffic_lights(office):
    diagnostic = make_assessment(office, kind="iso18091")
    first = diagnostic.questions.first()
    with pytest.raises(Denied):
        answer_all(diagnostic, office.employee, "green")
    answer_all(diagnostic, office.quality, "green", **{str(first.pk): "red"})
    data = selectors.assessment_results(diagnostic)
    assert [w["question"] for w in data["weak"]] == [first]
    area = data["groups"][0]  # 4 indicators: 3 green, 1 red → 6 / 8 = 0.75
    assert area["light"] == "green"


def test_a_weakness_becomes_an_action_or_a_risk_in_one_step(office):
    assessment = make_assessment(office)
    question = assessment.questions.first()
    action = services.weakness_to_action(
        actor=office.quality,
        question=question,
        org_unit=office.civil,
        owner=office.owner,
        due_date=TODAY + timedelta(days=30),
    )
    assert action.source_label == str(assessment)
    risk = services.weakness_to_risk(
        actor=office.quality,
        question=question,
        org_unit=office.civil,
        owner=office.owner,
        likelihood=3,
        impact=3,
        review_date=TODAY + timedelta(days=90),
    )
    assert risk.cause == question.text


def test_pages(office, client_for):
    _staff(office, 2)
    assessment = make_assessment(office)
    quality = client_for(office.quality)
    assert (
        "Management-control self-assessment"
        in quality.get("/competence/self-assessment/").content.decode()
    )
    employee = client_for(office.employee)
    page = employee.get(f"/competence/self-assessment/{assessment.pk}/answer/").content.decode()
    assert "saved without your name" in page
    payload = {f"q{q.pk}": "yes" for q in assessment.questions.all()}
    response = employee.post(f"/competence/self-assessment/{assessment.pk}/answer/", payload)
    assert response.status_code == 302
    detail = employee.get(f"/competence/self-assessment/{assessment.pk}/").content.decode()
    assert "you have answered" in detail and "Results by group" not in detail
    detail = quality.get(f"/competence/self-assessment/{assessment.pk}/").content.decode()
    assert "Results by group" in detail and "Fewer staff than that" in detail
    pdf = quality.get(f"/competence/self-assessment/{assessment.pk}/summary.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    refused = client_for(office.outsider).post(
        f"/competence/self-assessment/{assessment.pk}/answer/", {}
    )
    assert "Answer this question" in refused.content.decode() or refused.status_code == 200
