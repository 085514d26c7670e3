"""The public forms' per-address limits hold across workers and servers: they are
counted in the database, not in a process's memory."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from ratusz.feedback import limits
from ratusz.feedback.models import AddressCount, Submission
from ratusz.feedback.tests.test_pages import GOOD


def test_the_count_survives_a_worker_with_an_empty_cache(db, settings):
    settings.RATUSZ_FEEDBACK_SENDS_PER_HOUR = 2
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(2):
        assert client.post("/public/feedback/", GOOD).status_code == 200
        # Another gunicorn worker has a cache of its own: what it holds must not matter.
        cache.clear()
    response = client.post("/public/feedback/", GOOD)
    assert response.status_code == 429
    assert Submission.objects.count() == 2


def test_the_address_is_kept_only_as_a_keyed_hash(db):
    limits.count("send", "203.0.113.7")
    row = AddressCount.objects.get()
    assert "203.0.113.7" not in row.digest and len(row.digest) == 64
    assert limits.used("send", "203.0.113.7") == 1
    assert limits.used("send", "203.0.113.8") == 0
    assert limits.used("status", "203.0.113.7") == 0


def test_a_window_that_is_over_starts_again(db):
    for _ in range(3):
        limits.count("send", "203.0.113.7")
    AddressCount.objects.update(resets_at=timezone.now() - timedelta(seconds=1))
    assert limits.used("send", "203.0.113.7") == 0
    assert limits.count("send", "203.0.113.7") == 1
    assert AddressCount.objects.get().resets_at > timezone.now() + timedelta(minutes=59)


def test_the_daily_run_deletes_the_counters_of_past_windows(db):
    limits.count("send", "203.0.113.7")
    limits.count("send", "203.0.113.8")
    AddressCount.objects.filter(pk=AddressCount.objects.first().pk).update(
        resets_at=timezone.now() - timedelta(seconds=1)
    )
    assert limits.forget_expired() == 1
    assert AddressCount.objects.count() == 1


def test_residents_behind_the_trusted_proxy_are_counted_apart(db, settings):
    settings.RATUSZ_FEEDBACK_SENDS_PER_HOUR = 1
    first = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.post("/public/feedback/", GOOD).status_code == 200
    assert second.post("/public/feedback/", GOOD).status_code == 200
    assert first.post("/public/feedback/", GOOD).status_code == 429


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(db, settings):
    settings.RATUSZ_FEEDBACK_SENDS_PER_HOUR = 1
    # Straight from the internet: a made-up header must not buy a fresh allowance.
    peer = {"REMOTE_ADDR": "192.0.2.50", "HTTP_ACCEPT_LANGUAGE": "en"}
    assert (
        Client(**peer, HTTP_X_FORWARDED_FOR="10.0.0.1").post("/public/feedback/", GOOD).status_code
        == 200
    )
    assert (
        Client(**peer, HTTP_X_FORWARDED_FOR="10.0.0.2").post("/public/feedback/", GOOD).status_code
        == 429
    )
