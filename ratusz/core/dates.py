"""The range of dates Ratusz accepts: from 1990 to 2100.

Every date a person types (a form field, an API field, a list or statistics filter)
is checked against it in one place, `install()`, called when the core area starts: it
gives Django's and DRF's date and date-time fields the validator below, so the
model forms, the serializers and the FilterSets (whose date filters use Django's
form fields) all refuse a date such as 9999-12-31 with a message on the field,
instead of storing it and failing later (a calendar feed cannot end an all-day
event after the year 9999, a statistics period cannot count its months).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


def plausible_date(value: date | datetime | None) -> None:
    """Refuse a date before 1990 or after 2100."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )


def install() -> None:
    """Give every date field of forms, filters and serializers the plausible range."""
    for field_class in (
        forms.DateField,
        forms.DateTimeField,
        serializers.DateField,
        serializers.DateTimeField,
    ):
        validators = list(field_class.default_validators)
        if plausible_date not in validators:
            field_class.default_validators = [*validators, plausible_date]


# --- days of date-time columns ------------------------------------------------------
# `created_at__date__lte=end` casts every row's date-time to a date: no index serves it,
# and on SQLite it is a Python call per row (seconds over 100,000 actions). These
# compare the column with the day's first instant in the current time zone instead,
# which means the same and uses the column's index.


def day_start(day: date) -> datetime:
    """The first instant of `day` in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def on_days(field: str, first: date, last: date) -> Q:
    """`field` (a date-time) falls on a day from `first` to `last`, both included."""
    return Q(
        **{f"{field}__gte": day_start(first), f"{field}__lt": day_start(last + timedelta(days=1))}
    )


def by_end_of(field: str, day: date) -> Q:
    """`field` (a date-time) falls on `day` or earlier."""
    return Q(**{f"{field}__lt": day_start(day + timedelta(days=1))})


def after_day(field: str, day: date) -> Q:
    """`field` (a date-time) falls after `day`."""
    return Q(**{f"{field}__gte": day_start(day + timedelta(days=1))})
