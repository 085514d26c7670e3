"""The register's pages as staff and residents use them."""

from __future__ import annotations

from datetime import date

import pytest

from ratusz.suppliers import services
from ratusz.suppliers.models import Contract, Penalty
from ratusz.suppliers.tests.factories import (
    final_milestone,
    make_contract,
    make_contractor,
)

pytestmark = pytest.mark.django_db


def _late_contract_with_penalty(office, **overrides):
    fields = {"signed_on": date(2025, 1, 10), "planned_completion": date(2025, 6, 30)}
    fields.update(overrides)
    contract = make_contract(office, **fields)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    penalty = services.record_penalty(
        actor=office.quality,
        contract=contract,
        clause=contract.clauses.get(),
        milestone=final_milestone(contract),
        event_on=date(2025, 7, 10),
    )
    return contract, penalty


@pytest.mark.parametrize("path", ["/suppliers/", "/suppliers/?status=running&sort=-due"])
def test_the_register_queries_do_not_grow_with_contracts(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    contractor = make_contractor(office)
    make_contract(office, contractor=contractor)
    # session, user, roles, unit choices, count, rows, excused delays, office, unread
    with django_assert_max_num_queries(11):
        assert client.get(path).status_code == 200
    for i in range(15):
        make_contract(office, contractor=contractor, subject=f"Umowa {i:02d}")
    with django_assert_max_num_queries(11):
        response = client.get(path)
    assert response.status_code == 200
    assert b"Umowa 14" in response.content


def test_the_contractor_list_queries_do_not_grow(office, client_for, django_assert_max_num_queries):
    client = client_for(office.employee)
    make_contractor(office)
    with django_assert_max_num_queries(9):
        assert client.get("/suppliers/contractors/").status_code == 200
    for i in range(10):
        make_contractor(office, name=f"Firma {i}", nip=None)
    with django_assert_max_num_queries(9):
        assert b"Firma 9" in client.get("/suppliers/contractors/").content


def test_the_public_page_shows_only_public_contracts_without_sign_in(
    office, client, django_assert_max_num_queries
):
    contract, _penalty = _late_contract_with_penalty(office, is_public=True, subject="Ulica Lipowa")
    make_contract(office, contractor=contract.contractor, subject="Serwis kserokopiarek")
    for i in range(5):
        make_contract(office, contractor=contract.contractor, subject=f"Droga {i}", is_public=True)
    with django_assert_max_num_queries(6):
        response = client.get("/public/investments/", HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ulica Lipowa" in text and "Droga 4" in text
    assert "Serwis kserokopiarek" not in text
    assert "20\u00a0000,00\u00a0zł" in text  # 10 days × 2 000,00 zł


def test_the_public_csv_has_the_same_rows(office, client):
    _late_contract_with_penalty(office, is_public=True, subject="Ulica Lipowa")
    response = client.get("/public/investments/investments.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2
    assert "Ulica Lipowa" in lines[1] and ",10," in lines[1] and "20000.00" in lines[1]


def test_the_contract_page_shows_the_ledger_and_the_cap(office, client_for):
    contract, _penalty = _late_contract_with_penalty(office, cap_percent=None, cap_amount=1_500_000)
    response = client_for(office.employee).get(contract.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert "The cap is reached" in text
    assert "15\u00a0000,00\u00a0zł" in text
    # An employee of another unit reads, but is offered no step.
    assert "Record the penalty" not in text


def test_a_contract_without_a_cap_is_refused_on_the_form(office, client_for):
    contractor = make_contractor(office)
    response = client_for(office.quality).post(
        "/suppliers/contracts/new/",
        {
            "subject": "Remont szkoły",
            "contractor": contractor.pk,
            "kind": "works",
            "procedure": "basic",
            "org_unit": office.transport.pk,
            "value_net": "100 000,00",
            "value_gross": "123 000,00",
            "offer_price": "123 000,00",
            "planned_completion": "2030-01-31",
            "cap_base": "net",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "total maximum of penalties" in response.content.decode()
    assert not Contract.objects.exists()


def test_the_manager_charges_a_penalty_from_the_ledger(office, client_for):
    contract, penalty = _late_contract_with_penalty(office)
    response = client_for(office.transport_owner).post(
        f"/suppliers/penalties/{penalty.pk}/charge/",
        {
            "version": penalty.version,
            "amount": "20 000,00",
            "charge_form": "note",
            "charge_document": "NK/3/2025",
            "charged_on": "2025-07-20",
        },
    )
    assert response.status_code == 302
    penalty.refresh_from_db()
    assert (penalty.charged, penalty.open) == (2_000_000, 0)


def test_a_waiver_by_someone_without_the_role_is_refused_with_a_reason(office, client_for):
    contract, penalty = _late_contract_with_penalty(office)
    response = client_for(office.transport_owner).post(
        f"/suppliers/penalties/{penalty.pk}/waive/",
        {
            "version": penalty.version,
            "amount": "1 000,00",
            "decision": "waived",
            "justification": "Siła wyższa.",
        },
    )
    assert response.status_code == 400
    assert "Only Top management waives" in response.content.decode()
    penalty.refresh_from_db()
    assert penalty.waived == 0


def test_an_acceptance_before_signing_is_shown_on_its_field(office, client_for):
    contract = make_contract(office)
    response = client_for(office.quality).post(
        f"/suppliers/contracts/{contract.pk}/acceptance/",
        {"kind": "final", "accepted_on": "2000-01-01"},
    )
    assert response.status_code == 400
    assert "before the contract is signed" in response.content.decode()


def test_the_register_exports_to_xlsx(office, client_for):
    make_contract(office)
    response = client_for(office.employee).get("/suppliers/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_the_ledger_exports_to_xlsx(office, client_for):
    contract, _penalty = _late_contract_with_penalty(office)
    response = client_for(office.employee).get(f"/suppliers/contracts/{contract.pk}/penalties.xlsx")
    assert response.status_code == 200
    assert Penalty.objects.count() == 1
