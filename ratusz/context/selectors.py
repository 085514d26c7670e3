"""Named reads of the office's context; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet

from ratusz.context import policies
from ratusz.context.models import (
    ClimateDecision,
    ContextIssue,
    ContextReview,
    InterestedParty,
)


def issue_list(*, user) -> QuerySet[ContextIssue]:
    """Issues the user may see, internal first, by category; `IssueFilter` narrows them."""
    if not policies.can_view_context(user):
        return ContextIssue.objects.none()
    return ContextIssue.objects.select_related("owner").order_by("kind", "category", "title")


def issue_detail(*, user, pk: int) -> ContextIssue | None:
    issue = ContextIssue.objects.select_related("owner").filter(pk=pk).first()
    if issue is None or not policies.can_view_context(user, issue):
        return None
    return issue


def linked_risks(issue: ContextIssue) -> list:
    """The open risks and opportunities that come from the issue (6.1 links to 4.1)."""
    return list(
        issue.risks.filter(status="open").only("id", "year", "number", "title", "residual_level")
    )


def party_list(*, user) -> QuerySet[InterestedParty]:
    if not policies.can_view_context(user):
        return InterestedParty.objects.none()
    return (
        InterestedParty.objects.select_related("owner")
        .annotate(requirement_count=Count("requirements"))
        .order_by("name")
    )


def party_detail(*, user, pk: int) -> InterestedParty | None:
    party = InterestedParty.objects.select_related("owner").filter(pk=pk).first()
    if party is None or not policies.can_view_context(user, party):
        return None
    return party


@dataclass
class Overview:
    climate: ClimateDecision | None
    last_review: ContextReview | None
    reviews: list[ContextReview]
    issues_by_kind: dict[str, int]
    issues_due: int
    parties: int
    parties_unreviewed: int


def overview(*, today: date) -> Overview:
    """The context page: the climate decision, reviews and counts (six queries)."""
    reviews = list(ContextReview.objects.select_related("reviewed_by")[:10])
    active = ContextIssue.objects.filter(is_active=True)
    by_kind = dict(active.order_by().values_list("kind").annotate(n=Count("pk")))
    parties = InterestedParty.objects.filter(is_active=True)
    year_ago = year_before(today)
    return Overview(
        climate=ClimateDecision.objects.select_related("decided_by").filter(pk=1).first(),
        last_review=reviews[0] if reviews else None,
        reviews=reviews,
        issues_by_kind=by_kind,
        issues_due=active.filter(review_date__lt=today).count(),
        parties=parties.count(),
        parties_unreviewed=parties.exclude(reviewed_on__gte=year_ago).count(),
    )


def year_before(today: date) -> date:
    """The same day a year earlier (28 February for a 29th)."""
    if today.month == 2 and today.day == 29:
        return today.replace(year=today.year - 1, day=28)
    return today.replace(year=today.year - 1)
