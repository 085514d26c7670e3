"""Evidence that top management leads the QMS (ISO 9001 5.1, with 5.2 and 9.3):
compiled from the records other areas keep, never typed in.

A selector module: it reads later areas (documents, risks, objectives, reviews)
and writes nothing. Each read runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from ratusz.core.models import Role, RoleAssignment, User
from ratusz.documents.models import Document
from ratusz.objectives.models import Objective
from ratusz.reviews.models import Decision, Review
from ratusz.risks.models import Assessment

YEARS = 3  # how far back the page looks
SHOWN = 20  # rows per section; the areas' own pages list them all


def top_management() -> QuerySet[User]:
    """The people holding the top-management role (mayor, deputies, secretary)."""
    ids = RoleAssignment.objects.filter(role=Role.TOP_MANAGEMENT).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name")


@dataclass
class Leadership:
    since: date
    leaders: list[User]
    policies: list[Document]  # the quality policy in force, with who approved it
    objectives: list[Objective]  # approved objectives of the years shown
    objectives_approved: int
    reviews: list[Review]  # management reviews held, with their chair
    resources: list[Decision]  # resource needs decided at those reviews
    risk_decisions: list[Assessment]  # risks assessed by top management

    @property
    def leader_ids(self) -> set[int]:
        return {leader.pk for leader in self.leaders}


def leadership(*, today: date) -> Leadership:
    """What top management did over the last YEARS years: seven queries."""
    since = date(today.year - YEARS + 1, 1, 1)
    leaders = list(top_management())
    ids = [leader.pk for leader in leaders]
    policies = list(
        Document.objects.select_related("current_version__approver")
        .filter(doc_type__code="policy", current_version__isnull=False, withdrawn_at__isnull=True)
        .order_by("number")
    )
    approved = (
        Objective.objects.filter(year__gte=since.year, approved_by__isnull=False)
        .select_related("approved_by", "org_unit")
        .order_by("-year", "number")
    )
    objectives = list(approved[:SHOWN])
    reviews = list(
        Review.objects.filter(status__in=Review.DONE_STATUSES, held_on__gte=since)
        .select_related("chair")
        .order_by("-held_on")[:SHOWN]
    )
    resources = list(
        Decision.objects.filter(
            kind=Decision.Kind.RESOURCES,
            review__status__in=Review.DONE_STATUSES,
            review__held_on__gte=since,
        )
        .select_related("review", "action")
        .order_by("-review__held_on", "number")[:SHOWN]
    )
    risk_decisions = list(
        Assessment.objects.filter(assessed_by__in=ids, assessed_on__gte=since)
        .select_related("risk", "assessed_by")
        .order_by("-assessed_on", "-pk")[:SHOWN]
    )
    return Leadership(
        since=since,
        leaders=leaders,
        policies=policies,
        objectives=objectives,
        objectives_approved=approved.count(),
        reviews=reviews,
        resources=resources,
        risk_decisions=risk_decisions,
    )


@dataclass(frozen=True)
class Standing:
    """What the readiness rule for 5.1 checks: records of this year and the last."""

    has_leaders: bool
    policy_by_leader: bool  # the policy in force was approved by top management
    objectives_this_year: bool  # this year's objectives approved by top management
    review_chaired: bool  # a review held in the last 12 months, chaired by top management


def standing(*, today: date) -> Standing:
    """Four queries, whatever the number of records."""
    ids = list(top_management().values_list("pk", flat=True))
    year_ago = date.fromordinal(today.toordinal() - 366)
    return Standing(
        has_leaders=bool(ids),
        policy_by_leader=Document.objects.filter(
            doc_type__code="policy",
            current_version__isnull=False,
            withdrawn_at__isnull=True,
            current_version__approver__in=ids,
        ).exists(),
        objectives_this_year=Objective.objects.filter(
            year=today.year, approved_by__in=ids
        ).exists(),
        review_chaired=Review.objects.filter(
            status__in=Review.DONE_STATUSES, held_on__gte=year_ago, chair__in=ids
        ).exists(),
    )
