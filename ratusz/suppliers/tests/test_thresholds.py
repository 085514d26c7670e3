"""When a contract is large for art. 446 (90 days of delay, not 30): per kind and date."""

from __future__ import annotations

from datetime import date

import pytest

from ratusz.suppliers import selectors
from ratusz.suppliers.models import Contract, Contractor, LargeContractThreshold
from ratusz.suppliers.tests.factories import days_ago, make_contract, make_contractor

pytestmark = pytest.mark.django_db

ZL = 100  # grosze


def _late_45_days(office, **overrides):
    """50 000 000 zł net, due 45 days ago and still running: over 30 days, under 90."""
    fields = {
        "value_net": 50_000_000 * ZL,
        "value_gross": 61_500_000 * ZL,
        "offer_price": 61_500_000 * ZL,
        "signed_on": date(2026, 2, 2),
        "planned_completion": days_ago(45),
        "with_clause": False,
        "contractor": Contractor.objects.first() or make_contractor(office),
    }
    fields.update(overrides)
    return make_contract(office, **fields)


def _reasons(office, contract):
    contract = selectors.contract_detail(user=office.quality, pk=contract.pk)
    return selectors.contract_page(contract, user=office.quality).report_reasons


def test_the_amounts_in_force_are_those_announced_for_2026_2027():
    # 20 000 000 and 10 000 000 euro at 4,31 zł.
    assert LargeContractThreshold.amount_for(Contract.Kind.WORKS, date(2026, 3, 1)) == (
        86_200_000 * ZL
    )
    assert LargeContractThreshold.amount_for(Contract.Kind.SERVICES, date(2027, 12, 31)) == (
        43_100_000 * ZL
    )
    # 2024–2025: 4,6371 zł.
    assert LargeContractThreshold.amount_for(Contract.Kind.SUPPLIES, date(2025, 12, 31)) == (
        46_371_000 * ZL
    )


def test_fifty_million_is_not_large_for_works_so_45_days_late_needs_the_report(office):
    contract = _late_45_days(office, kind=Contract.Kind.WORKS)
    assert _reasons(office, contract) == ["The delay passed 30 days."]


def test_fifty_million_is_large_for_supplies_so_45_days_late_does_not(office):
    contract = _late_45_days(office, kind=Contract.Kind.SUPPLIES)
    assert _reasons(office, contract) == []


def test_a_services_contract_past_90_days_needs_the_report(office):
    contract = _late_45_days(office, kind=Contract.Kind.SERVICES, planned_completion=days_ago(95))
    assert _reasons(office, contract) == ["The delay passed 90 days."]


def test_the_amounts_in_force_on_the_signing_date_decide(office):
    # 45 000 000 zł of supplies: large from 2026 (43 100 000), not in 2025 (46 371 000).
    value = {"value_net": 45_000_000 * ZL, "kind": Contract.Kind.SUPPLIES}
    signed_2025 = _late_45_days(office, signed_on=date(2025, 6, 2), **value)
    signed_2026 = _late_45_days(office, signed_on=date(2026, 6, 1), **value)
    assert _reasons(office, signed_2025) == ["The delay passed 30 days."]
    assert _reasons(office, signed_2026) == []


def test_the_register_flags_by_kind(office, client_for):
    _late_45_days(office, kind=Contract.Kind.WORKS, subject="Roboty drogowe")
    _late_45_days(office, kind=Contract.Kind.SUPPLIES, subject="Dostawa autobusów")
    rows = {c.subject: bool(c.report_reasons) for c in selectors.contract_list(user=office.quality)}
    assert rows == {"Roboty drogowe": True, "Dostawa autobusów": False}


def test_the_contract_page_says_after_how_many_days(office, client_for):
    contract = _late_45_days(office, kind=Contract.Kind.SUPPLIES)
    page = client_for(office.employee).get(f"/suppliers/contracts/{contract.pk}/")
    assert "90 days of delay (a large contract)" in page.content.decode()


def test_the_quality_manager_corrects_the_amounts_and_the_flag_follows(office, client_for):
    contract = _late_45_days(office, kind=Contract.Kind.WORKS)
    response = client_for(office.quality).post(
        "/suppliers/thresholds/",
        {
            "valid_from": "2026-01-01",
            "works": "40 000 000,00",
            "supplies_services": "43 100 000,00",
            "source": "Korekta",
        },
    )
    assert response.status_code == 302
    assert LargeContractThreshold.objects.filter(valid_from=date(2026, 1, 1)).count() == 1
    assert _reasons(office, contract) == []
    page = client_for(office.employee).get("/suppliers/thresholds/").content.decode()
    assert "40\u00a0000\u00a0000,00\u00a0zł" in page
    assert "Korekta" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [("works", "-5,00"), ("works", "0"), ("supplies_services", "dużo"), ("valid_from", "")],
)
def test_bad_amounts_are_refused_on_their_field(office, client_for, field, value):
    data = {"valid_from": "2028-01-01", "works": "90 000 000", "supplies_services": "45 000 000"}
    data[field] = value
    response = client_for(office.quality).post("/suppliers/thresholds/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not LargeContractThreshold.objects.filter(valid_from=date(2028, 1, 1)).exists()


def test_only_the_quality_manager_sets_them(office, client_for):
    response = client_for(office.employee).post(
        "/suppliers/thresholds/",
        {"valid_from": "2028-01-01", "works": "1,00", "supplies_services": "1,00"},
    )
    assert response.status_code == 403
    assert not LargeContractThreshold.objects.filter(valid_from=date(2028, 1, 1)).exists()
