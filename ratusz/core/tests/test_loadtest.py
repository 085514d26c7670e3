"""The load test's verdict: what was acknowledged must be in the database, once."""

from __future__ import annotations

from ratusz.core.loadtest import Tally, check_records
from ratusz.improvement.tests.factories import report


def test_a_record_acknowledged_and_stored_is_neither_lost_nor_a_collision(office):
    nc = report(office)
    tally = Tally(created={"nonconformity": {nc.pk: nc.reference}})

    assert check_records(tally) == ([], [])


def test_an_acknowledged_record_missing_from_the_database_is_counted_as_lost(office):
    nc = report(office)
    tally = Tally(created={"nonconformity": {nc.pk: nc.reference, nc.pk + 1000: "NC/2026/9999"}})

    lost, _collisions = check_records(tally)

    assert lost == [f"nonconformity #{nc.pk + 1000} (NC/2026/9999)"]


def test_two_records_acknowledged_with_one_reference_are_a_collision(office):
    first, second = report(office), report(office)
    tally = Tally(
        created={"nonconformity": {first.pk: first.reference, second.pk: first.reference}}
    )

    lost, collisions = check_records(tally)

    assert collisions == [f"nonconformity {first.reference} × 2"]
    assert lost == [f"nonconformity #{second.pk} ({first.reference})"]
