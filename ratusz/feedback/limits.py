"""Per-address limits of the residents' forms (no third-party service).

Counted in the database, so that every gunicorn worker and every app server counts
together (a per-process cache would let each worker allow the full number). The
address comes from `core.auth.client_ip` (the trusted proxy's header behind one) and
is kept only as a keyed hash, in one row per kind and address that is reset when its
window has passed; the daily run deletes the rows of windows that are over.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ratusz.core.auth import client_ip
from ratusz.feedback import conf
from ratusz.feedback.models import AddressCount

WINDOW = timedelta(hours=1)


def client_address(request) -> str:
    return client_ip(request) or "unknown"


def _digest(kind: str, address: str) -> str:
    # Keyed: a plain hash of an IPv4 address is undone by hashing all four billion.
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{kind}|{address}".encode(), hashlib.sha256
    ).hexdigest()


def limit(kind: str) -> int:
    """How many requests of a kind ("send" or "status") an address may make an hour."""
    name = {"send": "RATUSZ_FEEDBACK_SENDS_PER_HOUR", "status": "RATUSZ_FEEDBACK_CHECKS_PER_HOUR"}
    return int(conf.get(name[kind]))


def used(kind: str, address: str) -> int:
    """Requests of `kind` counted from `address` in its current window."""
    counted = (
        AddressCount.objects.filter(
            kind=kind, digest=_digest(kind, address), resets_at__gt=timezone.now()
        )
        .values_list("count", flat=True)
        .first()
    )
    return counted or 0


def exceeded(kind: str, address: str) -> bool:
    return used(kind, address) >= limit(kind)


def count(kind: str, address: str) -> int:
    """Count one request of `kind` from `address`; returns the count in its window."""
    now = timezone.now()
    row = AddressCount.objects.filter(kind=kind, digest=_digest(kind, address))
    with transaction.atomic():
        # INSERT … ON CONFLICT DO NOTHING: concurrent first requests share one row.
        AddressCount.objects.bulk_create(
            [AddressCount(kind=kind, digest=_digest(kind, address), resets_at=now + WINDOW)],
            ignore_conflicts=True,
        )
        # A window that is over starts again; of two requests racing here, the second
        # finds the window already moved on and leaves the count alone.
        row.filter(resets_at__lte=now).update(count=0, resets_at=now + WINDOW)
        row.update(count=F("count") + 1)
        return row.values_list("count", flat=True).get()


def forget_expired(now=None) -> int:
    """Delete the counters of windows that are over; returns how many."""
    deleted, _by_model = AddressCount.objects.filter(resets_at__lte=now or timezone.now()).delete()
    return deleted
