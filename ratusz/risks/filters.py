"""Filters of the register of risks and opportunities: one FilterSet for the page,
the heat map and the API."""

from __future__ import annotations

import django_filters
from django.core.validators import RegexValidator
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import (
    FlagFilter,
    ListFilterSet,
    SelectFilter,
    SortFilter,
    TextFilter,
    UnitFilter,
)
from ratusz.processes.models import Process
from ratusz.risks.models import ChangePlan, Risk

# A heat-map cell: inherent or residual, likelihood, impact ("r-3-4").
CELL = RegexValidator(r"^[ir]-\d{1,2}-\d{1,2}$", _("A cell is written r-3-4 or i-3-4."))


class HeatMapFilter(ListFilterSet):
    """What the heat map is drawn for: by unit, process, category and kind."""

    q = TextFilter(
        label=_("Title, cause, event or effect"),
        search_fields=("title", "cause", "event", "effect"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Risk or opportunity"), choices=Risk.Kind.choices, empty_label=_("Both")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Risk.Category.choices, empty_label=_("All categories")
    )
    unit = UnitFilter(label=_("Unit (with sub-units)"), field_name="org_unit")
    process = SelectFilter(
        label=_("Process"), queryset=Process.objects.filter(is_active=True), empty_label=_("Any")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*Risk.Status.choices, ("all", _("All"))],
        empty_label=None,
        method="filter_status",
    )

    defaults = {"status": Risk.Status.OPEN}

    def filter_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs if value == "all" else qs.filter(status=value)


class RiskFilter(HeatMapFilter):
    above = FlagFilter(label=_("Above the accepted level only"), method="filter_above")
    overdue = FlagFilter(label=_("Review overdue only"), method="filter_overdue")
    cell = django_filters.CharFilter(
        label=_("Heat-map cell"), validators=[CELL], max_length=7, method="filter_cell"
    )
    sort = SortFilter(
        columns={
            "number": ("year", "number"),
            "residual": ("residual_level",),
            "inherent": ("inherent_level",),
            "review": ("review_date",),
            "title": ("title",),
        },
        then=("-year", "-number"),
        choices=[
            ("-number", _("Newest first")),
            ("-residual", _("Residual level, highest first")),
            ("-inherent", _("Inherent level, highest first")),
            ("review", _("Next review, soonest first")),
            ("title", _("Title")),
        ],
    )

    def filter_above(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return qs
        return qs.filter(kind=Risk.Kind.RISK, residual_level__gt=F("appetite"))

    def filter_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.filter(review_date__lt=timezone.localdate()) if value else qs

    def filter_cell(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return qs
        basis, likelihood, impact = value.split("-")
        prefix = "inherent" if basis == "i" else "residual"
        return qs.filter(
            **{f"{prefix}_likelihood": int(likelihood), f"{prefix}_impact": int(impact)}
        )


class AssessmentFilter(ListFilterSet):
    risk = django_filters.NumberFilter(label=_("Risk"), field_name="risk_id", min_value=1)


class ChangeFilter(ListFilterSet):
    q = TextFilter(label=_("Change or purpose"), search_fields=("title", "purpose"))
    unit = UnitFilter(label=_("Unit (with sub-units)"), field_name="org_unit")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ChangePlan.Status.choices, empty_label=_("All")
    )
