"""The document register's KPI source: share of reviews done on time."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ratusz.documents.kpi import SOURCES, documents_reviewed_on_time
from ratusz.documents.models import Document, PeriodicReview
from ratusz.documents.tests.factories import bring_into_force, make_document

WARSAW = ZoneInfo("Europe/Warsaw")


def _in_force_on(office, title, effective: date, months: int = 12, unit=None) -> Document:
    extra = {"owner_unit": unit, "actor": office.quality} if unit else {}
    document = make_document(office, title=title, **extra)
    version = bring_into_force(office, document)
    # ORM: a version that came into force on a past day, reviewed every `months`.
    type(version).objects.filter(pk=version.pk).update(effective_date=effective)
    Document.objects.filter(pk=document.pk).update(review_interval_months=months)
    return document


def _reviewed(office, document, day: date, next_due: date | None) -> None:
    review = PeriodicReview.objects.create(
        document=document, reviewed_by=office.quality, notes="Bez zmian", next_review_date=next_due
    )
    # ORM: reviewed_at is stamped with now; the review happened on `day`.
    PeriodicReview.objects.filter(pk=review.pk).update(
        reviewed_at=datetime(day.year, day.month, day.day, 12, tzinfo=WARSAW)
    )


def test_reviews_due_in_the_period_count_as_on_time_when_done_by_their_date(office):
    on_time = _in_force_on(office, "Terminowa", date(2025, 3, 10))  # due 2026-03-10
    _reviewed(office, on_time, date(2026, 3, 1), date(2027, 3, 1))
    late = _in_force_on(office, "Spóźniona", date(2025, 3, 20))  # due 2026-03-20
    _reviewed(office, late, date(2026, 4, 2), date(2027, 4, 2))
    _in_force_on(office, "Nieprzejrzana", date(2025, 3, 25))  # due 2026-03-25, never reviewed
    _in_force_on(office, "Kwietniowa", date(2025, 4, 5))  # due in April: not counted
    assert documents_reviewed_on_time(start=date(2026, 3, 1), end=date(2026, 3, 31)) == Decimal(
        "33.3"
    )
    # The review of 2 April made the next one due in April 2027.
    assert documents_reviewed_on_time(start=date(2027, 4, 1), end=date(2027, 4, 30)) == Decimal(
        "0.0"
    )


def test_a_withdrawn_document_is_not_due_and_an_empty_period_is_not_measured(office):
    gone = _in_force_on(office, "Wycofana", date(2025, 3, 10))
    Document.objects.filter(pk=gone.pk).update(withdrawn_at=datetime(2026, 1, 5, tzinfo=WARSAW))
    assert documents_reviewed_on_time(start=date(2026, 3, 1), end=date(2026, 3, 31)) is None


def test_the_measure_is_limited_to_the_unit(office):
    _in_force_on(office, "Transport", date(2025, 3, 10), unit=office.transport)
    assert (
        documents_reviewed_on_time(
            start=date(2026, 3, 1), end=date(2026, 3, 31), org_unit=office.civil
        )
        is None
    )
    assert documents_reviewed_on_time(
        start=date(2026, 3, 1), end=date(2026, 3, 31), org_unit=office.transport
    ) == Decimal("0.0")
    assert SOURCES[0].key == "documents.reviewed_on_time"
