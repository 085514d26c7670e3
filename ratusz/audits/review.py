"""Internal audit results for the management review (9.3.2 c6): audits done
against those planned, and findings by grade, beside the previous period's."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.audits.models import Audit, Finding
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.lib.review_periods import percent, previous_period


def _figures(start: date, end: date) -> dict[str, str]:
    planned = Audit.objects.exclude(status=Audit.Status.CANCELLED).filter(
        planned_start__range=(start, end)
    )
    planned_count = planned.count()
    done = planned.filter(status=Audit.Status.CLOSED).count()
    findings = Finding.objects.filter(audit__planned_start__range=(start, end)).exclude(
        audit__status=Audit.Status.CANCELLED
    )
    by_grade = dict.fromkeys(Finding.Grade.values, 0)
    for grade in findings.values_list("grade", flat=True):
        by_grade[grade] += 1
    return {
        "planned": str(planned_count),
        "done": str(done),
        "done_share": percent(done, planned_count),
        **{grade: str(count) for grade, count in by_grade.items()},
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    now, then = _figures(start, end), _figures(*previous_period(start, end))
    labels = {
        "planned": _("Internal audits planned in the period"),
        "done": _("Internal audits done (report issued)"),
        "done_share": _("Share of the planned audits done"),
        **{grade: str(label) for grade, label in Finding.Grade.choices},
    }
    return [
        ReviewInput(
            topic=ReviewTopic.AUDITS,
            title=_("Internal audits"),
            figures=tuple(ReviewFigure(labels[k], now[k], then[k]) for k in labels),
            url=reverse("audits:list"),
        )
    ]
