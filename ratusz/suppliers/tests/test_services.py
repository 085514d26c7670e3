"""The register's rules, as a user meets them through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ratusz.core.errors import Conflict, Denied
from ratusz.improvement.models import Nonconformity
from ratusz.suppliers import services
from ratusz.suppliers.models import Contract, DelayPeriod, Penalty, PenaltyClause
from ratusz.suppliers.tests.factories import (
    days_ago,
    final_milestone,
    make_contract,
    make_contractor,
)

pytestmark = pytest.mark.django_db

# Signed 10 January 2025, due Monday 30 June 2025 (a working day).
SIGNED = date(2025, 1, 10)
DUE = date(2025, 6, 30)


def _late_contract(office, **overrides):
    fields = {"signed_on": SIGNED, "planned_completion": DUE}
    fields.update(overrides)
    return make_contract(office, **fields)


def _late_completion_penalty(office, contract):
    clause = contract.clauses.get()
    return services.record_penalty(
        actor=office.quality,
        contract=contract,
        clause=clause,
        milestone=final_milestone(contract),
        event_on=date(2025, 7, 10),
    )


def test_an_invalid_nip_is_refused_on_the_nip_field(office):
    with pytest.raises(ValidationError) as exc:
        make_contractor(office, nip="5260250275")
    assert "nip" in exc.value.message_dict


def test_an_invalid_regon_is_refused_on_the_regon_field(office):
    with pytest.raises(ValidationError) as exc:
        make_contractor(office, regon="123456786")
    assert "regon" in exc.value.message_dict


def test_a_nip_typed_with_hyphens_is_kept_as_digits_and_not_registered_twice(office):
    contractor = make_contractor(office, nip="526-025-02-74")
    assert contractor.nip == "5260250274"
    with pytest.raises(ValidationError) as exc:
        make_contractor(office, name="Inna firma", nip="5260250274")
    assert "nip" in exc.value.message_dict


def test_not_recommended_needs_a_justification(office):
    with pytest.raises(ValidationError) as exc:
        make_contractor(office, not_recommended=True)
    assert "not_recommended_reason" in exc.value.message_dict


def test_a_contract_without_the_total_maximum_of_penalties_is_refused(office):
    with pytest.raises(ValidationError) as exc:
        make_contract(office, cap_percent=None)
    assert "cap_amount" in exc.value.message_dict
    assert not Contract.objects.exists()


def test_contracts_take_the_next_number_of_the_year_unless_given_their_own(office):
    first = make_contract(office, signed_on=SIGNED, planned_completion=DUE)
    second = make_contract(
        office, contractor=first.contractor, signed_on=SIGNED, planned_completion=DUE
    )
    own = make_contract(
        office,
        contractor=first.contractor,
        reference="ZP.272.5.2025",
        signed_on=SIGNED,
        planned_completion=DUE,
    )
    assert (first.reference, second.reference) == ("UM/2025/0001", "UM/2025/0002")
    assert own.reference == "ZP.272.5.2025" and own.number is None
    with pytest.raises(ValidationError) as exc:
        make_contract(office, contractor=first.contractor, reference="ZP.272.5.2025")
    assert "reference" in exc.value.message_dict


def test_a_percentage_rate_without_its_base_is_refused(office):
    contract = make_contract(office, with_clause=False)
    with pytest.raises(ValidationError) as exc:
        services.add_clause(
            actor=office.quality,
            contract=contract,
            breach=PenaltyClause.Breach.LATE_MILESTONE,
            basis=PenaltyClause.Basis.PERCENT_PER_DAY,
            rate=Decimal("0.1"),
        )
    assert "base" in exc.value.message_dict


def test_an_acceptance_before_signing_is_refused(office):
    contract = _late_contract(office)
    with pytest.raises(ValidationError) as exc:
        services.record_acceptance(
            actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 1, 9)
        )
    assert "accepted_on" in exc.value.message_dict


def test_an_annex_cannot_move_a_date_into_the_past(office):
    contract = make_contract(office)
    with pytest.raises(ValidationError) as exc:
        services.add_annex(
            actor=office.quality,
            contract=contract,
            expected_version=contract.version,
            signed_on=days_ago(1),
            reason="Kolizja z siecią gazową.",
            milestone=final_milestone(contract),
            new_date=days_ago(3),
        )
    assert "new_date" in exc.value.message_dict
    assert not contract.annexes.exists()


def test_an_annex_moves_the_completion_and_keeps_the_date_before(office):
    contract = make_contract(office)
    new_date = days_ago(-30)
    annex = services.add_annex(
        actor=office.quality,
        contract=contract,
        expected_version=contract.version,
        signed_on=days_ago(1),
        reason="Kolizja z siecią gazową.",
        milestone=final_milestone(contract),
        new_date=new_date,
        new_value_gross=140_000_000,
    )
    contract.refresh_from_db()
    assert contract.planned_completion == new_date
    assert contract.value_gross == 140_000_000
    assert annex.old_date == days_ago(50) and annex.old_value_gross == 123_000_000
    assert final_milestone(contract).original_planned_on == days_ago(50)


def test_a_late_completion_accrues_the_clause_per_day_of_zwloka(office):
    contract = _late_contract(office)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    penalty = _late_completion_penalty(office, contract)
    # 1..10 July 2025 = 10 days; 0.2 % of 1 000 000,00 zł = 2 000,00 zł a day.
    assert penalty.days == 10
    assert penalty.due == 2_000_000


def test_days_not_attributable_to_the_contractor_accrue_nothing(office):
    contract = _late_contract(office)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    penalty = _late_completion_penalty(office, contract)
    services.record_delay(
        actor=office.quality,
        contract=contract,
        starts_on=date(2025, 7, 1),
        ends_on=date(2025, 7, 3),
        cause=DelayPeriod.Cause.WEATHER,
        reason="Ulewy, protokół konieczności.",
    )
    penalty.refresh_from_db()
    # 10 late days less 3 of weather: 7 × 2 000,00 zł.
    assert (penalty.days, penalty.due) == (7, 1_400_000)


def test_the_cap_limits_what_is_due_and_the_ledger_says_so(office):
    contract = _late_contract(office, cap_percent=None, cap_amount=1_500_000)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    penalty = _late_completion_penalty(office, contract)
    assert penalty.raw == 2_000_000
    assert penalty.due == 1_500_000
    assert penalty.capped


def test_only_what_is_open_can_be_charged(office):
    contract = _late_contract(office)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    penalty = _late_completion_penalty(office, contract)
    with pytest.raises(ValidationError) as exc:
        services.charge_penalty(
            actor=office.quality,
            penalty=penalty,
            expected_version=penalty.version,
            amount=2_000_001,
            charge_form=Penalty.ChargeForm.NOTE,
            charge_document="NK/1/2025",
            charged_on=date(2025, 7, 20),
        )
    assert "amount" in exc.value.message_dict
    charged = services.charge_penalty(
        actor=office.quality,
        penalty=penalty,
        expected_version=penalty.version,
        amount=1_000_000,
        charge_form=Penalty.ChargeForm.DEDUCTION,
        charge_document="FV/7/2025",
        charged_on=date(2025, 7, 20),
    )
    assert charged.open == 1_000_000


def test_a_waiver_needs_the_role_set_by_the_office_and_a_justification(office):
    contract = _late_contract(office)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    penalty = _late_completion_penalty(office, contract)
    kwargs = {"amount": 500_000, "decision": Penalty.Decision.REDUCED}
    with pytest.raises(Denied):
        services.waive_penalty(
            actor=office.quality,
            penalty=penalty,
            expected_version=penalty.version,
            justification="Opóźnienie nieznaczne.",
            **kwargs,
        )
    with pytest.raises(ValidationError) as exc:
        services.waive_penalty(
            actor=office.mayor,
            penalty=penalty,
            expected_version=penalty.version,
            justification="  ",
            **kwargs,
        )
    assert "justification" in exc.value.message_dict
    reduced = services.waive_penalty(
        actor=office.mayor,
        penalty=penalty,
        expected_version=penalty.version,
        justification="Opóźnienie nieznaczne, wykonawca usunął skutki.",
        **kwargs,
    )
    assert (reduced.waived, reduced.open, reduced.decided_by) == (500_000, 1_500_000, office.mayor)


def test_two_people_editing_one_contract_conflict(office):
    contract = make_contract(office)
    services.update_contract(
        actor=office.quality, contract=contract, expected_version=contract.version, subject="A"
    )
    with pytest.raises(Conflict):
        services.update_contract(
            actor=office.transport_owner,
            contract=contract,
            expected_version=contract.version,
            subject="B",
        )


def test_a_head_of_another_unit_cannot_change_the_contract(office):
    contract = make_contract(office)
    with pytest.raises(Denied):
        services.update_contract(
            actor=office.owner, contract=contract, expected_version=contract.version, subject="X"
        )


def test_an_evaluation_weighs_the_criteria(office):
    timeliness = services.create_criterion(actor=office.quality, name="Terminowość", weight=3)
    quality = services.create_criterion(actor=office.quality, name="Jakość", weight=1)
    contract = make_contract(office)
    evaluation = services.evaluate_contractor(
        actor=office.quality, contract=contract, scores={timeliness.pk: 2, quality.pk: 5}
    )
    # (3·2 + 1·5) / 4 = 2.75
    assert evaluation.score == Decimal("2.75")
    with pytest.raises(ValidationError):
        services.evaluate_contractor(
            actor=office.quality, contract=contract, scores={timeliness.pk: 2}
        )


def test_a_contractors_failure_opens_a_supplier_nonconformity_in_one_step(office):
    contract = make_contract(office)
    nc = services.open_nonconformity(
        actor=office.quality,
        contract=contract,
        title="Nieusunięte usterki nawierzchni",
        description="Wykonawca nie usunął usterek w terminie.",
    )
    assert nc.source == "supplier"
    assert nc.source_reference == contract.reference
    assert Nonconformity.objects.filter(pk=nc.pk, org_unit=office.transport).exists()


def test_the_final_acceptance_completes_the_contract_and_starts_the_448_term(office):
    contract = _late_contract(office)
    services.record_acceptance(
        actor=office.quality, contract=contract, kind="final", accepted_on=date(2025, 7, 10)
    )
    contract.refresh_from_db()
    done = services.change_status(
        actor=office.quality,
        contract=contract,
        status="completed",
        expected_version=contract.version,
    )
    assert done.status == "completed"
    with pytest.raises(ValidationError) as exc:
        services.record_448_notice(
            actor=office.quality,
            contract=done,
            expected_version=done.version,
            published_on=date(2025, 7, 1),
        )
    assert "published_on" in exc.value.message_dict
