"""The process's KPIs on its page (ISO 9001 4.4 c, 9.1.1)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core.plugins import ProcessPanel
from ratusz.objectives import policies, selectors
from ratusz.objectives.selectors import KpiState

SHOWN = 20


@dataclass(frozen=True)
class KpisPanel:
    kpis: list[KpiState]
    more: bool


def panels(process, user) -> list[ProcessPanel]:
    """The active KPIs measuring the process, with where each stands: one query."""
    if not policies.can_view_objectives(user):
        return []
    states = selectors.kpis_of_process(process, today=timezone.localdate())
    return [
        ProcessPanel(
            key="kpis",
            title=_("KPIs of the process"),
            template="objectives/_process_panel.html",
            data=KpisPanel(kpis=states[:SHOWN], more=len(states) > SHOWN),
            order=20,
        )
    ]
