"""Nonconformity and idea numbers stay unique and without gaps when many people save at once."""

from __future__ import annotations

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import Client

from ratusz.core.models import NumberSeries
from ratusz.core.tests.concurrency import in_threads, on_postgresql
from ratusz.improvement import services
from ratusz.improvement.models import Idea, Nonconformity
from ratusz.improvement.tests.factories import report


def test_nonconformity_numbers_follow_each_other_within_a_year(office):
    first = report(office, detected_on=date(2025, 3, 1))
    second = report(office, detected_on=date(2025, 3, 2))
    next_year = report(office, detected_on=date(2026, 1, 2))

    assert [first.reference, second.reference] == ["NC/2025/0001", "NC/2025/0002"]
    assert next_year.reference == "NC/2026/0001"


def test_a_nonconformity_that_fails_to_save_leaves_no_gap(office):
    report(office, detected_on=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        report(office, detected_on=date(2026, 3, 1), title="")

    assert report(office, detected_on=date(2026, 3, 3)).number == 2


def test_an_office_upgraded_with_numbered_records_continues_after_the_highest(office):
    # Records numbered before the counters existed: the migration starts each
    # series where its register stands.
    kept = report(office, detected_on=date(2026, 3, 1))
    Nonconformity.objects.filter(pk=kept.pk).update(number=41)
    NumberSeries.objects.all().delete()
    start_series = import_module("ratusz.improvement.migrations.0004_number_series").start_series

    start_series(django_apps, None)

    assert report(office, detected_on=date(2026, 4, 1)).reference == "NC/2026/0042"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_sixteen_people_reporting_at_once_get_distinct_numbers_without_gaps(office):
    def raise_one(i: int) -> str:
        nc = services.raise_nonconformity(
            actor=office.quality,
            title=f"Zgłoszenie {i}",
            description="Równoczesne zgłoszenie.",
            source="staff_report",
            org_unit=office.civil,
        )
        return nc.reference

    references, errors = in_threads(16, raise_one)

    assert errors == []
    numbers = sorted(Nonconformity.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 17)) and len(set(references)) == 16


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_parallel_api_reports_are_all_created_with_consecutive_numbers(office):
    def post(i: int) -> int:
        client = Client()
        client.force_login(office.employee, backend="ratusz.core.auth.RatuszBackend")
        response = client.post(
            "/api/v1/nonconformities/",
            {"title": f"Zgłoszenie {i}", "description": "Opis", "org_unit": office.civil.pk},
            content_type="application/json",
        )
        return response.status_code

    statuses, errors = in_threads(8, post)

    assert errors == [] and statuses == [201] * 8
    assert sorted(Nonconformity.objects.values_list("number", flat=True)) == list(range(1, 9))


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_ideas_submitted_at_once_get_distinct_numbers(office):
    def submit(i: int) -> int:
        return services.submit_idea(
            actor=office.employee, title=f"Pomysł {i}", description="Opis"
        ).number

    numbers, errors = in_threads(12, submit)

    assert errors == [] and sorted(numbers) == list(range(1, 13))
    assert Idea.objects.count() == 12
