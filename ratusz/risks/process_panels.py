"""The process's risks and opportunities on its page (ISO 9001 4.4 f, 6.1)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import ProcessPanel
from ratusz.risks import policies
from ratusz.risks.models import Risk

SHOWN = 10  # the highest residual levels first; the register lists them all


@dataclass(frozen=True)
class RisksPanel:
    risks: list[Risk]
    more: bool  # more open risks than shown
    register_url: str


def panels(process, user) -> list[ProcessPanel]:
    """The open risks and opportunities of the process, highest residual level first: one query."""
    if not policies.can_view_risks(user):
        return []
    rows = list(
        Risk.objects.filter(process=process, status=Risk.Status.OPEN)
        .select_related("owner")
        .order_by("-residual_level", "-year", "-number")[: SHOWN + 1]
    )
    data = RisksPanel(
        risks=rows[:SHOWN],
        more=len(rows) > SHOWN,
        register_url=f"{reverse('risks:list')}?process={process.pk}",
    )
    return [
        ProcessPanel(
            key="risks",
            title=_("Risks and opportunities"),
            template="risks/_process_panel.html",
            data=data,
            order=10,
        )
    ]
