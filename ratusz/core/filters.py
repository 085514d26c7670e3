"""Filters of the action tracker: one FilterSet for the page and the API."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors
from ratusz.core.listing import ListFilterSet, SelectFilter, TextFilter, UnitFilter, staff_options
from ratusz.core.models import User

STATUS_CHOICES = [
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("done", _("Awaiting effectiveness check")),
    ("closed", _("Closed")),
    ("cancelled", _("Cancelled")),
    ("all", _("All")),
]
OWNER_OPTIONS_PER_UNIT = 200


class ActionFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=None, method="filter_status"
    )
    unit = UnitFilter(label=_("Org unit"), field_name="org_unit")
    owner = SelectFilter(
        label=_("Owner"),
        queryset=selectors.staff_choices(),
        empty_label=_("Anyone"),
        options="owner_options",
    )
    q = TextFilter(label=_("Search"), search_fields=("title", "description"))

    defaults = {"status": "open"}

    def filter_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        today = timezone.localdate()
        if value == "open":
            return qs.open()
        if value == "overdue":
            return qs.overdue(today)
        if value == "due_soon":
            soon = today + timedelta(days=settings.RATUSZ_DUE_SOON_DAYS)
            return qs.open().filter(due_date__gte=today, due_date__lte=soon)
        if value == "all":
            return qs
        return qs.filter(status=value)

    def owner_options(self) -> list[tuple[int, str]]:
        """Me, the people of the chosen unit and whoever is chosen: a large office has a
        thousand people, too many for one select. Any staff member's id in the address
        is still accepted."""
        self.form.is_valid()
        data = self.form.cleaned_data
        options = []
        if unit := data.get("unit"):
            in_unit = selectors.staff_choices().filter(
                org_unit_id__in=self.filters["unit"].subtree(unit)
            )
            options = staff_options(in_unit, limit=OWNER_OPTIONS_PER_UNIT)
        wanted = {owner.pk} if (owner := data.get("owner")) else set()
        if self.request is not None and self.request.user.is_authenticated:
            wanted.add(self.request.user.pk)
        shown = {pk for pk, _label in options}
        wanted -= shown
        if wanted:
            options += staff_options(User.objects.filter(pk__in=wanted))
        return options


class ActionApiFilter(ActionFilter):
    """The API lists actions of every status unless asked for one, as it always has."""

    defaults = {}
