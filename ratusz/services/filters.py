"""Filters of the service cards and the case register, for the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import ListFilterSet, TextFilter, UnitFilter
from ratusz.services.models import Case, LifeSituation, ServiceCard, Timeliness


class CardFilter(ListFilterSet):
    q = TextFilter(label=_("Number or name"), search_fields=("number", "name"))
    unit = UnitFilter(label=_("Responsible unit (with sub-units)"), field_name="org_unit")
    topic = django_filters.ChoiceFilter(
        label=_("Life situation"), choices=LifeSituation.choices, empty_label=_("All")
    )
    published = django_filters.BooleanFilter(label=_("Published"), field_name="is_published")

    class Meta:
        model = ServiceCard
        fields: list[str] = []


class CaseFilter(ListFilterSet):
    q = TextFilter(label=_("Case sign"), search_fields=("case_sign",))
    unit = UnitFilter(label=_("Unit (with sub-units)"), field_name="org_unit")
    service = django_filters.ModelChoiceFilter(
        label=_("Service"), queryset=ServiceCard.objects.order_by("number")
    )
    jrwa = django_filters.CharFilter(label=_("JRWA class"), max_length=20)
    timeliness = django_filters.ChoiceFilter(
        label=_("Timeliness"), choices=Timeliness.choices, empty_label=_("All")
    )
    started_from = django_filters.DateFilter(
        label=_("Started on or after"), field_name="started_on", lookup_expr="gte"
    )
    started_to = django_filters.DateFilter(
        label=_("Started on or before"), field_name="started_on", lookup_expr="lte"
    )

    class Meta:
        model = Case
        fields: list[str] = []
