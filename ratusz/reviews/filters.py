"""Filters of the review list: one FilterSet for the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import ListFilterSet, SortFilter
from ratusz.reviews.models import Review


class ReviewFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Review.Status.choices, empty_label=_("Any status")
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")
    sort = SortFilter(
        columns={"date": ("planned_date",)},
        then=("id",),
        choices=[("-date", _("Newest first")), ("date", _("Oldest first"))],
    )

    class Meta:
        model = Review
        fields: list[str] = []
