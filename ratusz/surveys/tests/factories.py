"""Small builders for the surveys tests, through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.surveys import services
from ratusz.surveys.models import Question, Survey

QUESTIONS = [
    ("Jak oceniasz obsługę?", Question.Kind.SCALE, True, []),
    ("Czy załatwiono sprawę od razu?", Question.Kind.YES_NO, False, []),
    ("W jakiej sprawie?", Question.Kind.SINGLE, False, ["Dowód", "Meldunek", "Podatki"]),
    ("Jak się kontaktujesz?", Question.Kind.MULTIPLE, False, ["Telefon", "E-mail", "ePUAP"]),
    ("Co poprawić?", Question.Kind.TEXT, False, []),
]


def make_survey(office, *, title="Badanie satysfakcji 2026", questions=QUESTIONS, days=(-5, 20)):
    today = timezone.localdate()
    survey = services.create_survey(
        actor=office.quality,
        title=title,
        intro="Ankieta anonimowa.",
        opens_on=today + timedelta(days=days[0]),
        closes_on=today + timedelta(days=days[1]),
    )
    for text, kind, required, options in questions:
        services.add_question(
            actor=office.quality,
            survey=survey,
            expected_version=None,
            text=text,
            kind=kind,
            required=required,
            options=options,
        )
    survey.refresh_from_db()
    return survey


def make_open_survey(office, **kwargs) -> Survey:
    survey = make_survey(office, **kwargs)
    return services.publish_survey(
        actor=office.quality, survey=survey, expected_version=survey.version
    )


def by_text(survey: Survey) -> dict[str, Question]:
    return {q.text: q for q in survey.questions.prefetch_related("options")}


def answer(survey: Survey, *, scale=None, yes=None, single=None, multiple=(), text="", **kw):
    """One response; options named by their labels."""
    qs = by_text(survey)
    answers: dict[int, object] = {}
    if scale is not None:
        answers[qs["Jak oceniasz obsługę?"].pk] = scale
    if yes is not None:
        answers[qs["Czy załatwiono sprawę od razu?"].pk] = "yes" if yes else "no"
    if single:
        q = qs["W jakiej sprawie?"]
        answers[q.pk] = next(o.pk for o in q.options.all() if o.label == single)
    if multiple:
        q = qs["Jak się kontaktujesz?"]
        answers[q.pk] = [o.pk for o in q.options.all() if o.label in multiple]
    if text:
        answers[qs["Co poprawić?"].pk] = text
    return services.answer_survey(survey=survey, answers=answers, **kw)
