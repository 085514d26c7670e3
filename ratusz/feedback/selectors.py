"""Named reads of the register of submissions, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth

from ratusz.core.selectors import history_of
from ratusz.feedback import policies
from ratusz.feedback.models import Kind, Outcome, Submission, SubmissionQuerySet


def submission_list(*, user) -> QuerySet:
    return policies.submissions_visible_to(
        user, Submission.objects.select_related("org_unit", "handler")
    ).order_by("-year", "-number")


def submission_detail(*, user, pk: int) -> Submission | None:
    s = (
        Submission.objects.select_related(
            "org_unit",
            "handler",
            "registered_by",
            "reply_drafted_by",
            "reply_approved_by",
            "repeated_of",
            "nonconformity",
            "idea",
        )
        .filter(pk=pk)
        .first()
    )
    if s is None or not policies.can_view_submission(user, s):
        return None
    return s


@dataclass
class SubmissionPage:
    notices: list
    history: list
    missed_without_notice: bool


def submission_page(s: Submission, *, today: date) -> SubmissionPage:
    notices = list(s.delay_notices.select_related("issued_by"))
    answered = s.reply_sent_on or (today if s.is_open else None)
    missed = (
        not notices
        and answered is not None
        and answered > s.statutory_deadline
        and s.outcome not in (Outcome.WITHOUT_CONSIDERATION, Outcome.FORWARDED)
    )
    return SubmissionPage(notices=notices, history=history_of(s), missed_without_notice=missed)


@dataclass
class DashboardData:
    due_soon: int
    overdue: int
    missed: int
    unassigned: int


def dashboard(*, user, today: date) -> DashboardData | None:
    if not policies.can_view_register(user):
        return None
    mine = policies.submissions_visible_to(user).filter(status__in=Submission.OPEN_STATUSES)
    until = today + timedelta(days=settings.RATUSZ_DUE_SOON_DAYS)
    figures = mine.aggregate(
        due_soon=Count("pk", filter=Q(deadline__gte=today, deadline__lte=until)),
        overdue=Count("pk", filter=Q(deadline__lt=today)),
        unassigned=Count("pk", filter=Q(status=Submission.Status.REGISTERED)),
    )
    visible = cast(SubmissionQuerySet, policies.submissions_visible_to(user))
    missed = visible.missed_without_notice(today).count()
    data = DashboardData(missed=missed, **figures)
    if not (data.due_soon or data.overdue or data.missed or data.unassigned):
        return None
    return data


# --- figures ------------------------------------------------------------------------------


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"))


ANSWERED = Q(reply_sent_on__isnull=False)
ON_TIME = ANSWERED & Q(reply_sent_on__lte=F("deadline"))
JUSTIFIED = Q(outcome__in=[Outcome.JUSTIFIED, Outcome.PARTLY])


@dataclass
class Totals:
    received: int = 0
    answered: int = 0
    on_time: int = 0
    judged: int = 0
    justified: int = 0

    @property
    def on_time_share(self) -> Decimal | None:
        return _share(self.on_time, self.answered)

    @property
    def justified_share(self) -> Decimal | None:
        return _share(self.justified, self.judged)


def totals(
    *, start: date, end: date, kinds: tuple[str, ...] | None = None, org_unit=None
) -> Totals:
    """Figures of the submissions answered (or received) in a period."""
    qs = Submission.objects.all()
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if org_unit is not None:
        qs = qs.filter(org_unit=org_unit)
    received = qs.filter(received_on__range=(start, end)).count()
    settled = qs.filter(closed_on__range=(start, end)).aggregate(
        answered=Count("pk", filter=ANSWERED),
        on_time=Count("pk", filter=ON_TIME),
        judged=Count(
            "pk",
            filter=Q(
                outcome__in=[Outcome.JUSTIFIED, Outcome.PARTLY, Outcome.UNJUSTIFIED],
            ),
        ),
        justified=Count("pk", filter=JUSTIFIED),
    )
    return Totals(received=received, **settled)


@dataclass
class Statistics:
    year: int
    kinds: list[tuple[str, Any]]
    # (month, {kind: count}) for each month of the year
    months: list[tuple[int, dict[str, int]]]
    totals_by_kind: dict[str, int]
    on_time: Totals
    petitions: dict = field(default_factory=dict)
    by_unit: list[tuple[str, int]] = field(default_factory=list)


def statistics(*, year: int, with_units: bool = False) -> Statistics:
    """Counts per kind and month, the share answered on time and justified, and the
    petitions' yearly summary (art. 14 of the petitions act)."""
    rows = (
        Submission.objects.filter(year=year)
        .annotate(month=ExtractMonth("received_on"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
    )
    by_month: dict[int, dict[str, int]] = {m: {} for m in range(1, 13)}
    by_kind: dict[str, int] = {}
    for row in rows:
        by_month[row["month"]][row["kind"]] = row["n"]
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
    on_time = totals(start=date(year, 1, 1), end=date(year, 12, 31))
    petitions = Submission.objects.filter(kind=Kind.PETITION, year=year).aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=ANSWERED),
        justified=Count("pk", filter=JUSTIFIED),
        without_consideration=Count("pk", filter=Q(outcome=Outcome.WITHOUT_CONSIDERATION)),
        forwarded=Count("pk", filter=Q(outcome=Outcome.FORWARDED)),
        open=Count("pk", filter=Q(status__in=Submission.OPEN_STATUSES)),
    )
    units: list[tuple[str, int]] = []
    if with_units:
        units = [
            (row["org_unit__name"] or "—", row["n"])
            for row in Submission.objects.filter(year=year)
            .values("org_unit__name")
            .annotate(n=Count("pk"))
            .order_by("-n")
        ]
    return Statistics(
        year=year,
        kinds=list(Kind.choices),
        months=list(by_month.items()),
        totals_by_kind=by_kind,
        on_time=on_time,
        petitions=petitions,
        by_unit=units,
    )


def years_with_submissions() -> list[int]:
    return list(Submission.objects.values_list("year", flat=True).distinct().order_by("-year"))


def published_petitions() -> QuerySet:
    return Submission.objects.filter(kind=Kind.PETITION, published=True).order_by(
        "-year", "-number"
    )


@dataclass
class QualityFacts:
    """What the portal shows of the office's QMS: the certificate and the policy."""

    certificate: Any = None
    next_audit: Any = None
    policy: Any = None
    policy_html: str = ""


def quality_facts(*, today: date) -> QualityFacts:
    """The certificate in force (or the latest), the next external audit, and the
    quality policy in force when the office marked it public."""
    from ratusz.certification.models import Certificate, ExternalAudit
    from ratusz.documents.models import Confidentiality, Document
    from ratusz.lib.controlled_copy import render_markdown

    certificate = (
        Certificate.objects.select_related("body")
        .order_by(models_case_valid_first(), "-expiry_date")
        .first()
    )
    next_audit = (
        ExternalAudit.objects.filter(status=ExternalAudit.Status.PLANNED, start_date__gte=today)
        .order_by("start_date")
        .first()
    )
    policy = (
        Document.objects.select_related("current_version")
        .filter(
            doc_type__code="policy",
            current_version__isnull=False,
            confidentiality=Confidentiality.PUBLIC,
        )
        .order_by("number")
        .first()
    )
    version = policy.current_version if policy else None
    html = render_markdown(version.body) if version else ""
    return QualityFacts(certificate, next_audit, policy, html)


def models_case_valid_first():
    from django.db.models import Case, IntegerField, Value, When

    return Case(When(status="valid", then=Value(0)), default=Value(1), output_field=IntegerField())
