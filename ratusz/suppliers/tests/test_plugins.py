"""The register's readiness rules, reminders and dashboard card."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from ratusz.core.plugins import GREEN, RED
from ratusz.suppliers import daily, dashboard, readiness, services
from ratusz.suppliers.tests.factories import final_milestone, make_contract

pytestmark = pytest.mark.django_db


def _verdict(name: str):
    rule = next(r for r in readiness.RULES if str(r.evidence) == name)
    return rule.check(timezone.localdate(), rule.params)


def _unhandled_penalty(office):
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    return services.record_penalty(
        actor=office.quality,
        contract=contract,
        clause=contract.clauses.get(),
        milestone=final_milestone(contract),
        event_on=date(2025, 7, 10),
    )


def test_without_criteria_the_evaluation_rule_is_red(office):
    assert _verdict("Criteria for evaluating contractors").state == RED
    services.create_criterion(actor=office.quality, name="Terminowość", weight=1)
    assert _verdict("Criteria for evaluating contractors").state == GREEN


EVALUATED = "Contractors evaluated (running contracts yearly, completed ones)"


def test_a_completed_contract_needs_its_own_evaluation(office):
    criterion = services.create_criterion(actor=office.quality, name="Terminowość", weight=1)
    today = timezone.localdate()
    contract = make_contract(office, planned_completion=today)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=today
    )
    contract.refresh_from_db()
    services.change_status(
        actor=office.quality,
        contract=contract,
        expected_version=contract.version,
        status="completed",
    )
    contract.refresh_from_db()
    assert contract.status == "completed"
    verdict = _verdict(EVALUATED)
    assert verdict.state != GREEN and contract.reference in verdict.reason
    services.evaluate_contractor(actor=office.quality, contract=contract, scores={criterion.pk: 4})
    assert _verdict(EVALUATED).state == GREEN


def test_a_penalty_left_unhandled_turns_the_rule_red_until_charged(office):
    penalty = _unhandled_penalty(office)
    verdict = _verdict("Contractual penalties pursued")
    assert verdict.state == RED and penalty.contract.reference in verdict.reason
    services.charge_penalty(
        actor=office.quality,
        penalty=penalty,
        expected_version=penalty.version,
        amount=penalty.due,
        charge_form="note",
        charge_document="NK/1",
        charged_on=date(2025, 8, 1),
    )
    assert _verdict("Contractual penalties pursued").state == GREEN


def test_a_required_report_missing_is_red(office):
    make_contract(office)  # 50 days late
    assert _verdict("Art. 446 PZP reports written").state == RED


def test_the_daily_run_counts_what_is_owed_and_the_card_shows_it(office):
    _unhandled_penalty(office)
    counts = daily.run()
    assert counts["penalties due and not charged"] == 1
    # 10 days late, penalties 1.6 % of the price: no art. 446 report is required.
    assert counts["art. 446 reports missing"] == 0
    assert counts["art. 448 notices due"] == 1
    card = dashboard.card(office.quality)
    assert card is not None and len(card.data.penalties_unhandled) == 1
    assert dashboard.card(office.employee) is None


def test_a_contract_manager_sees_the_card_for_their_own_contracts(office):
    # The employee manages one late contract; another late one is someone else's.
    mine = make_contract(office, manager=office.employee, subject="Remont świetlicy")
    make_contract(office, contractor=mine.contractor, subject="Budowa parkingu")
    card = dashboard.card(office.employee)
    assert card is not None
    assert [c.subject for c in card.data.reports_missing] == ["Remont świetlicy"]
    assert {m.contract.subject for m in card.data.milestones_late} == {"Remont świetlicy"}
    # The quality manager still sees the office's.
    office_card = dashboard.card(office.quality)
    assert office_card is not None and len(office_card.data.reports_missing) == 2
    assert dashboard.card(office.colleague) is None


def test_the_daily_run_tells_the_contract_manager_once_each(office):
    from datetime import timedelta

    from ratusz.core.models import Notification
    from ratusz.core.notifications import render

    today = timezone.localdate()
    contract = make_contract(
        office,
        signed_on=today - timedelta(days=30),
        planned_completion=today + timedelta(days=7),
        warranty_ends=today + timedelta(days=20),
    )
    counts = daily.run()
    assert counts["contract managers told"] == 2
    told = Notification.objects.filter(recipient=office.transport_owner)
    assert {n.kind for n in told} == {"contract_milestone_soon", "contract_warranty_ending"}
    assert contract.reference in render(told.get(kind="contract_warranty_ending"))
    assert daily.run()["contract managers told"] == 0
    assert told.count() == 2


def test_the_count_of_reports_missing_equals_the_list_and_the_card_its_head(office):
    from datetime import timedelta

    from ratusz.suppliers import selectors
    from ratusz.suppliers.models import Contract, DelayPeriod

    today = timezone.localdate()
    first = make_contract(office, subject="50 dni zwłoki")  # over 30 days: a report
    make_contract(
        office,
        contractor=first.contractor,
        subject="20 dni",
        planned_completion=today - timedelta(days=20),
    )
    excused = make_contract(office, contractor=first.contractor, subject="50 dni, 30 z winy urzędu")
    services.record_delay(
        actor=office.quality,
        contract=excused,
        starts_on=today - timedelta(days=45),
        ends_on=today - timedelta(days=16),
        cause=DelayPeriod.Cause.OFFICE,
        reason="Kolizja",
    )
    make_contract(
        office,
        contractor=first.contractor,
        subject="Duża, 50 dni",
        value_net=9_000_000_000,
        value_gross=11_070_000_000,
        offer_price=11_070_000_000,
    )
    ended = make_contract(
        office,
        contractor=first.contractor,
        subject="Rozwiązana",
        planned_completion=today + timedelta(days=90),
    )
    Contract.objects.filter(pk=ended.pk).update(status=Contract.Status.TERMINATED)
    make_contract(
        office,
        contractor=first.contractor,
        subject="Aneks ponad 10 %",
        planned_completion=today + timedelta(days=90),
        value_gross=136_000_000,
    )
    make_contract(
        office,
        contractor=first.contractor,
        subject="Bez ceny oferty",
        planned_completion=today + timedelta(days=90),
        offer_price=0,
    )

    listed = selectors.reports_missing()

    assert sorted(c.subject for c in listed) == ["50 dni zwłoki", "Aneks ponad 10 %", "Rozwiązana"]
    assert selectors.count_reports_missing() == 3
    assert [c.pk for c in selectors.reports_missing(limit=2)] == [c.pk for c in listed[:2]]
