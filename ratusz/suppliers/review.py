"""Input c7 of the management review: the performance of external providers."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Avg, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.suppliers.models import Evaluation, Penalty
from ratusz.suppliers.money import zloty


def _figures(start: date, end: date) -> dict[str, str]:
    penalties = Penalty.objects.filter(event_on__range=(start, end)).aggregate(
        due=Sum("due"), charged=Sum("charged"), waived=Sum("waived")
    )
    evaluations = Evaluation.objects.filter(evaluated_on__range=(start, end))
    average = evaluations.aggregate(avg=Avg("score"))["avg"]
    return {
        "evaluations": str(evaluations.count()),
        "average": f"{average:.2f}" if average is not None else "—",
        "due": zloty(penalties["due"] or 0),
        "charged": zloty(penalties["charged"] or 0),
        "waived": zloty(penalties["waived"] or 0),
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    now = _figures(start, end)
    length = end - start
    before = _figures(start - length - timedelta(days=1), start - timedelta(days=1))
    labels = {
        "evaluations": _("Contractor evaluations"),
        "average": _("Average evaluation score (1–5)"),
        "due": _("Contractual penalties due"),
        "charged": _("Penalties charged"),
        "waived": _("Penalties waived or reduced"),
    }
    return [
        ReviewInput(
            topic=ReviewTopic.PROVIDERS,
            title=_("Contractors and contracts"),
            summary=_("Evaluations of contractors and the contractual penalties of the period."),
            figures=tuple(
                ReviewFigure(label, now[key], before[key]) for key, label in labels.items()
            ),
            url=reverse("suppliers:list"),
        )
    ]
