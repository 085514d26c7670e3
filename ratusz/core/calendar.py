"""iCalendar feeds: a person's audits, deadlines and due actions, and the office's
external audits, at a secret address that the person can revoke.

Areas add events through an optional `calendar.py` module (found like the other
plug-in modules) with `personal(user)` and/or `office()` returning `Event`s
(`core/plugins.py`).
Everything is an all-day event: deadlines and audit days, not meetings.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent

from ratusz.core import access
from ratusz.core.models import Action, CalendarFeed, User
from ratusz.core.plugins import Event, area_modules

PRODID = "-//Ratusz//QMS calendar//EN"


def feed_token(user: User) -> str:
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed.token if feed else reset_feed(user)


@transaction.atomic
def reset_feed(user: User) -> str:
    """Give the person a new secret address; the old one stops working at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": token, "created_at": timezone.now()}
    )
    return token


def owner_of(token: str) -> User | None:
    """The active member of staff the token belongs to, or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None:
        return None
    user = feed.user
    if not access.can_view_directory(user):  # inactive, expired or an external auditor
        return None
    return user


def _action_events(user: User) -> Iterable[Event]:
    for action in Action.objects.open().filter(owner=user).order_by("due_date")[:500]:
        yield Event(
            uid=f"action-{action.pk}",
            summary=f"{action.reference} {action.title}",
            start=action.due_date,
            description=action.description,
            path=action.get_absolute_url(),
        )


def personal_events(user: User) -> list[Event]:
    events = list(_action_events(user))
    for _label, module in area_modules("calendar"):
        if hasattr(module, "personal"):
            events.extend(module.personal(user))
    return events


def office_events() -> list[Event]:
    events: list[Event] = []
    for _label, module in area_modules("calendar"):
        if hasattr(module, "office"):
            events.extend(module.office())
    return events


def to_ics(events: Iterable[Event], name: str, *, base_url: str | None = None) -> bytes:
    """The events as iCalendar; links point to `base_url` (the address the feed was
    fetched at), or to SITE_URL when there is no request."""
    base = (base_url or settings.SITE_URL).rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "ratusz"
    stamp = timezone.now()
    for event in events:
        if (event.end or event.start) >= date.max:
            continue  # a date no calendar can end (stored before dates were checked)
        item = ICalEvent()
        item.add("uid", f"{event.uid}@{host}")
        item.add("dtstamp", stamp)
        item.add("summary", event.summary)
        item.add("dtstart", event.start)
        # DTEND of an all-day event is exclusive (RFC 5545 3.6.1).
        item.add("dtend", (event.end or event.start) + timedelta(days=1))
        if event.description:
            item.add("description", event.description)
        if event.path:
            item.add("url", f"{base}{event.path}")
        calendar.add_component(item)
    return calendar.to_ical()
