"""Filters of the audit lists: one FilterSet for each list, used by its page and its
API endpoint (the programme items and the findings are listed by the API only)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.audits.models import Audit
from ratusz.core.listing import ListFilterSet, SelectFilter, UnitFilter, staff_options
from ratusz.core.models import User
from ratusz.processes.models import Process

AUDITORS = User.objects.filter(auditor_profile__isnull=False).select_related("org_unit")


def year_options() -> list[tuple[str, str]]:
    """Next year and the ten before this one; the API takes any year."""
    this_year = timezone.localdate().year
    years = range(this_year + 1, this_year - 11, -1)
    return [("", _("All years")), *((str(y), str(y)) for y in years)]


class AuditFilter(ListFilterSet):
    year = django_filters.NumberFilter(label=_("Year"), widget=forms.Select(choices=year_options))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Audit.Status.choices, empty_label=_("Any")
    )
    unit = UnitFilter(label=_("Audited unit"), field_name="org_units", method="filter_unit")
    process = SelectFilter(
        label=_("Process"),
        queryset=Process.objects.order_by("code"),
        empty_label=_("All processes"),
    )
    auditor = SelectFilter(
        label=_("Auditor"),
        queryset=AUDITORS,
        empty_label=_("Anyone"),
        options=lambda: staff_options(AUDITORS),
        field_name="lead_auditor",
        method="filter_auditor",
    )

    def filter_unit(self, qs: QuerySet, name: str, value) -> QuerySet:
        audited = Audit.org_units.through.objects.filter(
            audit_id=OuterRef("pk"), orgunit_id__in=self.filters["unit"].subtree(value)
        )
        return qs.filter(Exists(audited))

    def filter_auditor(self, qs: QuerySet, name: str, value) -> QuerySet:
        in_team = Audit.team.through.objects.filter(audit_id=OuterRef("pk"), user_id=value.pk)
        return qs.filter(Q(lead_auditor=value) | Exists(in_team))


class ProgrammeItemFilter(ListFilterSet):
    year = django_filters.NumberFilter(label=_("Year"), field_name="programme__year")


class FindingFilter(ListFilterSet):
    audit = django_filters.NumberFilter(label=_("Audit"), field_name="audit")
