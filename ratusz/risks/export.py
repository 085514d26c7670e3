"""The register of risks and opportunities as a spreadsheet and as PDF tables."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ratusz.lib.spreadsheet import table
from ratusz.risks.models import Risk


def headers() -> list[str]:
    return [
        _("Reference"),
        _("Title"),
        _("Risk or opportunity"),
        _("Category"),
        _("Cause"),
        _("Event"),
        _("Effect"),
        _("Process"),
        _("Unit"),
        _("Owner"),
        _("Inherent level"),
        _("Residual level"),
        _("Accepted level"),
        _("Response"),
        _("Open treatments"),
        _("Next review"),
        _("Status"),
    ]


def rows(risks: Iterable[Risk]) -> Iterable[list]:
    for r in risks:
        yield [
            r.reference,
            r.title,
            r.get_kind_display(),
            r.get_category_display(),
            r.cause,
            r.event,
            r.effect,
            str(r.process) if r.process else "",
            r.org_unit.name,
            str(r.owner),
            f"{r.inherent_level} ({r.inherent_likelihood} × {r.inherent_impact})",
            f"{r.residual_level} ({r.residual_likelihood} × {r.residual_impact})",
            r.appetite,
            r.get_response_display(),
            getattr(r, "open_treatments", ""),
            r.review_date,
            r.get_status_display(),
        ]


def register_xlsx(risks: Iterable[Risk]) -> bytes:
    return table(_("Risks and opportunities"), headers(), rows(risks))
