"""Competence's input to the management review (9.3.2 d, adequacy of resources):
trainings held and evaluated, competences gained, the gaps open at the end of the
period and the infrastructure incidents, beside the previous period."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.competence.models import Attendance, CompetenceRecord, Training
from ratusz.competence.readiness import unplanned_gaps
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic


def _figures(start: date, end: date) -> dict[str, int]:
    trainings = Training.objects.filter(held_on__range=(start, end)).aggregate(
        held=Count("pk", filter=~Q(status=Training.Status.CANCELLED)),
        hours=Count("attendances", filter=Q(attendances__attended=True)),
    )
    results = Attendance.objects.filter(evaluated_on__range=(start, end)).aggregate(
        effective=Count("pk", filter=Q(result=Attendance.Result.EFFECTIVE)),
        evaluated=Count("pk"),
    )
    gained = CompetenceRecord.objects.filter(issued_on__range=(start, end)).count()
    return {
        "held": trainings["held"],
        "attendances": trainings["hours"],
        "evaluated": results["evaluated"],
        "effective": results["effective"],
        "gained": gained,
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    length = end - start
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - length
    now, before = _figures(start, end), _figures(prev_start, prev_end)
    gaps = unplanned_gaps(end)
    return [
        ReviewInput(
            topic=ReviewTopic.RESOURCES,
            title=_("Competence and training"),
            summary=_(
                "%(held)d trainings held; %(effective)d of %(evaluated)d evaluations found them "
                "effective; %(gaps)d people lack a required competence no plan covers."
            )
            % {
                "held": now["held"],
                "effective": now["effective"],
                "evaluated": now["evaluated"],
                "gaps": gaps,
            },
            figures=(
                ReviewFigure(_("Trainings held"), str(now["held"]), str(before["held"])),
                ReviewFigure(_("Attendances"), str(now["attendances"]), str(before["attendances"])),
                ReviewFigure(
                    _("Evaluated as effective"), str(now["effective"]), str(before["effective"])
                ),
                ReviewFigure(_("Competences recorded"), str(now["gained"]), str(before["gained"])),
            ),
            url=reverse("competence:matrix"),
        )
    ]
