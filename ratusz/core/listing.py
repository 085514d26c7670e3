"""The shape every filtered list shares: its filters (one FilterSet for the page and
the API), a page of rows, the query string without the page number (for pagination
links), and the results fragment alone when HTMX asks for it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import ClassVar

import django_filters
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import OrderBy, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import fields as dj_fields
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field

from ratusz.core import selectors
from ratusz.core.models import OrgUnit
from ratusz.lib import spreadsheet


def paginate(request: HttpRequest, rows, per_page: int) -> tuple[Page, str]:
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def list_template(request: HttpRequest, template: str, target: str) -> str:
    """The page, or only its `results` partial for an HTMX request aimed at `target`."""
    if request.htmx and request.htmx.target == target:
        return f"{template}#results"
    return template


def render_list(
    request: HttpRequest,
    filters: django_filters.FilterSet,
    template: str,
    *,
    target: str,
    per_page: int,
    **context,
) -> HttpResponse:
    """A filtered list page: the filter form, one page of rows and the query string for
    the paging links; only the `results` partial when HTMX asks for `target`."""
    page, query = paginate(request, filters.qs, per_page)
    return render(
        request,
        list_template(request, template, target),
        {"form": filters.form, "page": page, "query": query, **context},
    )


# --- filters ------------------------------------------------------------------------
#
# Each list has one FilterSet in its app's `filters.py`, used by the page and by the
# API (DjangoFilterBackend), so both honour the same parameters. The selector hands
# over only the rows the user may see, already in the list's default order; the
# filters narrow them down and `sort` reorders them.


def plain_choices(field: forms.ChoiceField, rows: Callable[[], Iterable[tuple]]) -> None:
    """Give a select plain (value, label) choices, read only when it is drawn.

    A list page draws its filter selects on every request, and a model field's
    iterator and Django's option templates are slow at that; the API validates the
    same fields but never draws them, so it never reads these rows."""
    empty = [] if getattr(field, "empty_label", None) is None else [("", field.empty_label)]
    field.widget.choices = lambda: [*empty, *rows()]


def unit_options() -> list[tuple[int, str]]:
    """The active org units as (pk, label), indented by their depth: one query."""
    rows = selectors.unit_choices().values_list("pk", "name", "path")
    return [(pk, f"{'— ' * max(path.count('/') - 1, 0)}{name}") for pk, name, path in rows]


def staff_options(users: QuerySet, limit: int | None = None) -> list[tuple[int, str]]:
    """People as (pk, "Name (unit code)"): one query, no model instances."""
    rows = users.values_list("pk", "first_name", "last_name", "username", "org_unit__code")
    options = []
    for pk, first, last, username, code in rows[:limit]:
        name = f"{first} {last}".strip() or username
        options.append((pk, f"{name} ({code})" if code else name))
    return options


class ListFilterSet(django_filters.FilterSet):
    """The filters of one list. `defaults` holds the value a parameter takes when the
    request leaves it out or blank; every select draws plain choices."""

    defaults: ClassVar[dict[str, str]] = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # Always bound, so that the defaults filter a page opened without parameters.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        for name, value in self.defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # A page marks the value it cannot use (the API refuses it) and lists as if
        # the parameter were left out.
        for name, value in self.defaults.items():
            if name in self.form.errors:
                self.form.cleaned_data[name] = self.form.fields[name].clean(value)
        return super().filter_queryset(queryset)

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            for name, field in super().form.fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    plain_choices(field, self._options(name, field))
        return self._form

    def _options(self, name: str, field: forms.ModelChoiceField) -> Callable[[], Iterable]:
        options = getattr(self.filters[name], "options", None)
        if isinstance(options, str):
            return getattr(self, options)
        if options is not None:
            return options
        return lambda: [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset]


class SelectFilter(django_filters.ModelChoiceFilter):
    """One row of `queryset`, picked from a select. `options` gives the select's
    (pk, label) rows: a callable, or the name of a method of the FilterSet; by default
    the queryset's rows as their str()."""

    def __init__(self, *args, options: Callable | str | None = None, **kwargs):
        self.options = options
        super().__init__(*args, **kwargs)


class UnitFilter(SelectFilter):
    """An org unit with all its sub-units; `field_name` is the row's unit."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", selectors.unit_choices())
        kwargs.setdefault("empty_label", _("All units"))
        kwargs.setdefault("options", unit_options)
        super().__init__(*args, **kwargs)
        self._subtrees: dict[int, list[int]] = {}

    def subtree(self, unit: OrgUnit) -> list[int]:
        """Ids of the unit and its sub-units, looked up once: the rows are then filtered
        on an indexed column (SQLite cannot use an index for LIKE)."""
        if unit.pk not in self._subtrees:
            self._subtrees[unit.pk] = selectors.subtree_ids([unit.path])
        return self._subtrees[unit.pk]

    def filter(self, qs: QuerySet, value) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__in": self.subtree(value)})


class TextFilter(django_filters.CharFilter):
    """Text found in any of `search_fields`, whatever the case."""

    def __init__(self, *args, search_fields: tuple[str, ...], **kwargs):
        self.search_fields = search_fields
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        found = Q()
        for name in self.search_fields:
            found |= Q(**{f"{name}__icontains": value})
        return qs.filter(found)


class TickedField(forms.BooleanField):
    """A checkbox that is either ticked (True) or not there at all (None)."""

    def to_python(self, value) -> bool | None:
        return super().to_python(value) or None


class FlagFilter(django_filters.Filter):
    """A checkbox: ticked, only the rows its `method` keeps; unticked, every row."""

    field_class = TickedField


class SortField(dj_fields.ChoiceField):
    """Offers some sort keys in the select and accepts every key of the list."""

    def __init__(self, *args, keys: list[str], **kwargs):
        self.keys = keys
        super().__init__(*args, **kwargs)

    def valid_value(self, value) -> bool:
        return value in self.keys


def _column(term) -> str | None:
    return term.lstrip("-") if isinstance(term, str) else None


def _descending(term):
    if isinstance(term, str):
        return term[1:] if term.startswith("-") else f"-{term}"
    if isinstance(term, OrderBy):
        return copy.copy(term).reverse_ordering()
    return term.desc()


class SortFilter(django_filters.ChoiceFilter):
    """The `sort` parameter of a list, one convention everywhere: a key names a column,
    `x` sorts by it ascending and `-x` descending, and rows that tie keep the list's
    `then` order either way. Without a key the rows keep the selector's default order.

    `columns` maps each key to its order_by terms; the select offers `choices` (keys
    with labels that say the direction), the API accepts `x` and `-x` of every column."""

    field_class = SortField

    def __init__(self, *args, columns: dict[str, tuple], then: tuple = (), **kwargs):
        self.orders: dict[str, tuple] = {}
        for key, terms in columns.items():
            named = {_column(term) for term in terms}
            ties = tuple(term for term in then if _column(term) not in named)
            self.orders[key] = (*terms, *ties)
            self.orders[f"-{key}"] = (*(_descending(term) for term in terms), *ties)
        assert all(key in self.orders for key, _label in kwargs["choices"])
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, keys=list(self.orders), **kwargs)
        extend_schema_field(
            {
                "type": "string",
                "enum": list(self.orders),
                "description": "A column, ascending; -column for descending.",
            }
        )(self)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        return qs.order_by(*self.orders[value]) if value else qs


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    """A spreadsheet as a download named `name`.xlsx."""
    response = HttpResponse(content, content_type=spreadsheet.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def export_name(what: str) -> str:
    """A register's export file name, with the day it was made."""
    return f"{what}-{timezone.localdate().isoformat()}"
