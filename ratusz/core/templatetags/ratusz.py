"""Small template helpers for the shared UI pieces: status badges and deadlines."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

STATUS_TONES = {
    "open": "info",
    "in_progress": "info",
    "done": "warn",
    "closed": "ok",
    "cancelled": "muted",
    "overdue": "bad",
    "valid": "ok",
    "suspended": "warn",
    "withdrawn": "bad",
    "expired": "bad",
    "planned": "info",
}


@register.inclusion_tag("core/includes/status_badge.html")
def status_badge(obj, field: str = "status"):
    value = getattr(obj, field)
    label = getattr(obj, f"get_{field}_display")()
    return {"tone": STATUS_TONES.get(value, "muted"), "label": label, "value": value}


@register.inclusion_tag("core/includes/deadline.html")
def deadline(due: date | None, open_: bool = True):
    """A due date with its distance in words, so state is never shown by colour alone."""
    if due is None:
        return {"due": None}
    today = timezone.localdate()
    days = (due - today).days
    if not open_:
        tone, text = "muted", ""
    elif days < 0:
        tone = "bad"
        text = ngettext("overdue by %(n)d day", "overdue by %(n)d days", -days) % {"n": -days}
    elif days == 0:
        tone, text = "warn", _("due today")
    elif days <= 7:
        tone = "warn"
        text = ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    else:
        tone = "ok"
        text = ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return {"due": due, "tone": tone, "text": text}


@register.filter
def nav_active(path: str, href: str) -> bool:
    if href == "/":
        return path == "/"
    return path.startswith(href)


@register.simple_tag
def querystring_with(query: str, **kwargs) -> str:
    from django.http import QueryDict

    qd = QueryDict(query, mutable=True)
    for key, value in kwargs.items():
        qd[key] = value
    return qd.urlencode()


@register.simple_tag
def changed_fields(event) -> list[dict]:
    """The fields an audit event changed, with their names in the reader's language."""
    from django.apps import apps

    try:
        model = apps.get_model(event.model_label)
    except (LookupError, ValueError):
        model = None
    by_attname = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    rows = []
    for name, pair in (event.changes.get("fields") or {}).items():
        field = by_attname.get(name)
        label = str(field.verbose_name) if field is not None else name
        rows.append({"label": label, "before": pair[0], "after": pair[1]})
    return rows
