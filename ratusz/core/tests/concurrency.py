"""Running the same work in several threads at once, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

# Concurrent writers are proven on PostgreSQL (the CI runs the suite there too).
# SQLite queues writers on the database file (IMMEDIATE transactions); the
# in-memory test database cannot hold two writing connections at once.
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need the PostgreSQL run"
)


def in_threads(count: int, work: Callable[[int], object]) -> tuple[list, list[BaseException]]:
    """Run `work(i)` in `count` threads at once, each on its own database connection."""
    start = threading.Barrier(count)
    results: list = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            start.wait()
            results.append(work(i))
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors
