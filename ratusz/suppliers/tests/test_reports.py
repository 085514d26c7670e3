"""When the art. 446 report is required, and the art. 448 notice term."""

from __future__ import annotations

from datetime import date

import pytest

from ratusz.suppliers import selectors, services
from ratusz.suppliers.tests.factories import days_ago, final_milestone, make_contract

pytestmark = pytest.mark.django_db


def _page(office, contract):
    contract.refresh_from_db()
    return selectors.contract_page(contract, user=office.quality)


def test_a_contract_on_time_needs_no_report(office):
    contract = make_contract(office, planned_completion=days_ago(-60))
    assert _page(office, contract).report_reasons == []


def test_more_than_30_days_late_requires_the_report(office):
    # Due 50 days ago and still running: well over 30 days of zwłoka.
    contract = make_contract(office)
    page = _page(office, contract)
    assert page.days_late > 30
    assert any("30" in reason for reason in page.report_reasons)


def test_an_annex_raising_the_value_10_percent_over_the_offer_requires_the_report(office):
    contract = make_contract(office, planned_completion=days_ago(-60))
    services.add_annex(
        actor=office.quality,
        contract=contract,
        expected_version=contract.version,
        signed_on=days_ago(1),
        reason="Roboty dodatkowe.",
        # 123 000 000 × 1.1 = 135 300 000
        new_value_gross=135_300_000,
    )
    assert len(_page(office, contract).report_reasons) == 1


def test_just_under_10_percent_over_the_offer_does_not(office):
    contract = make_contract(office, planned_completion=days_ago(-60))
    services.add_annex(
        actor=office.quality,
        contract=contract,
        expected_version=contract.version,
        signed_on=days_ago(1),
        reason="Roboty dodatkowe.",
        new_value_gross=135_299_999,
    )
    assert _page(office, contract).report_reasons == []


def test_termination_requires_the_report(office):
    contract = make_contract(office, planned_completion=days_ago(-60))
    terminated = services.change_status(
        actor=office.quality,
        contract=contract,
        status="terminated",
        expected_version=contract.version,
    )
    assert len(_page(office, terminated).report_reasons) == 1


def test_the_448_notice_is_due_30_days_after_the_final_acceptance(office):
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    # 10 July + 30 days = 9 August 2025.
    assert _page(office, contract).notice_448_due == date(2025, 8, 9)


def test_the_list_shows_penalty_totals(office):
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    services.record_penalty(
        actor=office.quality,
        contract=contract,
        clause=contract.clauses.get(),
        milestone=final_milestone(contract),
        event_on=date(2025, 7, 10),
    )
    [row] = selectors.annotate_rows(selectors.contract_list(user=office.employee))
    assert (row.penalties_due, row.penalties_charged, row.days_late) == (2_000_000, 0, 10)
