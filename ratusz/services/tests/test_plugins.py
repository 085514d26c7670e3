"""What public services contribute to readiness, the dashboard, KPIs and the review."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ratusz.core.plugins import AMBER, GREEN, RED, ReviewTopic
from ratusz.services import dashboard, kpi, readiness, review
from ratusz.services.models import CaseImport
from ratusz.services.tests.factories import import_rows, make_card

RULES = {rule.clause: rule for rule in readiness.RULES}


def check(clause: str, today: date | None = None):
    rule = RULES[clause]
    return rule.check(today or timezone.localdate(), rule.params)


def this_month(day: int) -> str:
    return timezone.localdate().replace(day=day).isoformat()


def test_8_1_wants_cards_and_a_recent_import(office):
    assert check("8.1").state == RED  # no cards
    make_card(office)
    verdict = check("8.1")
    assert verdict.state == RED and "imported" in verdict.reason
    import_rows(office, "SO.1;;KU-SO-01;SO;2026-03-02;;14d;;;")
    assert check("8.1").state == GREEN
    CaseImport.objects.update(finished_at=timezone.now() - timedelta(days=40))
    assert check("8.1").state == AMBER


def test_8_5_turns_red_when_a_service_misses_its_target(office):
    make_card(office, on_time_target=Decimal("90"))
    make_card(office, number="KU-SO-02", on_time_target=Decimal("50"))
    assert check("8.5").state == AMBER  # nothing settled yet
    today = timezone.localdate()
    import_rows(
        office,
        f"SO.1;;KU-SO-01;SO;{this_month(1)};{this_month(1)};14d;;;",
        f"SO.2;;KU-SO-02;SO;{this_month(1)};{this_month(1)};14d;;;",
        today=today,
    )
    assert check("8.5").state == GREEN
    import_rows(office, f"SO.3;;KU-SO-01;SO;2025-01-02;{this_month(2)};14d;;;", today=today)
    verdict = check("8.5")
    assert (
        verdict.state == RED
        and "KU-SO-01" in verdict.reason
        and "50.0%" in verdict.reason
        and "90.0%" in verdict.reason
    )


def test_the_dashboard_card_shows_heads_their_units_overdue_cases(office):
    import_rows(office, "SO.1;;;SO;2026-01-05;;14d;;;", "KM.1;;;KM;2026-01-05;;14d;;;")
    everything = dashboard.card(office.quality)
    assert {row.unit.code for row in everything.data["units"]} == {"SO", "KM"}
    mine = dashboard.card(office.owner)
    assert [row.unit.code for row in mine.data["units"]] == ["SO"]
    assert mine.data["units"][0].overdue == 1
    assert dashboard.card(office.employee) is None


def test_kpi_sources_measure_cases_on_time(office):
    today = timezone.localdate()
    import_rows(
        office,
        f"SO.1;;;SO;{this_month(1)};{this_month(1)};14d;;;",
        f"SO.2;;;SO;2025-01-02;{this_month(2)};14d;;;",
        f"KM.1;;;KM;{this_month(1)};{this_month(1)};14d;;;",
        today=today,
    )
    start, end = today.replace(day=1), today
    sources = {s.key: s for s in kpi.SOURCES}
    assert sources["services.cases_on_time"].measure(start=start, end=end) == Decimal("66.7")
    civil = sources["services.cases_on_time"].measure(start=start, end=end, org_unit=office.civil)
    assert civil == Decimal("50.0")
    late = sources["services.late_without_notice"].measure(start=start, end=end)
    assert late == Decimal("33.3")
    assert (
        sources["services.cases_on_time"].measure(start=date(2020, 1, 1), end=date(2020, 12, 31))
        is None
    )


def test_the_review_input_compares_the_period_with_the_one_before(office):
    make_card(office)
    import_rows(
        office,
        "SO.1;;KU-SO-01;SO;2026-02-02;2026-02-03;14d;;;",
        "SO.2;;KU-SO-01;SO;2025-02-02;2025-03-30;14d;;;",
    )
    (item,) = review.inputs(date(2026, 1, 1), date(2026, 12, 31))
    assert item.topic == ReviewTopic.PROCESSES
    figures = {f.label: (f.value, f.previous) for f in item.figures}
    assert figures["Settled on time"] == ("100.0%", "0.0%")
    assert figures["Cases settled"] == ("1", "1")
    assert item.summary == "Every service met its on-time target."


def test_8_2_wants_published_cards_kept_as_reviewed_documents(office):
    from ratusz.documents.models import Document
    from ratusz.documents.tests.factories import make_document
    from ratusz.services import services
    from ratusz.services.tests.factories import PUBLISHED

    assert check("8.2").state == RED
    card = make_card(office)
    verdict = check("8.2")
    assert verdict.state == AMBER and "not published" in verdict.reason
    services.update_card(actor=office.quality, card=card, expected_version=1, **PUBLISHED)
    assert "controlled documents" in check("8.2").reason
    document = make_document(office, title="Karta usługi")
    services.update_card(actor=office.quality, card=card, expected_version=2, document=document)
    assert check("8.2").state == GREEN
    Document.objects.filter(pk=document.pk).update(next_review_date=date(2020, 1, 1))
    assert "periodic review" in check("8.2").reason


def test_8_6_wants_the_outcome_of_every_settled_case(office):
    assert check("8.6").state == AMBER
    import_rows(office, f"SO.1;;;SO;{this_month(1)};{this_month(1)};14d;;;Wydano")
    assert check("8.6").state == GREEN
    import_rows(office, f"SO.2;;;SO;{this_month(1)};{this_month(1)};14d;;;")
    verdict = check("8.6")
    assert verdict.state == AMBER and "outcome" in verdict.reason
    # The nightly export brings the outcome: the re-import takes the gap out again.
    import_rows(office, f"SO.2;;;SO;{this_month(1)};{this_month(1)};14d;;;Odmowa")
    assert check("8.6").state == GREEN


def _verdict_from_the_cases(today: date) -> str:
    """What 8.6 said when it scanned the cases: the verdict the rollup must repeat."""
    from ratusz.services.figures import last_twelve_months
    from ratusz.services.models import Case

    first, _last = last_twelve_months(today)
    settled = Case.objects.filter(closed_on__gte=first, closed_on__lte=today)
    if not settled.exists():
        return AMBER
    return AMBER if settled.filter(outcome="").exists() else GREEN


def test_8_6_read_from_the_rollup_gives_the_verdict_of_the_cases(office):
    today = date(2026, 12, 7)
    steps = [
        # Open cases only: nothing settled to judge.
        ["SO.1;;;SO;2026-11-02;;14d;;;"],
        # Settled with outcomes, one without but settled thirteen months ago.
        ["SO.1;;;SO;2026-11-02;2026-11-10;14d;;;Decyzja", "SO.2;;;SO;2025-10-01;2025-11-20;1m;;;"],
        # A case settled this month without an outcome.
        ["KM.1;;;KM;2026-12-01;2026-12-03;7d;;;"],
        # The outcome arrives in the next export; another case loses its outcome.
        ["KM.1;;;KM;2026-12-01;2026-12-03;7d;;;Zaświadczenie", "SO.1;;;SO;2026-11-02;2026-11-10;14d;;;"],
        # ...and gets it back.
        ["SO.1;;;SO;2026-11-02;2026-11-10;14d;;;Decyzja"],
    ]  # fmt: skip
    seen = []
    for rows in steps:
        import_rows(office, *rows, today=today)
        verdict = check("8.6", today)
        assert verdict.state == _verdict_from_the_cases(today), rows
        seen.append(verdict.state)
    assert seen == [AMBER, GREEN, AMBER, AMBER, GREEN]


def test_8_6_asks_one_query_whatever_the_number_of_cases(office, django_assert_num_queries):
    today = date(2026, 12, 7)
    import_rows(office, "SO.1;;;SO;2026-11-02;2026-11-10;14d;;;Decyzja", today=today)
    # One aggregate over the twelve months of the rollup.
    with django_assert_num_queries(1):
        check("8.6", today)
    rows = [f"SO.{n};;;SO;2026-0{1 + n % 9}-02;2026-0{1 + n % 9}-20;1m;;;" for n in range(2, 400)]
    import_rows(office, *rows, today=today)
    with django_assert_num_queries(1):
        assert check("8.6", today).state == AMBER


def test_a_service_below_target_proposes_a_nonconformity_once(office, client_for):
    import pytest
    from django.core.exceptions import ValidationError

    from ratusz.services import services

    card = make_card(office, on_time_target=Decimal("90"))
    today = timezone.localdate()
    import_rows(office, f"SO.1;;KU-SO-01;SO;{this_month(1)};{this_month(1)};14d;;;", today=today)
    with pytest.raises(ValidationError):
        services.propose_nonconformity(actor=office.quality, card=card)
    import_rows(office, f"SO.3;;KU-SO-01;SO;2025-01-02;{this_month(2)};14d;;;", today=today)
    page = client_for(office.owner).get(card.get_absolute_url()).content.decode()
    assert "Record a nonconformity" in page
    response = client_for(office.owner).post(f"/services/cards/{card.pk}/nonconformity/")
    assert response.status_code == 302
    from ratusz.improvement.models import Nonconformity

    nc = Nonconformity.objects.get()
    assert nc.source_reference == "KU-SO-01" and "50.0%" in nc.description
    again = client_for(office.owner).post(f"/services/cards/{card.pk}/nonconformity/", follow=True)
    assert "already open" in again.content.decode()
    assert (
        client_for(office.employee).post(f"/services/cards/{card.pk}/nonconformity/").status_code
        == 403
    )
