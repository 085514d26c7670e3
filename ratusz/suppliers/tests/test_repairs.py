"""Defects found at acceptance and repaired late: the late-repair penalty counts the days
of zwłoka past the repair deadline, as for a milestone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ratusz.suppliers import daily, services
from ratusz.suppliers.models import Penalty, PenaltyClause
from ratusz.suppliers.tests.factories import make_contract

pytestmark = pytest.mark.django_db


def _accepted_with_defects(office, deadline=date(2025, 7, 21), defects="Ubytki w chodniku."):
    """Finished 2025-07-10 with defects to repair by `deadline`; 500,00 zł per day late."""
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    clause = services.add_clause(
        actor=office.quality,
        contract=contract,
        breach=PenaltyClause.Breach.LATE_REPAIR,
        basis=PenaltyClause.Basis.AMOUNT_PER_DAY,
        rate=Decimal(50_000),
    )
    protocol = services.record_acceptance(
        actor=office.quality,
        contract=contract,
        kind="final",
        accepted_on=date(2025, 7, 10),
        defects=defects,
        repair_deadline=deadline if defects else None,
    )
    return contract, clause, protocol


def _penalty(office, contract, clause, protocol, event_on=date(2025, 7, 22)):
    return services.record_penalty(
        actor=office.quality, contract=contract, clause=clause, protocol=protocol, event_on=event_on
    )


def test_the_days_run_from_the_deadline_to_the_repair(office):
    contract, clause, protocol = _accepted_with_defects(office)
    penalty = _penalty(office, contract, clause, protocol)
    assert penalty.days > 100  # not repaired yet: it grows until today
    services.record_repair(
        actor=office.quality, contract=contract, protocol=protocol, repaired_on=date(2025, 7, 31)
    )
    penalty.refresh_from_db()
    # 22 to 31 July: 10 days × 500,00 zł.
    assert (penalty.days, penalty.due) == (10, 500_000)


def test_a_deadline_on_a_saturday_ends_on_the_monday(office):
    # 26 July 2025 is a Saturday: the term ends on Monday the 28th (art. 115 k.c.).
    contract, clause, protocol = _accepted_with_defects(office, deadline=date(2025, 7, 26))
    services.record_repair(
        actor=office.quality, contract=contract, protocol=protocol, repaired_on=date(2025, 7, 31)
    )
    penalty = _penalty(office, contract, clause, protocol, event_on=date(2025, 7, 29))
    assert (penalty.days, penalty.due) == (3, 150_000)


def test_repaired_on_time_accrues_nothing_and_is_refused(office):
    contract, clause, protocol = _accepted_with_defects(office)
    services.record_repair(
        actor=office.quality, contract=contract, protocol=protocol, repaired_on=date(2025, 7, 21)
    )
    with pytest.raises(ValidationError) as refused:
        _penalty(office, contract, clause, protocol)
    assert "protocol" in refused.value.message_dict
    assert not Penalty.objects.filter(contract=contract).exists()


@pytest.mark.parametrize(
    ("repaired_on", "field"),
    [(date(2025, 7, 9), "repaired_on"), (date(2099, 1, 1), "repaired_on")],
)
def test_a_repair_before_the_acceptance_or_in_the_future_is_refused(office, repaired_on, field):
    contract, _clause, protocol = _accepted_with_defects(office)
    with pytest.raises(ValidationError) as refused:
        services.record_repair(
            actor=office.quality, contract=contract, protocol=protocol, repaired_on=repaired_on
        )
    assert field in refused.value.message_dict
    protocol.refresh_from_db()
    assert protocol.repaired_on is None


def test_a_protocol_without_defects_has_nothing_to_repair(office):
    contract, clause, protocol = _accepted_with_defects(office, defects="")
    with pytest.raises(ValidationError) as refused:
        _penalty(office, contract, clause, protocol)
    assert "protocol" in refused.value.message_dict


def test_a_late_repair_penalty_names_its_protocol(office):
    contract, clause, _protocol = _accepted_with_defects(office)
    with pytest.raises(ValidationError) as refused:
        services.record_penalty(
            actor=office.quality, contract=contract, clause=clause, event_on=date(2025, 7, 22)
        )
    assert "protocol" in refused.value.message_dict


def test_the_daily_run_keeps_an_unrepaired_defect_growing(office):
    contract, clause, protocol = _accepted_with_defects(office)
    penalty = _penalty(office, contract, clause, protocol)
    days = penalty.days
    Penalty.objects.filter(pk=penalty.pk).update(days=1, due=50_000)  # as of an earlier day
    daily.run()
    penalty.refresh_from_db()
    assert penalty.days == days


def test_the_contract_page_records_the_repair(office, client_for):
    contract, clause, protocol = _accepted_with_defects(office)
    _penalty(office, contract, clause, protocol)
    client = client_for(office.quality)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "not repaired yet" in page and 'id="step-repair"' in page
    response = client.post(
        f"/suppliers/contracts/{contract.pk}/repair/",
        {"protocol": protocol.pk, "repaired_on": "2025-07-31"},
    )
    assert response.status_code == 302
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "repaired on 31/07/2025" in page and 'id="step-repair"' not in page
    assert "5\u00a0000,00\u00a0zł" in page
