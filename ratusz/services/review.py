"""Process performance and conformity of services (9.3.2 c3) for the management
review: the timeliness of cases in the period reviewed, beside the period before."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.services import figures
from ratusz.services.models import ServiceCard


def _share(value) -> str:
    return "—" if value is None else f"{number_format(value, 1)}%"


def _period(start: date, end: date) -> figures.Figures:
    return figures.total(first=start.replace(day=1), last=end.replace(day=1))


def inputs(start: date, end: date) -> list[ReviewInput]:
    length = end - start
    before_end = start - timedelta(days=1)
    now, then = _period(start, end), _period(before_end - length, before_end)
    by_card = figures.grouped("service_id", first=start.replace(day=1), last=end.replace(day=1))
    below = [
        card
        for card in ServiceCard.objects.filter(pk__in=[k for k in by_card if k]).order_by("number")
        if (share := by_card[card.pk].on_time_share) is not None and share < card.on_time_target
    ]
    if not now.settled and not then.settled:
        summary = _("No cases were imported for this period.")
    elif below:
        summary = _("Services below their on-time target: %(cards)s.") % {
            "cards": ", ".join(str(card) for card in below)
        }
    else:
        summary = _("Every service met its on-time target.")
    return [
        ReviewInput(
            topic=ReviewTopic.PROCESSES,
            title=_("Timeliness of cases (public services)"),
            summary=summary,
            figures=(
                ReviewFigure(_("Cases settled"), str(now.settled), str(then.settled)),
                ReviewFigure(
                    _("Settled on time"), _share(now.on_time_share), _share(then.on_time_share)
                ),
                ReviewFigure(
                    _("Late without a delay notice"),
                    str(now.late_unnotified),
                    str(then.late_unnotified),
                ),
                ReviewFigure(
                    _("Days taken, 90th percentile"),
                    str(now.p90_days if now.p90_days is not None else "—"),
                    str(then.p90_days if then.p90_days is not None else "—"),
                ),
            ),
            url=reverse("services:figures"),
        )
    ]
