"""Filters of the process map: one FilterSet for the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.core.listing import ListFilterSet, SortFilter, TextFilter, UnitFilter
from ratusz.processes.models import Process


class ProcessFilter(ListFilterSet):
    q = TextFilter(
        label=_("Code, name or description"), search_fields=("code", "name", "description")
    )
    unit = UnitFilter(label=_("Owner unit (with sub-units)"), field_name="owner_unit")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Process.Kind.choices, empty_label=_("All kinds")
    )
    risk = django_filters.ChoiceFilter(
        label=_("Risk"), choices=Process.Risk.choices, empty_label=_("Any")
    )
    active = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))],
        empty_label=None,
        method="filter_active",
    )
    sort = SortFilter(
        columns={
            "code": ("code",),
            "name": ("name",),
            "unit": ("owner_unit__path",),
            "risk": ("risk",),
            # Never audited first: those are what the audit programme must catch up on.
            "last_audited": (F("last_audited").asc(nulls_first=True),),
            "open_nc": ("open_nc",),
        },
        then=("code",),
        choices=[
            ("code", _("Code")),
            ("name", pgettext_lazy("process", "Name")),
            ("unit", _("Owner unit")),
            ("-risk", _("Risk, highest first")),
            ("last_audited", _("Longest since audited")),
            ("-open_nc", _("Most open nonconformities")),
        ],
    )

    defaults = {"active": "active"}

    def filter_active(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "all":
            return qs
        return qs.filter(is_active=value == "active")
