"""Satisfaction surveys of the demo office: the 2026 residents' survey, open now with
about 300 responses, and the 2025 one with the same questions to compare with."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ratusz.surveys import services, synthetic
from ratusz.surveys.models import Question, Survey

TITLE = "Badanie satysfakcji mieszkańców {year}"
INTRO = (
    "Urząd Miasta Przykładowo co roku pyta mieszkańców o zadowolenie z obsługi. "
    "Ankieta jest anonimowa i zajmie około 3 minut. Dziękujemy!"
)
QUESTIONS = [
    ("Jak ogólnie oceniasz obsługę w Urzędzie?", Question.Kind.SCALE, True, []),
    ("Jak oceniasz czas oczekiwania na załatwienie sprawy?", Question.Kind.SCALE, True, []),
    ("Jak oceniasz uprzejmość i kompetencje pracowników?", Question.Kind.SCALE, False, []),
    ("Czy sprawę załatwiono podczas jednej wizyty?", Question.Kind.YES_NO, False, []),
    (
        "W jakiej sprawie odwiedził(a) Pan(i) Urząd?",
        Question.Kind.SINGLE,
        False,
        ["Dowód osobisty lub meldunek", "Urząd Stanu Cywilnego", "Podatki i opłaty lokalne",
         "Budownictwo i architektura", "Inna sprawa"],
    ),
    (
        "Z jakich form kontaktu z Urzędem Pan(i) korzysta?",
        Question.Kind.MULTIPLE,
        False,
        ["Wizyta osobista", "Telefon", "E-mail", "ePUAP", "Strona internetowa"],
    ),
    ("Co powinniśmy poprawić?", Question.Kind.TEXT, False, []),
]  # fmt: skip


def _build(quality, year: int, opens_on, closes_on) -> Survey:
    survey = services.create_survey(
        actor=quality,
        title=TITLE.format(year=year),
        intro=INTRO,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    for text, kind, required, options in QUESTIONS:
        services.add_question(
            actor=quality,
            survey=survey,
            expected_version=None,
            text=text,
            kind=kind,
            required=required,
            options=options,
        )
    return survey


def load(ctx) -> None:
    if Survey.objects.exists():
        return
    quality = ctx.users["quality"]
    today = timezone.localdate()
    rng = random.Random(9012)
    # Last year's: run and closed in the autumn, before the current one.
    earlier = _build(
        quality,
        today.year - 1,
        today - timedelta(days=365 + 40),
        today - timedelta(days=365 - 5),
    )
    earlier.refresh_from_db()
    Survey.objects.filter(pk=earlier.pk).update(
        status=Survey.Status.CLOSED,
        published_at=timezone.now() - timedelta(days=365 + 40),
        closed_at=timezone.now() - timedelta(days=365 - 5),
    )
    synthetic.fill(earlier, 240, rng=rng, scale_weights=[6, 12, 27, 35, 20])
    # This year's: open now, for three more weeks.
    current = _build(quality, today.year, today - timedelta(days=35), today + timedelta(days=24))
    current = services.publish_survey(actor=quality, survey=current, expected_version=None)
    synthetic.fill(current, 300, rng=rng, scale_weights=[3, 8, 20, 40, 29])
