"""Filters of the competence matrix and the trainings: one FilterSet each, for the
page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.competence import selectors
from ratusz.competence.models import Position, Training
from ratusz.core.listing import FlagFilter, ListFilterSet, SelectFilter, TextFilter, UnitFilter


class MatrixFilter(ListFilterSet):
    q = TextFilter(label=_("Name"), search_fields=("first_name", "last_name", "username"))
    unit = UnitFilter(label=_("Org unit (with sub-units)"), field_name="org_unit")
    position = SelectFilter(
        label=_("Position"),
        field_name="placement__position",
        queryset=Position.objects.select_related("org_unit").order_by("org_unit__path", "name"),
        empty_label=_("All positions"),
    )
    gaps = FlagFilter(label=_("Only people with gaps"), method="filter_gaps")
    expiring = FlagFilter(
        label=_("Only people with competences expiring within 90 days"), method="filter_expiring"
    )

    def filter_gaps(self, qs: QuerySet, name: str, value) -> QuerySet:
        return selectors.with_gaps(qs, timezone.localdate()) if value else qs

    def filter_expiring(self, qs: QuerySet, name: str, value) -> QuerySet:
        return selectors.with_expiring(qs, timezone.localdate()) if value else qs


class TrainingFilter(ListFilterSet):
    q = TextFilter(label=_("Topic or provider"), search_fields=("topic", "provider"))
    unit = UnitFilter(label=_("Organised for (with sub-units)"), field_name="org_unit")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Training.Status.choices, empty_label=_("Any")
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="held_on__year", min_value=1990, max_value=2100
    )
