"""Answers made up in bulk for the demo and the benchmark office: responses and their
answers written with `bulk_create` in batches, not one service call per response."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ratusz.core import audit
from ratusz.surveys.models import Answer, Question, Response, Survey

BATCH = 2000

COMMENTS = [
    "Dłuższe godziny otwarcia w czwartki.",
    "Za długo czekałem na zaświadczenie.",
    "Bardzo miła obsługa w Wydziale Spraw Obywatelskich.",
    "Więcej spraw do załatwienia przez internet.",
    "Brakuje miejsc parkingowych przy urzędzie.",
    "Numerki w kolejce powinny być widoczne online.",
    "Formularze na stronie są nieaktualne.",
    "Urzędniczka wszystko cierpliwie wyjaśniła.",
    "Inwestycje miejskie są opóźnione, nikt nie informuje dlaczego.",
    "Proszę o tłumacza języka migowego na miejscu.",
    "Lepsze oznakowanie pokoi na parterze.",
    "Sprawa załatwiona szybko i sprawnie.",
]


def _answers(q: Question, rng: random.Random, scale_weights: list[int]) -> list[Answer]:
    if q.kind == Question.Kind.SCALE:
        return [Answer(question=q, value=rng.choices(range(1, 6), scale_weights)[0])]
    if q.kind == Question.Kind.YES_NO:
        return [Answer(question=q, value=1 if rng.random() < 0.7 else 0)]
    options = list(q.options.all())
    if q.kind == Question.Kind.SINGLE:
        return [Answer(question=q, option=rng.choice(options))]
    if q.kind == Question.Kind.MULTIPLE:
        picked = rng.sample(options, rng.randint(1, min(3, len(options))))
        return [Answer(question=q, option=o) for o in picked]
    if rng.random() < 0.25:
        return [Answer(question=q, text=rng.choice(COMMENTS))]
    return []


@transaction.atomic
def fill(
    survey: Survey,
    count: int,
    *,
    rng: random.Random,
    scale_weights: list[int],
    paper_share: float = 0.15,
    log_trail: bool = True,
) -> int:
    """`count` responses spread over the survey's period so far; returns how many."""
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    last = min(survey.closes_on, max(survey.opens_on, timezone.localdate()))
    span = (last - survey.opens_on).days + 1
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        responses = Response.objects.bulk_create(
            [
                Response(
                    survey=survey,
                    channel=(
                        Response.Channel.PAPER
                        if rng.random() < paper_share
                        else Response.Channel.WEB
                    ),
                    submitted_on=survey.opens_on + timedelta(days=rng.randrange(span)),
                )
                for _ in range(size)
            ]
        )
        rows = []
        for response in responses:
            for q in questions:
                for answer in _answers(q, rng, scale_weights):
                    answer.response = response
                    rows.append(answer)
        Answer.objects.bulk_create(rows, batch_size=BATCH * 2)
        if log_trail:
            audit.record_created(responses)
        made += size
    return made
