"""The register of risks and opportunities in the evidence pack (6.1), as PDF."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.core.records import record_pdf, table_html
from ratusz.risks import selectors
from ratusz.risks.models import Risk


def _register_pdf(today: date) -> bytes:
    risks = selectors.with_treatments(
        Risk.objects.filter(status=Risk.Status.OPEN)
        .select_related("process", "org_unit", "owner")
        .order_by("-residual_level", "year", "number")
    )
    rows = (
        (
            r.reference,
            f"{r.title}\n{r.cause} → {r.event} → {r.effect}",
            r.get_kind_display(),
            r.get_category_display(),
            r.process.code if r.process else "—",
            r.org_unit.name,
            f"{r.inherent_level} ({r.inherent_likelihood}×{r.inherent_impact})",
            f"{r.residual_level} ({r.residual_likelihood}×{r.residual_impact})",
            r.appetite,
            r.get_response_display(),
            r.open_treatments,
            date_format(r.review_date, "SHORT_DATE_FORMAT"),
        )
        for r in risks
    )
    html = table_html(
        [
            _("Reference"),
            _("Risk: cause → event → effect"),
            _("Risk or opportunity"),
            _("Category"),
            _("Process"),
            _("Unit"),
            _("Inherent level"),
            _("Residual level"),
            _("Accepted level"),
            _("Response"),
            _("Open treatments"),
            _("Next review"),
        ],
        rows,
    )
    return record_pdf(_("Register of risks and opportunities"), html, today=today, landscape=True)


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    if not Risk.objects.filter(status=Risk.Status.OPEN).exists():
        return [EvidenceGap("6.1", _("Register of risks and opportunities"))]
    return [
        EvidenceItem(
            "6.1",
            _("Register of risks and opportunities"),
            "risks/register.pdf",
            lambda: _register_pdf(today),
        )
    ]
