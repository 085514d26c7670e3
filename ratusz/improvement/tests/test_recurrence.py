"""A nonconformity on the same process and clause within 12 months is flagged as recurring."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.core.tests.factories import clause
from ratusz.improvement.tests.factories import open_nc, report


def test_a_second_nonconformity_on_the_same_clause_within_a_year_is_recurring(office):
    first = open_nc(office)
    second = open_nc(office, title="Znowu błędny adres")
    assert second.recurrence_of == first
    assert first.recurrence_of is None


def test_one_older_than_twelve_months_is_not_a_recurrence(office):
    today = timezone.localdate()
    report(
        office,
        source="internal_audit",
        grade="minor",
        clause=clause("8.5.1"),
        actor=office.auditor,
        owner=office.owner,
        detected_on=today - timedelta(days=400),
    )
    fresh = report(
        office,
        source="internal_audit",
        grade="minor",
        clause=clause("8.5.1"),
        actor=office.auditor,
        owner=office.owner,
    )
    assert fresh.recurrence_of is None


def test_the_list_flags_the_recurrence_and_links_the_earlier_one_and_filters_it(office, client_for):
    first = open_nc(office)
    second = open_nc(office, title="Znowu błędny adres")
    client = client_for(office.quality)
    html = client.get("/improvement/nonconformities/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Recurring" in html and f"/improvement/nonconformities/{first.pk}/" in html
    listed = client.get("/improvement/nonconformities/?recurring=on").context["page"].object_list
    assert list(listed) == [second]
    detail = client.get(
        f"/improvement/nonconformities/{second.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Recurring" in detail and first.reference in detail
