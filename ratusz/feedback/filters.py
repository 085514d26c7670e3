"""Filters of the register of submissions: one FilterSet for the page and the API."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.listing import FlagFilter, ListFilterSet, SortFilter, TextFilter, UnitFilter
from ratusz.feedback.models import Kind, Submission


class SubmissionFilter(ListFilterSet):
    q = TextFilter(label=_("Subject or content"), search_fields=("subject", "content"))
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, empty_label=_("All kinds")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("open", _("Open")), ("closed", _("Closed")), ("all", _("All"))],
        empty_label=None,
        method="filter_state",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Submission.Status.choices, empty_label=_("Any status")
    )
    unit = UnitFilter(label=_("Unit (with sub-units)"), field_name="org_unit")
    overdue = FlagFilter(label=_("Overdue"), method="filter_overdue")
    due_soon = FlagFilter(label=_("Due within 7 days"), method="filter_due_soon")
    missed = FlagFilter(label=_("Deadline missed without a delay notice"), method="filter_missed")
    mine = FlagFilter(label=_("Handled by me"), method="filter_mine")
    sort = SortFilter(
        columns={
            "number": ("year", "number"),
            "deadline": ("deadline",),
            "received": ("received_on",),
        },
        then=("-year", "-number"),
        choices=[
            ("-number", _("Newest first")),
            ("deadline", _("Deadline, soonest first")),
            ("received", _("Received, oldest first")),
        ],
    )

    defaults = {"state": "open"}

    def filter_state(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "open":
            return qs.filter(status__in=Submission.OPEN_STATUSES)
        if value == "closed":
            return qs.filter(status=Submission.Status.CLOSED)
        return qs

    def filter_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.overdue(timezone.localdate()) if value else qs

    def filter_due_soon(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        today = timezone.localdate()
        until = today + timedelta(days=settings.RATUSZ_DUE_SOON_DAYS)
        return qs.due_soon(today, until) if value else qs

    def filter_missed(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        return qs.missed_without_notice(timezone.localdate()) if value else qs

    def filter_mine(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        user = getattr(self.request, "user", None)
        return qs.filter(handler=user) if value and user is not None else qs
