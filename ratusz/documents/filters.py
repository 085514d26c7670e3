"""Filters of the document register: one FilterSet for the page and the API."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import ListFilterSet, SelectFilter, SortFilter, TextFilter, UnitFilter
from ratusz.core.models import Clause
from ratusz.documents.models import Confidentiality, DocumentType, RetentionCategory

REVIEW_SOON_DAYS = 30


def _polish() -> bool:
    return (get_language() or "").startswith("pl")


def type_options() -> list[tuple[int, str]]:
    return list(DocumentType.objects.values_list("pk", "name_pl" if _polish() else "name_en"))


def clause_options() -> list[tuple[int, str]]:
    rows = Clause.objects.values_list("pk", "number", "title_pl" if _polish() else "title_en")
    return [(pk, f"{number} {title}") for pk, number, title in rows]


class RegisterFilter(ListFilterSet):
    q = TextFilter(label=_("Number or title"), search_fields=("title", "number"))
    doc_type = SelectFilter(
        label=_("Type"),
        queryset=DocumentType.objects.all(),
        empty_label=_("All types"),
        options=type_options,
    )
    unit = UnitFilter(label=_("Owner unit"), field_name="owner_unit")
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("in_force", _("In force")),
            ("working", _("New version in preparation")),
            ("review_overdue", _("Periodic review overdue")),
            ("review_soon", _("Periodic review within 30 days")),
            ("withdrawn", _("Withdrawn")),
        ],
        empty_label=_("All"),
        method="filter_state",
    )
    confidentiality = django_filters.ChoiceFilter(
        label=_("Confidentiality"), choices=Confidentiality.choices, empty_label=_("Any")
    )
    retention = django_filters.ChoiceFilter(
        label=_("Retention"),
        field_name="retention_category",
        choices=RetentionCategory.choices,
        empty_label=_("Any"),
    )
    clause = SelectFilter(
        label=_("ISO clause"),
        field_name="clauses",
        queryset=Clause.objects.all(),
        empty_label=_("Any"),
        options=clause_options,
    )
    sort = SortFilter(
        columns={
            "number": ("number",),
            "title": ("title",),
            "type": ("doc_type__sort_order",),
            "unit": ("owner_unit__path",),
            "review": ("next_review_date",),
        },
        then=("number",),
        choices=[
            ("number", _("Number")),
            ("title", _("Title")),
            ("type", _("Type")),
            ("unit", _("Owner unit")),
            ("review", _("Next review")),
            ("-number", _("Number, descending")),
            ("-review", _("Next review, latest")),
        ],
    )

    def filter_state(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        if value == "in_force":
            return qs.filter(current_version__isnull=False)
        if value == "working":
            return qs.filter(has_working=True)
        if value == "review_overdue":
            return qs.filter(current_version__isnull=False, next_review_date__lt=today)
        if value == "review_soon":
            return qs.filter(
                current_version__isnull=False,
                next_review_date__gte=today,
                next_review_date__lte=today + timedelta(days=REVIEW_SOON_DAYS),
            )
        return qs.filter(withdrawn_at__isnull=False)
