"""A survey's answers as a spreadsheet: one row per response, one column per question."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from django.utils.translation import gettext as _

from ratusz.lib.spreadsheet import table
from ratusz.surveys import selectors
from ratusz.surveys.models import Answer, Question, Response, Survey


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rows(survey: Survey, questions: list[Question]) -> Iterator[list]:
    labels = {o.pk: o.label for q in questions for o in q.options.all()}
    channels = dict(Response.Channel.choices)
    yes, no = _("Yes"), _("No")
    answers = (
        Answer.objects.filter(response__survey=survey)
        .order_by("response_id", "pk")
        .values_list(
            "response_id",
            "response__submitted_on",
            "response__channel",
            "question_id",
            "value",
            "option_id",
            "text",
        )
        .iterator(chunk_size=5000)
    )
    kinds = {q.pk: q.kind for q in questions}
    for response_id, group in groupby(answers, key=lambda a: a[0]):
        cells: dict[int, list[str]] = {}
        first = None
        for row in group:
            first = first or row
            _r, _day, _ch, qid, value, option, text = row
            if kinds[qid] == Question.Kind.YES_NO:
                shown = yes if value else no
            elif value is not None:
                shown = str(value)
            elif option is not None:
                shown = labels.get(option, "")
            else:
                shown = _cell(text)
            cells.setdefault(qid, []).append(shown)
        assert first is not None
        yield [
            response_id,
            first[1],
            str(channels.get(first[2], first[2])),
            *("; ".join(cells.get(q.pk, [])) for q in questions),
        ]


def results_xlsx(survey: Survey) -> bytes:
    questions = selectors.questions_of(survey)
    headers = [_("Response"), _("Submitted on"), _("Channel"), *(_cell(q.text) for q in questions)]
    return table(_("Responses"), headers, _rows(survey, questions))
