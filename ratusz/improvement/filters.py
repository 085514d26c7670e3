"""Filters of the nonconformity register and the ideas: one FilterSet for each list,
used by its page and its API endpoint."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.core.listing import (
    FlagFilter,
    ListFilterSet,
    SelectFilter,
    SortFilter,
    TextFilter,
    UnitFilter,
)
from ratusz.core.models import Clause
from ratusz.improvement.models import Idea, Nonconformity, Source
from ratusz.processes.models import Process


class NcFilter(ListFilterSet):
    q = TextFilter(label=_("Text"), search_fields=("title", "description"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("All open")), *Nonconformity.Status.choices],
        empty_label=_("All"),
        method="filter_status",
    )
    unit = UnitFilter(label=_("Unit"), field_name="org_unit")
    process = SelectFilter(
        label=_("Process"), queryset=Process.objects.filter(is_active=True), empty_label=_("Any")
    )
    clause = SelectFilter(
        label=_("ISO clause"),
        queryset=Clause.objects.filter(applicable=True),
        empty_label=_("Any"),
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=Source.choices, empty_label=_("Any")
    )
    grade = django_filters.ChoiceFilter(
        label=_("Grade"), choices=Nonconformity.Grade.choices, empty_label=_("Any")
    )
    overdue = FlagFilter(label=_("Overdue only"), method="filter_overdue")
    recurring = FlagFilter(label=_("Recurring only"), method="filter_recurring")
    sort = SortFilter(
        columns={
            "number": ("year", "number"),
            "detected": ("detected_on",),
            "target": ("target_date",),
            "unit": ("org_unit__path",),
            "status": ("status",),
        },
        then=("-year", "-number"),
        choices=[
            ("-number", _("Number, newest first")),
            ("number", _("Number, oldest first")),
            ("-detected", _("Detected, latest first")),
            ("detected", _("Detected, earliest first")),
            ("target", _("Target date, earliest first")),
            ("-target", _("Target date, latest first")),
            ("unit", _("Unit")),
            ("status", pgettext_lazy("sort", "Status")),
        ],
    )

    def filter_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.open() if value == "open" else qs.filter(status=value)

    def filter_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.overdue(timezone.localdate())

    def filter_recurring(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.filter(recurrence_of__isnull=False)


class IdeaFilter(ListFilterSet):
    q = TextFilter(label=_("Text"), search_fields=("title", "description"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("All open")), *Idea.Status.choices],
        empty_label=_("All"),
        method="filter_status",
    )
    unit = UnitFilter(label=_("Unit"), field_name="org_unit")

    def filter_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return qs.filter(status__in=Idea.OPEN_STATUSES)
        return qs.filter(status=value)
