"""Filters of the context registers: one FilterSet each for the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.context.models import ContextIssue, InterestedParty
from ratusz.core.listing import ListFilterSet, SortFilter, TextFilter

STATE = [("active", _("Current")), ("inactive", _("No longer current")), ("all", _("All"))]


class IssueFilter(ListFilterSet):
    q = TextFilter(
        label=_("Issue, description or effect"),
        search_fields=("title", "description", "effect", "source"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ContextIssue.Kind.choices, empty_label=_("Internal and external")
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=ContextIssue.Category.choices, empty_label=_("All categories")
    )
    due = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=[("overdue", _("Review overdue"))],
        empty_label=_("Any"),
        method="filter_due",
    )
    active = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE, empty_label=None, method="filter_active"
    )
    sort = SortFilter(
        columns={"title": ("title",), "category": ("category",), "review": ("review_date",)},
        then=("title",),
        choices=[
            ("category", _("Category")),
            ("title", _("Issue")),
            ("review", _("Next review, soonest first")),
        ],
    )

    defaults = {"active": "active"}

    def filter_due(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(review_date__lt=timezone.localdate()) if value == "overdue" else qs

    def filter_active(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "all":
            return qs
        return qs.filter(is_active=value == "active")


class PartyFilter(ListFilterSet):
    q = TextFilter(label=_("Name or description"), search_fields=("name", "description"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=InterestedParty.Kind.choices,
        empty_label=_("Internal and external"),
    )
    active = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE, empty_label=None, method="filter_active"
    )

    defaults = {"active": "active"}

    def filter_active(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "all":
            return qs
        return qs.filter(is_active=value == "active")
