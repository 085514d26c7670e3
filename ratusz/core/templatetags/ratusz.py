"""Small template helpers for the shared UI pieces: status badges and deadlines."""

from __future__ import annotations

import functools
from datetime import date

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ratusz.core.tones import Tone

register = template.Library()

# Both tags below run for every row of long lists: they build their small
# piece of HTML directly instead of rendering a sub-template.


@functools.cache
def _choice_labels(model: type, field: str) -> dict:
    return dict(model._meta.get_field(field).flatchoices)


@register.filter
def choice_label(obj, field: str) -> str:
    """Like get_FOO_display, without rebuilding the choices on every call."""
    value = getattr(obj, field)
    return str(_choice_labels(type(obj), field).get(value, value))


@register.simple_tag
def status_badge(obj, field: str = "status") -> str:
    """The status's name on a badge toned as its model says (`STATUS_TONES`).

    A model may also say what its status alone does not (`status_note()`, e.g. a
    valid certificate about to expire): the badge then takes the note's tone and
    the note is written beside it."""
    value = getattr(obj, field)
    label = choice_label(obj, field)
    tone = getattr(type(obj), f"{field.upper()}_TONES", {}).get(value, Tone.MUTED)
    note_of = getattr(obj, f"{field}_note", None)
    note = note_of() if callable(note_of) else None
    badge = format_html(
        '<span class="badge badge-{}" data-status="{}">{}</span>',
        note[0] if note else tone,
        value,
        label,
    )
    if not note:
        return badge
    return format_html(
        '{} <strong class="status-note deadline-{}">{}</strong>', badge, note[0], note[1]
    )


@register.simple_tag
def deadline(due: date | None, open_: bool = True, warn_days: int = 7) -> str:
    """A due date with its distance in words, so state is never shown by colour alone.

    `warn_days`: how close the date is when it needs a look (a week for an action,
    longer for a certificate's expiry)."""
    if due is None:
        return "—"
    tone, text = _deadline_words(due, open_, warn_days)
    words = format_html(' <span class="deadline-text">({})</span>', text) if text else ""
    return format_html(
        '<span class="deadline deadline-{}"><time datetime="{}">{}</time>{}</span>',
        tone,
        due.isoformat(),
        date_format(due, "SHORT_DATE_FORMAT"),
        words,
    )


def _deadline_words(due: date, open_: bool, warn_days: int = 7) -> tuple[str, str]:
    today = timezone.localdate()
    days = (due - today).days
    if not open_:
        tone, text = "muted", ""
    elif days < 0:
        tone = "bad"
        text = ngettext("overdue by %(n)d day", "overdue by %(n)d days", -days) % {"n": -days}
    elif days == 0:
        tone, text = "warn", _("due today")
    elif days <= warn_days:
        tone = "warn"
        text = ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    else:
        tone = "ok"
        text = ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return tone, text


@register.simple_tag
def querystring_with(query: str, **kwargs) -> str:
    from django.http import QueryDict

    qd = QueryDict(query, mutable=True)
    for key, value in kwargs.items():
        qd[key] = value
    return qd.urlencode()


@register.simple_tag
def plain_select(bound_field) -> str:
    """A <select> for a bound form field, built in Python: a list filter's selects
    are on every list page, and Django's widget templates render each option as
    a template of its own."""
    current = bound_field.value()
    current = "" if current is None else str(current)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)  # noqa: S308
            for value, label in bound_field.field.widget.choices
        ),
    )
    if bound_field.errors:
        return format_html(
            '<select name="{}" id="{}" aria-invalid="true" aria-describedby="{}_error">{}</select>',
            bound_field.html_name,
            bound_field.auto_id,
            bound_field.auto_id,
            options,
        )
    return format_html(
        '<select name="{}" id="{}">{}</select>', bound_field.html_name, bound_field.auto_id, options
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key) if hasattr(mapping, "get") else key
