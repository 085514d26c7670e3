"""The objectives' part of the daily run (`ratusz remind`): computed KPIs get
their values for every period that has ended, and the people who measure the
other KPIs hear that a period is due — once per KPI and period."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.services import notify
from ratusz.lib import periods
from ratusz.objectives import selectors, services
from ratusz.objectives.models import Kpi, Objective

MESSAGES = {
    "kpi_measurement_due": _("KPI “%(name)s”: the measurement for %(period)s is due."),
}


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    live = Kpi.objects.filter(
        is_active=True, objective__status__in=Objective.LIVE_STATUSES
    ).select_related("objective__org_unit", "owner")
    computed = 0
    for kpi in live.exclude(source=""):
        computed += services.compute_due(kpi=kpi, today=today)
    reminded = 0
    for kpi in selectors.kpis_with_latest(live.filter(source="")):
        state = selectors.state_of(kpi, today)
        if not periods.is_complete(kpi.frequency, state.next_due, today):
            continue
        sent = notify(
            recipient=kpi.owner,
            kind="kpi_measurement_due",
            url=kpi.get_absolute_url(),
            params={"name": kpi.name, "period": state.next_label},
            dedupe_key=f"kpi_measurement_due:{kpi.pk}:{state.next_due}",
        )
        reminded += sent is not None
    return {"KPI periods computed": computed, "KPI measurements due": reminded}
