"""Customer satisfaction and feedback from residents (9.3.2 c1) for the management
review: submissions in the period reviewed, beside the period before."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.feedback import selectors
from ratusz.feedback.models import Kind, Submission


def _share(value) -> str:
    return "—" if value is None else f"{number_format(value, 1)}%"


def inputs(start: date, end: date) -> list[ReviewInput]:
    length = end - start
    before_end = start - timedelta(days=1)
    before_start = before_end - length
    now = selectors.totals(start=start, end=end)
    then = selectors.totals(start=before_start, end=before_end)
    complaints = selectors.totals(start=start, end=end, kinds=(Kind.COMPLAINT,))
    complaints_then = selectors.totals(start=before_start, end=before_end, kinds=(Kind.COMPLAINT,))
    top = (
        Submission.objects.filter(received_on__range=(start, end), org_unit__isnull=False)
        .values("org_unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n")[:3]
    )
    if not now.received and not then.received:
        summary = _("No residents' submissions in this period.")
    else:
        summary = _("Units most written about: %(units)s.") % {
            "units": ", ".join(f"{row['org_unit__name']} ({row['n']})" for row in top) or "—"
        }
    return [
        ReviewInput(
            topic=ReviewTopic.SATISFACTION,
            title=_("Residents' complaints, motions and requests"),
            summary=summary,
            figures=(
                ReviewFigure(_("Submissions received"), str(now.received), str(then.received)),
                ReviewFigure(
                    _("Complaints received"),
                    str(complaints.received),
                    str(complaints_then.received),
                ),
                ReviewFigure(
                    _("Answered on time"), _share(now.on_time_share), _share(then.on_time_share)
                ),
                ReviewFigure(
                    _("Complaints found justified"),
                    _share(complaints.justified_share),
                    _share(complaints_then.justified_share),
                ),
            ),
            url=reverse("feedback:statistics"),
        )
    ]
