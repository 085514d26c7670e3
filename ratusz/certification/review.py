"""External audit results and the certificate for the management review
(9.3.2 c6), beside the previous period's figures."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.certification.models import Certificate, ExternalAudit, ExternalFinding
from ratusz.core.plugins import ReviewFigure, ReviewInput, ReviewTopic
from ratusz.lib.review_periods import previous_period


def _figures(start: date, end: date) -> dict[str, str]:
    audits = ExternalAudit.objects.filter(
        status=ExternalAudit.Status.DONE, end_date__range=(start, end)
    )
    by_grade = dict.fromkeys(ExternalFinding.Grade.values, 0)
    for grade in ExternalFinding.objects.filter(audit__in=audits).values_list("grade", flat=True):
        by_grade[grade] += 1
    return {"audits": str(audits.count()), **{g: str(n) for g, n in by_grade.items()}}


def _certificate_summary(end: date) -> str:
    certificate = (
        Certificate.objects.select_related("body")
        .filter(issue_date__lte=end)
        .order_by("-issue_date")
        .first()
    )
    if certificate is None:
        return _("No certificate is recorded.")
    return _("Certificate %(number)s (%(body)s), %(status)s, valid until %(expiry)s.") % {
        "number": certificate.number,
        "body": certificate.body.short_name or certificate.body.name,
        "status": certificate.get_status_display().lower(),
        "expiry": date_format(certificate.expiry_date, "SHORT_DATE_FORMAT"),
    }


def inputs(start: date, end: date) -> list[ReviewInput]:
    now, then = _figures(start, end), _figures(*previous_period(start, end))
    labels = {
        "audits": _("External audits done"),
        **{grade: str(label) for grade, label in ExternalFinding.Grade.choices},
    }
    return [
        ReviewInput(
            topic=ReviewTopic.AUDITS,
            title=_("External audits and the certificate"),
            summary=_certificate_summary(end),
            figures=tuple(ReviewFigure(labels[k], now[k], then[k]) for k in labels),
            url=reverse("certification:overview"),
        )
    ]
