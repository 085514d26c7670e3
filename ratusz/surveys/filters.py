"""Filters of the list of surveys: one FilterSet for the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import ListFilterSet, SortFilter, TextFilter
from ratusz.surveys.models import Response, Survey


class SurveyFilter(ListFilterSet):
    q = TextFilter(label=_("Title"), search_fields=("title",))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Survey.Status.choices, empty_label=_("All")
    )
    sort = SortFilter(
        columns={"opens": ("opens_on",), "title": ("title",)},
        then=("-pk",),
        choices=[
            ("-opens", _("Newest first")),
            ("opens", _("Oldest first")),
            ("title", _("Title")),
        ],
    )


class ResponseFilter(ListFilterSet):
    survey = django_filters.NumberFilter(label=_("Survey"), field_name="survey_id", min_value=1)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Response.Channel.choices)
