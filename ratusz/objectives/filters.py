"""Filters of the objectives list and the KPI table: one FilterSet each, for the
pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import ListFilterSet, SortFilter, TextFilter, UnitFilter
from ratusz.objectives.models import Kpi, Objective


class ObjectiveFilter(ListFilterSet):
    q = TextFilter(label=_("Objective or description"), search_fields=("title", "description"))
    year = django_filters.NumberFilter(label=_("Year"), min_value=1990, max_value=2100)
    unit = UnitFilter(label=_("Unit (with sub-units)"), field_name="org_unit")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Objective.Status.choices, empty_label=_("Any status")
    )
    sort = SortFilter(
        columns={
            "year": ("year", "number"),
            "title": ("title",),
            "due": ("due_date",),
            "kpis": ("kpi_count",),
        },
        then=("-year", "number"),
        choices=[
            ("-year", _("Latest year first")),
            ("year", _("Earliest year first")),
            ("due", _("Due soonest")),
            ("kpis", _("Fewest KPIs")),
        ],
    )


class KpiFilter(ListFilterSet):
    q = TextFilter(label=_("What is measured"), search_fields=("name", "description"))
    year = django_filters.NumberFilter(
        label=_("Year of the objective"),
        field_name="objective__year",
        min_value=1990,
        max_value=2100,
    )
    objective = django_filters.NumberFilter(field_name="objective", label=_("Objective"))
    process = django_filters.NumberFilter(field_name="processes", label=_("Process"))
    frequency = django_filters.ChoiceFilter(
        label=_("Frequency"), choices=Kpi.Frequency.choices, empty_label=_("Any frequency")
    )
