"""The register's input to the management review (9.3.2 e): effectiveness of the
actions taken to address risks and opportunities in the period reviewed."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.risks import selectors


def inputs(start: date, end: date) -> list[ReviewInput]:
    now = selectors.treatment_effect(start, end)
    length = end - start
    before = selectors.treatment_effect(
        start - length - timedelta(days=1), start - timedelta(days=1)
    )
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
