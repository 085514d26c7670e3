"""The audits card on the dashboard: my upcoming audits, reports awaiting my
acknowledgement and, for the quality manager, this year's programme progress."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ratusz.audits import selectors
from ratusz.audits.models import Audit, ReportAcknowledgement
from ratusz.core import access


def card(user) -> dict:
    today = timezone.localdate()
    upcoming = (
        Audit.objects.filter(status__in=(Audit.Status.PLANNED, Audit.Status.IN_PROGRESS))
        .filter(Q(lead_auditor=user) | Q(team=user))
        .distinct()
        .order_by("planned_start")[:5]
    )
    units = Q(org_units__head=user)
    for path in access.managed_unit_paths(user):
        units |= Q(org_units__path__startswith=path)
    acked = ReportAcknowledgement.objects.filter(
        audit_id=OuterRef("pk"), org_unit__in=_my_units(user)
    )
    to_acknowledge = (
        Audit.objects.filter(units, status=Audit.Status.CLOSED)
        .filter(~Exists(acked))
        .distinct()
        .order_by("-report_issued_at")[:5]
    )
    is_qm = access.is_quality_manager(user)
    return {
        "template": "audits/_dashboard_card.html",
        "upcoming": list(upcoming),
        "to_acknowledge": list(to_acknowledge),
        "year": today.year,
        "is_qm": is_qm,
        "totals": selectors.programme_totals(today.year, today) if is_qm else None,
    }


def _my_units(user):
    from ratusz.core.models import OrgUnit

    units = Q(head=user)
    for path in access.managed_unit_paths(user):
        units |= Q(path__startswith=path)
    return OrgUnit.objects.filter(units).values("pk")
