"""The register's input to the management review (9.3.2 e): effectiveness of the
actions taken to address risks and opportunities in the period reviewed."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.models import Action
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.risks import selectors
from ratusz.risks.models import Assessment, Risk


def _figures(start: date, end: date) -> dict[str, int]:
    treatments = Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Risk), kind=Action.Kind.RISK_TREATMENT
    )
    done = treatments.aggregate(
        done=Count("pk", filter=Q(completed_at__date__range=(start, end))),
        late=Count(
            "pk",
            filter=Q(status__in=Action.OPEN_STATUSES, due_date__lte=end, due_date__gte=start),
        ),
    )
    # A reassessment that lowered the residual level: what the treatments achieved.
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
    lowered, rose = moved["lowered"], moved["rose"]
    return {"done": done["done"], "late": done["late"], "lowered": lowered, "rose": rose}


def inputs(start: date, end: date) -> list[ReviewInput]:
    now = _figures(start, end)
    length = end - start
    before = _figures(start - length - timedelta(days=1), start - timedelta(days=1))
    above = selectors.above_appetite().count()
    return [
        ReviewInput(
            topic=ReviewTopic.RISKS,
            title=_("Risks and opportunities"),
            summary=_("%(n)d open risks are above their accepted level now.") % {"n": above},
            figures=(
                ReviewFigure(_("Treatments completed"), str(now["done"]), str(before["done"])),
                ReviewFigure(_("Treatments overdue"), str(now["late"]), str(before["late"])),
                ReviewFigure(
                    _("Reassessments that lowered the residual level"),
                    str(now["lowered"]),
                    str(before["lowered"]),
                ),
                ReviewFigure(
                    _("Reassessments that raised the residual level"),
                    str(now["rose"]),
                    str(before["rose"]),
                ),
            ),
            url=reverse("risks:heat_map"),
        )
    ]
