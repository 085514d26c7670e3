"""Role × endpoint for satisfaction surveys (joins the core permission table)."""

from __future__ import annotations

import pytest
from django.test import Client

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.surveys.models import Survey
from ratusz.surveys.tests.factories import (
    QUESTIONS,
    answer,
    by_text,
    make_open_survey,
    make_survey,
)

API = 403  # the API refuses a signed-in caller it does not serve with 403
READ = row(200, anonymous=LOGIN, external=403)
READ_ONE = row(200, anonymous=LOGIN, external=404)
API_READ = row(200, anonymous=NO_CREDENTIALS, external=API)
BUILD = row(403, anonymous=LOGIN, quality=200, external=404)
BUILD_POST = row(403, anonymous=LOGIN, quality=302, external=404)
PUBLIC = row(200)

TABLE = {
    "surveys:list": ("get", "/surveys/", READ),
    "surveys:create": ("get", "/surveys/new/", row(403, anonymous=LOGIN, quality=200)),
    "surveys:detail": ("get", "/surveys/{draft}/", READ_ONE),
    "surveys:edit": ("get", "/surveys/{draft}/edit/", BUILD),
    "surveys:copy": ("get", "/surveys/{open}/copy/", BUILD),
    "surveys:results": ("get", "/surveys/{open}/results/", READ_ONE),
    "surveys:export": ("get", "/surveys/{open}/results.xlsx", READ_ONE),
    "surveys:paper": ("get", "/surveys/{open}/paper/", READ_ONE),
    "surveys:question_add": ("get", "/surveys/{draft}/questions/new/", BUILD),
    "surveys:question_edit": ("get", "/surveys/{draft}/questions/{question}/edit/", BUILD),
    "surveys:question_delete": (
        "post",
        "/surveys/{draft}/questions/{question}/delete/",
        BUILD_POST,
    ),
    "surveys:question_move": ("post", "/surveys/{draft}/questions/{question}/move/", BUILD_POST),
    "surveys:step": ("post", "/surveys/{draft}/publish/", BUILD_POST),
    "public_surveys:list": ("get", "/public/surveys/", PUBLIC),
    "public_surveys:answer": ("get", "/public/surveys/{open}/", PUBLIC),
    "public_surveys:thanks": ("get", "/public/surveys/{open}/thanks/", PUBLIC),
    "public_surveys:results": ("get", "/public/surveys/{closed}/results/", PUBLIC),
    "survey-list": ("get", "/api/v1/surveys/", API_READ),
    "survey-detail": ("get", "/api/v1/surveys/{open}/", API_READ),
    "survey-publish": (
        "post",
        "/api/v1/surveys/{draft}/publish/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "survey-close": (
        "post",
        "/api/v1/surveys/{open}/close/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "survey-questions": (
        "post",
        "/api/v1/surveys/{draft}/questions/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "survey-response-list": ("get", "/api/v1/survey-responses/", API_READ),
    "survey-response-detail": ("get", "/api/v1/survey-responses/{response}/", API_READ),
}

WRITES = {
    "page: add a survey": ("post", "/surveys/new/", row(403, anonymous=LOGIN, quality=302)),
    "page: close a survey": ("post", "/surveys/{open}/close/", BUILD_POST),
    "page: add a question": ("post", "/surveys/{draft}/questions/new/", BUILD_POST),
    "page: type in a paper form": (
        "post",
        "/surveys/{open}/paper/",
        row(302, anonymous=LOGIN, external=404),
    ),
    "public: answer a survey": ("post", "/public/surveys/{open}/", row(302)),
    "api: add a survey": (
        "post",
        "/api/v1/surveys/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "api: change a survey": (
        "patch",
        "/api/v1/surveys/{draft}/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
}


def _fixtures(office):
    # One question each keeps the 240 cases quick.
    draft = make_survey(office, title="Szkic", questions=QUESTIONS[:1])
    survey = make_open_survey(office, questions=QUESTIONS[:1])
    response = answer(survey, scale=4)
    closed = make_open_survey(office, title="Zamknięta", questions=QUESTIONS[:1])
    Survey.objects.filter(pk=closed.pk).update(status=Survey.Status.CLOSED)
    return {
        "closed": closed.pk,
        "draft": draft.pk,
        "open": survey.pk,
        "question": draft.questions.first().pk,
        "response": response.pk,
        "scale": by_text(survey)["Jak oceniasz obsługę?"].pk,
    }


def _payload(path, ids):
    if path.endswith("/questions/new/"):
        return {"version": 2, "text": "Nowe", "kind": "text"}
    if path.endswith("/api/v1/surveys/{}/questions/".format(ids["draft"])):
        return {"version": 2, "text": "Nowe", "kind": "text"}
    if path.endswith("/move/"):
        return {"version": 2, "direction": "down"}
    if path == "/surveys/new/" or path == "/api/v1/surveys/":
        return {"title": "Nowa", "opens_on": "2026-12-01", "closes_on": "2026-12-31"}
    if path.endswith("/paper/") or path.startswith("/public/"):
        return {f"q{ids['scale']}": "3"}
    if "/api/v1/surveys/" in path and path.endswith(f"/{ids['draft']}/"):
        return {"version": 2, "title": "Zmieniona"}
    if path.endswith("/close/"):
        return {"version": 3}  # built (2), then published
    return {"version": 2}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_surveys_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    payload = _payload(path, ids)
    if path.startswith("/api/"):
        if method == "get":
            response = client.get(path)
        else:
            response = getattr(client, method)(path, payload, content_type="application/json")
    else:
        response = client.post(path, payload) if method == "post" else client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
