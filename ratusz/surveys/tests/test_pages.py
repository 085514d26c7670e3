"""The staff pages and the residents' pages of surveys."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ratusz.surveys import public_views, services
from ratusz.surveys.models import Question, Response, Survey
from ratusz.surveys.tests.factories import answer, by_text, make_open_survey, make_survey


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_queries_do_not_grow_with_surveys(office, client_for):
    client = client_for(office.employee)
    make_open_survey(office)
    few = _count(client, "/surveys/")
    for n in range(4):
        make_survey(office, title=f"Ankieta {n}", questions=[])
    assert _count(client, "/surveys/?status=draft") <= few
    assert _count(client, "/surveys/") == few


def test_the_results_page_queries_do_not_grow_with_responses(office, client_for):
    client = client_for(office.employee)
    survey = make_open_survey(office)
    answer(survey, scale=4, text="Pierwsza")
    path = f"/surveys/{survey.pk}/results/"
    few = _count(client, path)
    for n in range(6):
        answer(survey, scale=1 + n % 5, yes=n % 2 == 0, multiple=("Telefon",), text=f"Uwaga {n}")
    assert _count(client, path) == few


def test_the_results_show_figures_and_escape_free_text(office, client_for):
    survey = make_open_survey(office)
    answer(survey, scale=5, text="<script>alert(1)</script>")
    answer(survey, scale=3)
    page = client_for(office.employee).get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "4.00" in page  # the mean of 5 and 3
    assert "<svg" in page and "<table" in page


def test_the_answers_export_as_a_spreadsheet(office, client_for):
    survey = make_open_survey(office)
    answer(survey, scale=5, single="Dowód", multiple=("Telefon", "ePUAP"), text="=HYPERLINK(1)")
    response = client_for(office.employee).get(f"/surveys/{survey.pk}/results.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3] == "Jak oceniasz obsługę?"
    assert rows[1][3] == "5" and rows[1][5] == "Dowód" and rows[1][6] == "Telefon; ePUAP"
    assert rows[1][7] == "'=HYPERLINK(1)"  # never run as a formula


def test_the_quality_manager_builds_and_publishes_on_the_survey_page(office, client_for):
    client = client_for(office.quality)
    survey = make_survey(office, questions=[])
    response = client.post(
        f"/surveys/{survey.pk}/questions/new/",
        {"version": survey.version, "text": "Wybierz", "kind": "single", "options": "Jedna"},
    )
    assert response.status_code == 400
    assert "at least two options" in response.content.decode()
    client.post(
        f"/surveys/{survey.pk}/questions/new/",
        {"version": survey.version, "text": "Ocena", "kind": "scale", "required": "on"},
    )
    survey.refresh_from_db()
    assert survey.questions.get().required
    page = client.get(f"/surveys/{survey.pk}/").content.decode()
    assert "Publish the survey" in page
    client.post(f"/surveys/{survey.pk}/publish/", {"version": survey.version})
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN


def test_an_employee_sees_no_building_steps(office, client_for):
    survey = make_survey(office)
    page = client_for(office.employee).get(f"/surveys/{survey.pk}/").content.decode()
    assert "Publish the survey" not in page and "Add a question" not in page


def test_staff_type_in_a_paper_form(office, client_for):
    survey = make_open_survey(office)
    q = by_text(survey)["Jak oceniasz obsługę?"]
    client = client_for(office.employee)
    response = client.post(f"/surveys/{survey.pk}/paper/", {f"q{q.pk}": "2"})
    assert response.status_code == 302
    assert Response.objects.get().channel == Response.Channel.PAPER


# --- the residents' pages -----------------------------------------------------------


@pytest.fixture
def resident():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_the_public_portal_lists_the_open_survey(office, resident):
    survey = make_open_survey(office)
    make_survey(office, title="Szkic niepubliczny")
    page = resident.get("/public/surveys/").content.decode()
    assert survey.title in page and "Szkic niepubliczny" not in page
    assert survey.title in resident.get("/public/").content.decode()


def test_a_resident_answers_once_without_an_account(office, resident):
    survey = make_open_survey(office)
    qs = by_text(survey)
    path = f"/public/surveys/{survey.pk}/"
    page = resident.get(path).content.decode()
    assert "Your personal data" in page and "Jak oceniasz obsługę?" in page
    response = resident.post(
        path,
        {
            f"q{qs['Jak oceniasz obsługę?'].pk}": "4",
            f"q{qs['Jak się kontaktujesz?'].pk}": [
                str(o.pk) for o in qs["Jak się kontaktujesz?"].options.all()[:2]
            ],
        },
    )
    assert response.status_code == 302 and response.url.endswith("/thanks/")
    assert Response.objects.count() == 1
    # The same browser again: thanked, not asked twice.
    again = resident.get(path).content.decode()
    assert "already answered" in again
    resident.post(path, {f"q{qs['Jak oceniasz obsługę?'].pk}": "1"})
    assert Response.objects.count() == 1


def test_a_missing_required_answer_is_named_and_nothing_saved(office, resident):
    survey = make_open_survey(office)
    qs = by_text(survey)
    response = resident.post(
        f"/public/surveys/{survey.pk}/", {f"q{qs['Co poprawić?'].pk}": "Więcej okienek"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Answer the question „Jak oceniasz obsługę?”" in page
    assert "Więcej okienek" in page  # what was typed is kept
    assert not Response.objects.exists()


def test_an_unknown_option_is_refused(office, resident):
    survey = make_open_survey(office)
    qs = by_text(survey)
    response = resident.post(
        f"/public/surveys/{survey.pk}/",
        {f"q{qs['Jak oceniasz obsługę?'].pk}": "4", f"q{qs['W jakiej sprawie?'].pk}": "999999"},
    )
    assert response.status_code == 400
    assert "Choose among the options given for „W jakiej sprawie?”" in response.content.decode()
    assert not Response.objects.exists()


def test_a_form_robot_filling_the_honeypot_stores_nothing(office, resident):
    survey = make_open_survey(office)
    q = by_text(survey)["Jak oceniasz obsługę?"]
    response = resident.post(
        f"/public/surveys/{survey.pk}/", {f"q{q.pk}": "5", "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_a_burst_from_one_address_is_held_back(office, monkeypatch):
    monkeypatch.setattr(public_views, "RATE_LIMIT", 2)
    survey = make_open_survey(office)
    q = by_text(survey)["Jak oceniasz obsługę?"]
    statuses = [
        Client(HTTP_ACCEPT_LANGUAGE="en")
        .post(f"/public/surveys/{survey.pk}/", {f"q{q.pk}": "5"})
        .status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2


def test_a_draft_is_not_public_and_a_closed_survey_takes_no_answers(office, resident):
    draft = make_survey(office)
    assert resident.get(f"/public/surveys/{draft.pk}/").status_code == 404
    survey = make_open_survey(office, title="Zamknięta")
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    page = resident.get(f"/public/surveys/{survey.pk}/").content.decode()
    assert "not taking answers" in page


def test_the_question_kinds_are_drawn_as_labelled_fields(office, resident):
    survey = make_open_survey(office)
    page = resident.get(f"/public/surveys/{survey.pk}/").content.decode()
    assert page.count("<fieldset") == 4  # scale, yes/no, single, multiple
    text = by_text(survey)["Co poprawić?"]
    assert f'<label for="id_q{text.pk}">' in page
    assert Question.objects.count() == 5


def test_two_editors_of_a_draft_get_a_conflict_and_the_second_saves_again(
    office, client_for, form_on_page
):
    survey = make_survey(office)
    client = client_for(office.quality)
    loaded = form_on_page(client.get(f"/surveys/{survey.pk}/edit/"))
    # Someone adds a question meanwhile.
    services.add_question(
        actor=office.quality, survey=survey, expected_version=None, text="Nowe", kind="text"
    )
    response = client.post(f"/surveys/{survey.pk}/edit/", {**loaded, "title": "Ankieta 2027"})
    assert response.status_code == 200
    assert "The survey as it is saved now" in response.content.decode()
    again = form_on_page(response)
    assert client.post(f"/surveys/{survey.pk}/edit/", again).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Ankieta 2027"


def test_a_closed_surveys_figures_are_public_without_its_free_text(office, resident):
    survey = make_open_survey(office)
    answer(survey, scale=5, text="Mój sąsiad Jan Kowalski")
    assert resident.get(f"/public/surveys/{survey.pk}/results/").status_code == 404
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert survey.title in resident.get("/public/surveys/").content.decode()
    page = resident.get(f"/public/surveys/{survey.pk}/results/").content.decode()
    assert "Jak oceniasz obsługę?" in page and "100.0%" in page
    assert "Kowalski" not in page
