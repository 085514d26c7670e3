"""Per-address limits of the residents' forms, kept in Django's cache (no third-party
service). With several app servers, configure a shared cache (e.g. the database cache)
so that they count together."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from ratusz.feedback import conf


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(kind: str, address: str) -> str:
    # The address is not kept as such, only as a hash for the length of the window.
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"ratusz:feedback:{kind}:{digest}"


def limit(kind: str) -> tuple[int, int]:
    """(how many, in how many seconds) for a kind of request: "send" or "status"."""
    name = {"send": "RATUSZ_FEEDBACK_SENDS_PER_HOUR", "status": "RATUSZ_FEEDBACK_CHECKS_PER_HOUR"}
    return int(conf.get(name[kind])), 3600


def exceeded(kind: str, address: str) -> bool:
    count, _window = limit(kind)
    return int(cache.get(_key(kind, address), 0)) >= count


def count(kind: str, address: str) -> None:
    _count, window = limit(kind)
    key = _key(kind, address)
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
