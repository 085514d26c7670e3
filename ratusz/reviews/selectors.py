"""Reads of the management reviews, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ratusz.core.models import Action, Attachment, User
from ratusz.core.plugins import ReviewInput, ReviewTopic, area_modules
from ratusz.lib.review_periods import trend
from ratusz.reviews import policies
from ratusz.reviews.models import Attendance, Decision, InputNote, Review


def review_list(*, user: User) -> QuerySet[Review]:
    if not policies.can_view_review(user):
        return Review.objects.none()
    return (
        Review.objects.select_related("chair")
        .annotate(decision_count=Count("decisions", distinct=True))
        .order_by("-planned_date", "-id")
    )


def review_detail(*, user: User, pk: int) -> Review | None:
    if not policies.can_view_review(user):
        return None
    return (
        Review.objects.select_related("chair")
        .prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.select_related("person"))
        )
        .filter(pk=pk)
        .first()
    )


def last_held(before: date | None = None, exclude: int | None = None) -> Review | None:
    reviews = Review.objects.filter(status__in=Review.DONE_STATUSES)
    if before is not None:
        reviews = reviews.filter(held_on__lt=before)
    if exclude is not None:
        reviews = reviews.exclude(pk=exclude)
    return reviews.order_by("-held_on", "-id").first()


def next_planned(today: date | None = None) -> Review | None:
    return (
        Review.objects.filter(status=Review.Status.PLANNED)
        .select_related("chair")
        .order_by("planned_date", "id")
        .first()
    )


def decision_actions() -> QuerySet[Action]:
    return Action.objects.filter(review_decision__isnull=False)


# --- the inputs -------------------------------------------------------------------


def _plain(entry: ReviewInput) -> dict:
    return {
        "title": str(entry.title),
        "summary": str(entry.summary),
        "figures": [[str(f.label), str(f.value), str(f.previous)] for f in entry.figures],
        "url": entry.url,
    }


def compile_inputs(start: date, end: date) -> dict[str, list[dict]]:
    """Every area's inputs for the period, by topic, as plain texts."""
    by_topic: dict[str, list[dict]] = {topic: [] for topic in ReviewTopic.values}
    for _label, module in area_modules("review"):
        for entry in module.inputs(start, end):
            by_topic[str(entry.topic)].append(_plain(entry))
    return by_topic


def snapshot_of(review: Review) -> dict:
    """What is frozen when the review is held: each topic, its inputs, the comment."""
    notes = {note.topic: note for note in review.notes.all()}
    compiled = compile_inputs(review.period_start, review.period_end)
    files = _files_by_topic(list(notes.values()))
    topics = [
        {
            "topic": topic,
            "label": str(label),
            "inputs": compiled[topic],
            "comment": notes[topic].comment if topic in notes else "",
            "evidence": [f"{a.original_name} (SHA-256 {a.sha256})" for a in files.get(topic, [])],
        }
        for topic, label in ReviewTopic.choices
    ]
    return {"topics": topics}


def _files_by_topic(notes: list[InputNote]) -> dict[str, list[Attachment]]:
    if not notes:
        return {}
    topic_of = {str(note.pk): note.topic for note in notes}
    files = Attachment.objects.filter(
        target_type=ContentType.objects.get_for_model(InputNote), target_id__in=list(topic_of)
    ).order_by("pk")
    result: dict[str, list[Attachment]] = {}
    for attachment in files:
        result.setdefault(topic_of[attachment.target_id], []).append(attachment)
    return result


@dataclass
class Figure:
    label: str
    value: str
    previous: str

    @property
    def trend(self) -> str:
        return trend(self.value, self.previous)


@dataclass
class TopicRow:
    topic: str
    label: str
    inputs: list[dict]
    comment: str = ""
    discussion: str = ""
    evidence: list = field(default_factory=list)  # attachments, or frozen names

    @property
    def held_in_ratusz(self) -> bool:
        return bool(self.inputs)

    @property
    def entries(self) -> list[dict]:
        """The inputs with their figures ready for a table (trend included)."""
        return [
            {**entry, "figures": [Figure(*row) for row in entry["figures"]]}
            for entry in self.inputs
        ]


@dataclass
class ReviewPage:
    review: Review
    topics: list[TopicRow]
    decisions: list[Decision]
    frozen: bool
    today: date


def decisions_of(review: Review) -> list[Decision]:
    return list(
        review.decisions.select_related("action__owner", "action__org_unit").order_by("number")
    )


def review_page(review: Review, *, user: User, today: date | None = None) -> ReviewPage:
    """The inputs (live while planned, frozen once held), notes, files and decisions."""
    today = today or timezone.localdate()
    notes = {note.topic: note for note in review.notes.all()}
    if review.is_held:
        topics = [
            TopicRow(
                topic=row["topic"],
                label=row["label"],
                inputs=row["inputs"],
                comment=row["comment"],
                discussion=notes[row["topic"]].discussion if row["topic"] in notes else "",
                evidence=row["evidence"],
            )
            for row in review.snapshot["topics"]
        ]
    else:
        compiled = compile_inputs(review.period_start, review.period_end)
        files = _files_by_topic(list(notes.values()))
        topics = [
            TopicRow(
                topic=topic,
                label=str(label),
                inputs=compiled[topic],
                comment=notes[topic].comment if topic in notes else "",
                evidence=files.get(topic, []),
            )
            for topic, label in ReviewTopic.choices
        ]
    return ReviewPage(
        review=review,
        topics=topics,
        decisions=decisions_of(review),
        frozen=review.is_held,
        today=today,
    )


def for_dashboard(*, user: User, today: date | None = None) -> dict | None:
    """The card for the quality manager, top management and the owners of overdue
    decisions; None for everyone else, who has nothing to do about the reviews."""
    if not policies.can_view_review(user):
        return None
    today = today or timezone.localdate()
    overdue = (
        decision_actions()
        .filter(status__in=Action.OPEN_STATUSES, due_date__lt=today)
        .aggregate(n=Count("pk"), mine=Count("pk", filter=Q(owner=user)))
    )
    if not (policies.can_plan_review(user) or policies.can_chair(user) or overdue["mine"]):
        return None
    last = last_held()
    return {
        "next": next_planned(today),
        "last": last,
        "stale": last is None or last.held_on is None or last.held_on < today - timedelta(days=365),
        "overdue": overdue["n"],
        "overdue_mine": overdue["mine"],
    }
