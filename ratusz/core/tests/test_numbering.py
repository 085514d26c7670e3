"""Register numbers: one counter per series, unique and without gaps under concurrency."""

from __future__ import annotations

import pytest
from django.db import transaction

from ratusz.core.models import NumberSeries
from ratusz.core.services import give_back_number, take_number
from ratusz.core.tests.concurrency import in_threads, on_postgresql


@pytest.mark.django_db
def test_numbers_run_from_one_in_each_series_on_their_own():
    with transaction.atomic():
        taken = [take_number("idea:2026"), take_number("idea:2026"), take_number("audit:2026")]

    assert taken == [1, 2, 1]
    assert NumberSeries.objects.get(key="idea:2026").last == 2


@pytest.mark.django_db
def test_a_rolled_back_save_gives_its_number_back():
    with transaction.atomic():
        take_number("idea:2026")
    with pytest.raises(RuntimeError), transaction.atomic():
        take_number("idea:2026")
        raise RuntimeError("the record failed to save")
    with transaction.atomic():
        assert take_number("idea:2026") == 2


@pytest.mark.django_db
def test_a_number_is_given_back_only_while_no_later_record_took_one():
    with transaction.atomic():
        first, second = take_number("audit:2026"), take_number("audit:2026")
        assert not give_back_number("audit:2026", first)
        assert give_back_number("audit:2026", second)

    with transaction.atomic():
        assert take_number("audit:2026") == 2


def test_a_number_cannot_be_taken_outside_the_saving_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        take_number("idea:2026")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_writers_starting_a_new_series_at_once_get_one_number_each():
    def take(_i: int) -> int:
        with transaction.atomic():
            return take_number("nonconformity:2031")

    numbers, errors = in_threads(20, take)

    assert errors == []
    assert sorted(numbers) == list(range(1, 21))
