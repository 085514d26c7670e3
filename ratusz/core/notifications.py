"""How each kind of notification reads, in the reader's language."""

from __future__ import annotations

import contextlib
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import Notification

MESSAGES = {
    "action_assigned": _("%(by)s assigned you action %(ref)s: %(title)s"),
    "action_reopened": _("Action %(ref)s was found not effective and is back with you: %(title)s"),
    "action_due_soon": _("Action %(ref)s is due on %(due)s: %(title)s"),
    "action_overdue": _("Action %(ref)s is overdue since %(due)s: %(title)s"),
    "action_overdue_escalated": _(
        "Action %(ref)s of %(owner)s in your unit is overdue since %(due)s: %(title)s"
    ),
}


def register(kind: str, template) -> None:
    """Areas add their kinds of notification (a lazily translated %-template)."""
    MESSAGES[kind] = template


def render(notification: Notification) -> str:
    template = MESSAGES.get(notification.kind)
    if template is None:
        return notification.kind
    params = dict(notification.params)
    if "due" in params:  # dates are stored as ISO and shown in the reader's locale
        with contextlib.suppress(TypeError, ValueError):
            params["due"] = date_format(date.fromisoformat(params["due"]), "SHORT_DATE_FORMAT")
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
