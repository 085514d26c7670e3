"""Named reads of the register of risks and opportunities; each runs a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce

from ratusz.core.dates import on_days
from ratusz.core.models import Action
from ratusz.lib import risk_scoring
from ratusz.risks import policies
from ratusz.risks.models import Assessment, ChangePlan, Risk, RiskScale


def treatments_of(risk: Risk) -> QuerySet[Action]:
    return Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Risk), source_id=str(risk.pk)
    )


def _treatments(*statuses: str):
    actions = (
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Risk),
            source_id=Cast(OuterRef("pk"), output_field=CharField()),
            status__in=statuses,
        )
        .order_by()
        .values("source_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(actions, output_field=IntegerField()), 0)


LIVE_TREATMENT = (*Action.OPEN_STATUSES, Action.Status.DONE, Action.Status.CLOSED)


def with_treatments(qs: QuerySet[Risk]) -> QuerySet[Risk]:
    """Each risk with its open treatments and all its live ones (not cancelled)."""
    return qs.annotate(
        open_treatments=_treatments(*Action.OPEN_STATUSES),
        treatments=_treatments(*LIVE_TREATMENT),
    )


def risk_list(*, user) -> QuerySet[Risk]:
    """Risks and opportunities the user may see, the newest first, with their process,
    unit, owner and treatments; `RiskFilter` narrows and sorts them."""
    if not policies.can_view_risks(user):
        return Risk.objects.none()
    return with_treatments(
        Risk.objects.select_related("process", "org_unit", "owner").order_by("-year", "-number")
    )


def risks_for_map(*, user) -> QuerySet[Risk]:
    """The risks the user may see, plain (the heat map counts them)."""
    if not policies.can_view_risks(user):
        return Risk.objects.none()
    return Risk.objects.all()


def risk_detail(*, user, pk: int) -> Risk | None:
    risk = Risk.objects.select_related("process", "org_unit", "owner").filter(pk=pk).first()
    if risk is None or not policies.can_view_risks(user, risk):
        return None
    return risk


@dataclass
class RiskPage:
    assessments: list[Assessment]
    treatments: list[Action]
    issues: list
    requirements: list
    scale: RiskScale


def risk_page(risk: Risk, *, user) -> RiskPage:
    """What the risk's page shows around it: five small queries."""
    return RiskPage(
        assessments=list(risk.assessments.select_related("assessed_by")[:50]),
        treatments=list(treatments_of(risk).select_related("owner").order_by("due_date", "pk")),
        issues=list(risk.issues.all()),
        requirements=list(risk.requirements.select_related("party")),
        scale=RiskScale.current(),
    )


def assessment_list(*, user) -> QuerySet[Assessment]:
    if not policies.can_view_risks(user):
        return Assessment.objects.none()
    return Assessment.objects.select_related("risk", "assessed_by").order_by("-assessed_on", "-pk")


# --- the heat map -------------------------------------------------------------------------


@dataclass
class Cell:
    likelihood: int
    impact: int
    count: int
    level: int
    band: str


@dataclass
class HeatMap:
    basis: str  # "inherent" or "residual"
    rows: list[list[Cell]]  # the highest likelihood first
    total: int


@dataclass
class Movement:
    """How residual levels moved since the assessment before the latest one."""

    up: list = field(default_factory=list)  # the first UP_SHOWN risks that rose
    up_total: int = 0
    down: int = 0
    same: int = 0
    new: int = 0  # assessed once only


@dataclass
class HeatMapPage:
    scale: RiskScale
    inherent: HeatMap
    residual: HeatMap
    movement: Movement
    above_appetite: int


def _map(qs: QuerySet[Risk], basis: str, scale: RiskScale) -> HeatMap:
    counts = (
        qs.order_by().values_list(f"{basis}_likelihood", f"{basis}_impact").annotate(n=Count("pk"))
    )
    found = {(lk, im): n for lk, im, n in counts}
    top = scale.top
    rows = [
        [
            Cell(lk, im, found.get((lk, im), 0), lk * im, risk_scoring.band(lk * im, top))
            for im in range(1, scale.impact_count + 1)
        ]
        for lk in range(scale.likelihood_count, 0, -1)
    ]
    return HeatMap(basis, rows, sum(found.values()))


def previous_residual():
    """The residual level of the assessment before the latest one (the last review)."""
    return Subquery(
        Assessment.objects.filter(risk=OuterRef("pk"))
        .order_by("-assessed_on", "-pk")
        .values("residual_level")[1:2]
    )


UP_SHOWN = 20


def heat_map(qs: QuerySet[Risk]) -> HeatMapPage:
    """The heat maps of the given risks, and how their residual levels moved since
    the assessment before the latest: five queries whatever the number of risks."""
    scale = RiskScale.current()
    moved = Movement()
    rows = (
        qs.order_by("-residual_level", "-year", "-number")
        .annotate(previous=previous_residual())
        .values_list("pk", "year", "number", "title", "residual_level", "previous")
    )
    for pk, year, number, title, level, previous in rows.iterator(chunk_size=2000):
        change = risk_scoring.movement(previous, level)
        if change == "up":
            moved.up_total += 1
            if len(moved.up) < UP_SHOWN:
                moved.up.append((pk, f"R/{year}/{number:04d}", title, previous, level))
        elif change == "down":
            moved.down += 1
        elif change == "same":
            moved.same += 1
        else:
            moved.new += 1
    return HeatMapPage(
        scale=scale,
        inherent=_map(qs, "inherent", scale),
        residual=_map(qs, "residual", scale),
        movement=moved,
        above_appetite=above_appetite(qs).count(),
    )


# --- dashboard and readiness --------------------------------------------------------------


def above_appetite(qs: QuerySet[Risk] | None = None) -> QuerySet[Risk]:
    qs = Risk.objects.all() if qs is None else qs
    return qs.filter(status=Risk.Status.OPEN, kind=Risk.Kind.RISK, residual_level__gt=F("appetite"))


def untreated_above_appetite() -> QuerySet[Risk]:
    """Open risks above the accepted level with no treatment under way or done."""
    live = Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Risk),
        source_id=Cast(OuterRef("pk"), output_field=CharField()),
        status__in=LIVE_TREATMENT,
    )
    return above_appetite().exclude(Exists(live))


def reviews_overdue(today: date) -> QuerySet[Risk]:
    return Risk.objects.filter(status=Risk.Status.OPEN, review_date__lt=today)


def dashboard_counts(*, user, today: date) -> dict[str, int]:
    open_risks = Risk.objects.filter(status=Risk.Status.OPEN)
    counts = open_risks.aggregate(
        above=Count("pk", filter=Q(kind=Risk.Kind.RISK, residual_level__gt=F("appetite"))),
        overdue=Count("pk", filter=Q(review_date__lt=today)),
        mine_overdue=Count("pk", filter=Q(review_date__lt=today, owner=user)),
    )
    return counts


# --- effect of the treatments and the yearly report --------------------------------------


def treatment_effect(start: date, end: date) -> dict[str, int]:
    """Treatments completed and overdue in the period, and reassessments in it
    that lowered or raised a residual level: two queries."""
    treatments = Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Risk), kind=Action.Kind.RISK_TREATMENT
    )
    done = treatments.aggregate(
        done=Count("pk", filter=on_days("completed_at", start, end)),
        late=Count(
            "pk",
            filter=Q(status__in=Action.OPEN_STATUSES, due_date__lte=end, due_date__gte=start),
        ),
    )
    before = (
        Assessment.objects.filter(risk=OuterRef("risk"))
        .filter(
            Q(assessed_on__lt=OuterRef("assessed_on"))
            | Q(assessed_on=OuterRef("assessed_on"), pk__lt=OuterRef("pk"))
        )
        .order_by("-assessed_on", "-pk")
        .values("residual_level")[:1]
    )
    moved = (
        Assessment.objects.filter(assessed_on__range=(start, end))
        .annotate(before=Subquery(before))
        .aggregate(
            lowered=Count("pk", filter=Q(residual_level__lt=F("before"))),
            rose=Count("pk", filter=Q(residual_level__gt=F("before"))),
        )
    )
    return {
        "done": done["done"],
        "late": done["late"],
        "lowered": moved["lowered"],
        "rose": moved["rose"],
    }


TOP_RISKS = 15


@dataclass
class YearReport:
    year: int
    top: list[Risk]
    added: int
    closed: int
    effect: dict[str, int]
    done: list[Action]
    late: list[Action]


def year_report(year: int, today: date) -> YearReport:
    """What the yearly risk report for the mayor says: the top open risks, what
    changed in the year and the treatments done and late (seven queries)."""
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    treatments = (
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(Risk),
            kind=Action.Kind.RISK_TREATMENT,
        )
        .select_related("owner")
        .order_by("due_date", "pk")
    )
    return YearReport(
        year=year,
        top=list(
            Risk.objects.filter(status=Risk.Status.OPEN)
            .select_related("process", "org_unit", "owner")
            .order_by("-residual_level", "-inherent_level", "year", "number")[:TOP_RISKS]
        ),
        added=Risk.objects.filter(year=year).count(),
        closed=Risk.objects.filter(
            on_days("updated_at", start, end), status=Risk.Status.CLOSED
        ).count(),
        effect=treatment_effect(start, end),
        done=list(treatments.filter(on_days("completed_at", start, end))[:200]),
        late=list(treatments.filter(status__in=Action.OPEN_STATUSES, due_date__lt=end)[:200]),
    )


# --- planning of changes -------------------------------------------------------------------


def change_list(*, user) -> QuerySet[ChangePlan]:
    if not policies.can_view_risks(user):
        return ChangePlan.objects.none()
    return ChangePlan.objects.select_related("org_unit", "owner").order_by("-planned_for", "-pk")


def change_detail(*, user, pk: int) -> ChangePlan | None:
    plan = ChangePlan.objects.select_related("org_unit", "owner").filter(pk=pk).first()
    if plan is None or not policies.can_view_risks(user):
        return None
    return plan


def actions_of_change(plan: ChangePlan) -> list[Action]:
    return list(
        Action.objects.filter(
            source_type=ContentType.objects.get_for_model(ChangePlan), source_id=str(plan.pk)
        )
        .select_related("owner")
        .order_by("due_date", "pk")
    )
