"""Filters of the contract register and the contractors: one FilterSet each, for the page
and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import FlagFilter, ListFilterSet, SortFilter, TextFilter, UnitFilter
from ratusz.suppliers.models import Contract


class ContractFilter(ListFilterSet):
    q = TextFilter(
        label=_("Number, subject or contractor"),
        search_fields=("reference", "subject", "contractor__name"),
    )
    unit = UnitFilter(label=_("Responsible unit (with sub-units)"), field_name="org_unit")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Contract.Status.choices, empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Contract.Kind.choices, empty_label=_("All kinds")
    )
    public = FlagFilter(label=_("Public investments only"), field_name="is_public")
    sort = SortFilter(
        columns={
            "number": ("year", "number", "pk"),
            "completion": ("planned_completion",),
            "value": ("value_gross",),
            "due": ("penalties_due",),
        },
        then=("-pk",),
        choices=[
            ("-number", _("Newest first")),
            ("completion", _("Completion, soonest first")),
            ("-value", _("Value, highest first")),
            ("-due", _("Penalties due, highest first")),
        ],
    )


class ContractorFilter(ListFilterSet):
    q = TextFilter(label=_("Name, NIP or category"), search_fields=("name", "nip", "categories"))
    not_recommended = FlagFilter(label=_("Not recommended only"), field_name="not_recommended")
