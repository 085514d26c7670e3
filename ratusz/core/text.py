"""One clean-up for the single-line text people enter: titles, names, labels.

It runs before every save of a Ratusz record, so forms, the API, the admin and
services all get it: bidirectional control characters (U+202E and the like)
are removed, as they only make a title read differently from what it is. A
required field left empty by the clean-up is refused with a message naming it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _

from ratusz.lib.text import strip_bidi_controls


def clean_single_line_fields(sender: type[models.Model], instance: models.Model, **kwargs: Any):
    if kwargs.get("raw") or not sender.__module__.startswith("ratusz."):
        return
    if getattr(sender, "keep_text_as_written", False):
        return
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.CharField) or field.choices:
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        cleaned = strip_bidi_controls(value)
        if cleaned == value:
            continue
        if not cleaned.strip() and not field.blank:
            raise ValidationError(
                {field.name: _("Enter text, not only direction control characters.")}
            )
        setattr(instance, field.attname, cleaned)


def connect_signals() -> None:
    pre_save.connect(clean_single_line_fields, dispatch_uid="ratusz_clean_single_line_fields")
