"""Named reads of satisfaction surveys; each runs a fixed number of queries,
whatever the number of responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.surveys import policies
from ratusz.surveys.models import SATISFIED_FROM, SCALE, Answer, Question, Response, Survey

TEXTS_SHOWN = 50  # free-text answers listed per question on the page; the export has all


def _count(model) -> Coalesce:
    """The number of `model` rows of each survey, as a subquery (two joined counts
    would multiply each other's rows)."""
    rows = (
        model.objects.filter(survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def survey_list(*, user) -> QuerySet[Survey]:
    """Surveys the user may see, newest period first, with their response counts."""
    if not policies.can_view_surveys(user):
        return Survey.objects.none()
    return (
        Survey.objects.select_related("created_by")
        .annotate(response_count=_count(Response), question_count=_count(Question))
        .order_by("-opens_on", "-pk")
    )


def survey_detail(*, user, pk: int) -> Survey | None:
    survey = Survey.objects.select_related("created_by").filter(pk=pk).first()
    if survey is None or not policies.can_view_survey(user, survey):
        return None
    return survey


def questions_of(survey: Survey) -> list[Question]:
    """The questions in order, each with its options: two queries."""
    return list(survey.questions.prefetch_related("options").order_by("position"))


def open_surveys(today: date | None = None) -> list[Survey]:
    """Surveys taking answers on the public page today."""
    today = today or timezone.localdate()
    return list(
        Survey.objects.filter(
            status=Survey.Status.OPEN, opens_on__lte=today, closes_on__gte=today
        ).order_by("closes_on", "pk")
    )


CLOSED_LISTED = 10


def closed_surveys() -> list[Survey]:
    """The latest closed surveys, whose results the public page shows."""
    closed = Survey.objects.filter(status=Survey.Status.CLOSED).order_by("-closes_on", "-pk")
    return list(closed[:CLOSED_LISTED])


def public_survey(pk: int) -> Survey | None:
    """A survey a resident may open: published (open or closed), never a draft."""
    return Survey.objects.exclude(status=Survey.Status.DRAFT).filter(pk=pk).first()


def previous_survey(survey: Survey) -> Survey | None:
    """The survey to compare with: the latest published one that opened before it."""
    return (
        Survey.objects.exclude(status=Survey.Status.DRAFT)
        .exclude(pk=survey.pk)
        .filter(opens_on__lt=survey.opens_on)
        .order_by("-opens_on", "-pk")
        .first()
    )


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"))


def match_key(question: Question) -> tuple[str, str]:
    """Questions of two surveys are compared when their text (ignoring case and
    spacing) and kind are the same."""
    return " ".join(question.text.split()).casefold(), question.kind


@dataclass
class Row:
    label: str
    count: int
    share: Decimal | None
    previous_share: Decimal | None = None


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    rows: list[Row] = field(default_factory=list)
    mean: Decimal | None = None
    satisfied: Decimal | None = None  # share of 4s and 5s (scale); share of yes (yes/no)
    texts: list[str] = field(default_factory=list)
    previous: QuestionResult | None = None

    @property
    def is_scale(self) -> bool:
        return self.question.kind == Question.Kind.SCALE

    @property
    def is_text(self) -> bool:
        return self.question.kind == Question.Kind.TEXT

    @property
    def more_texts(self) -> int:
        return max(0, self.answered - len(self.texts))


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    web: int
    paper: int
    questions: list[QuestionResult]
    previous: Survey | None = None
    previous_responses: int = 0
    # Over every scale answer of the survey: the headline figures.
    mean: Decimal | None = None
    satisfied: Decimal | None = None


@dataclass
class _Counts:
    values: dict[tuple[int, int], int] = field(default_factory=dict)  # (question, value)
    chosen: dict[int, int] = field(default_factory=dict)  # option -> answers
    answered: dict[int, int] = field(default_factory=dict)  # question -> respondents


def _counts(questions: list[Question]) -> _Counts:
    """The counts behind the figures of any number of questions (of one survey or
    of a survey and the one it is compared with) in two grouped queries, done by the
    database on covering indexes: answers per (question, value, option), and the
    respondents of each multiple-choice question (each ticks one row per option)."""
    counts = _Counts()
    if not questions:
        return counts
    grouped = (
        Answer.objects.filter(question_id__in=[q.pk for q in questions])
        .order_by()
        .values_list("question_id", "value", "option_id")
        .annotate(n=Count("*"))
    )
    for qid, value, option, n in grouped:
        if value is not None:
            counts.values[(qid, value)] = n
        if option is not None:
            counts.chosen[option] = n
        # One row per response for every kind but multiple choice (counted below).
        counts.answered[qid] = counts.answered.get(qid, 0) + n
    multiple = [q.pk for q in questions if q.kind == Question.Kind.MULTIPLE]
    if multiple:
        counts.answered.update(
            Answer.objects.filter(question_id__in=multiple)
            .order_by()
            .values_list("question_id")
            .annotate(n=Count("response_id", distinct=True))
        )
    return counts


def _figures(questions: list[Question], counts: _Counts, *, texts: bool) -> list[QuestionResult]:
    """Each question's rows, shares and mean from `counts`, plus one query per
    free-text question when `texts` (its latest TEXTS_SHOWN answers)."""
    values, chosen, answered = counts.values, counts.chosen, counts.answered
    results = []
    for q in questions:
        result = QuestionResult(question=q, answered=answered.get(q.pk, 0))
        n = result.answered
        if q.kind == Question.Kind.SCALE:
            by_value = {v: values.get((q.pk, v), 0) for v in SCALE}
            result.rows = [Row(str(v), c, _share(c, n)) for v, c in by_value.items()]
            if n:
                total = sum(v * c for v, c in by_value.items())
                result.mean = (Decimal(total) / n).quantize(Decimal("0.01"))
                result.satisfied = _share(
                    sum(c for v, c in by_value.items() if v >= SATISFIED_FROM), n
                )
        elif q.kind == Question.Kind.YES_NO:
            yes, no = values.get((q.pk, 1), 0), values.get((q.pk, 0), 0)
            result.rows = [Row(_("Yes"), yes, _share(yes, n)), Row(_("No"), no, _share(no, n))]
            result.satisfied = _share(yes, n)
        elif q.kind in Question.CHOICE_KINDS:
            # Multiple choice: the share of respondents who ticked it (they add up past 100%).
            result.rows = [
                Row(o.label, chosen.get(o.pk, 0), _share(chosen.get(o.pk, 0), n))
                for o in q.options.all()
            ]
        elif texts:
            result.texts = list(
                Answer.objects.filter(question=q)
                .exclude(text="")
                .order_by("-pk")
                .values_list("text", flat=True)[:TEXTS_SHOWN]
            )
        results.append(result)
    return results


def _headline(results: list[QuestionResult]) -> tuple[Decimal | None, Decimal | None]:
    scales = [r for r in results if r.is_scale and r.answered]
    n = sum(r.answered for r in scales)
    if not n:
        return None, None
    total = sum(int(row.label) * row.count for r in scales for row in r.rows)
    happy = sum(row.count for r in scales for row in r.rows if int(row.label) >= SATISFIED_FROM)
    return (Decimal(total) / n).quantize(Decimal("0.01")), _share(happy, n)


def _channels(surveys: list[Survey]) -> dict[tuple[int, str], int]:
    """Responses per (survey, channel): one query on the covering index."""
    return {
        (r["survey"], r["channel"]): r["n"]
        for r in Response.objects.filter(survey__in=surveys)
        .order_by()
        .values("survey", "channel")
        .annotate(n=Count("pk"))
    }


def survey_results(survey: Survey, *, compare: bool = True, texts: bool = True) -> SurveyResults:
    """Per question: counts, shares, the mean of a scale, free texts; and, question by
    question, the same figures of the previous survey (matched by `match_key`).

    The counts of both surveys come from the same two grouped queries."""
    previous = previous_survey(survey) if compare else None
    questions = questions_of(survey)
    earlier_questions = questions_of(previous) if previous is not None else []
    counts = _counts(questions + earlier_questions)
    channels = _channels([survey] if previous is None else [survey, previous])
    results = _figures(questions, counts, texts=texts)
    mean, satisfied = _headline(results)
    web = channels.get((survey.pk, Response.Channel.WEB), 0)
    paper = channels.get((survey.pk, Response.Channel.PAPER), 0)
    report = SurveyResults(
        survey=survey,
        responses=sum(n for (pk, _channel), n in channels.items() if pk == survey.pk),
        web=web,
        paper=paper,
        questions=results,
        mean=mean,
        satisfied=satisfied,
    )
    if previous is None:
        return report
    report.previous = previous
    report.previous_responses = sum(
        n for (pk, _channel), n in channels.items() if pk == previous.pk
    )
    earlier = {match_key(r.question): r for r in _figures(earlier_questions, counts, texts=False)}
    for result in results:
        before = earlier.get(match_key(result.question))
        if before is None or result.is_text:
            continue
        result.previous = before
        shares = {row.label.casefold(): row.share for row in before.rows}
        for row in result.rows:
            row.previous_share = shares.get(row.label.casefold())
    return report


def latest_results(before: date | None = None) -> SurveyResults | None:
    """The latest published survey's headline figures (KPIs, review)."""
    surveys = Survey.objects.exclude(status=Survey.Status.DRAFT)
    if before is not None:
        surveys = surveys.filter(opens_on__lte=before)
    latest = surveys.order_by("-opens_on", "-pk").first()
    if latest is None:
        return None
    return survey_results(latest, compare=False, texts=False)


def surveys_between(start: date, end: date) -> QuerySet[Survey]:
    """Published surveys whose period overlaps [start, end]."""
    return Survey.objects.exclude(status=Survey.Status.DRAFT).filter(
        opens_on__lte=end, closes_on__gte=start
    )


def last_survey_within(today: date, days: int = 365) -> Survey | None:
    """The latest published survey that ran in the last `days` days."""
    return (
        surveys_between(today - timedelta(days=days), today)
        .filter(Q(opens_on__lte=today))
        .order_by("-closes_on", "-pk")
        .first()
    )


@dataclass
class DashboardData:
    survey: Survey
    responses: int
    accepts: bool


def for_dashboard(*, user, today: date | None = None) -> DashboardData | None:
    """The open survey and its responses so far, for staff; None without one."""
    if not policies.can_view_surveys(user):
        return None
    today = today or timezone.localdate()
    survey = (
        Survey.objects.filter(status=Survey.Status.OPEN)
        .annotate(n=Count("responses"))
        .order_by("closes_on", "pk")
        .first()
    )
    if survey is None:
        return None
    return DashboardData(survey=survey, responses=survey.n, accepts=survey.accepts_answers(today))
