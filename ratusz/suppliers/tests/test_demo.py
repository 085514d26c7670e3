"""The demo office's contracts show every case the register is for."""

from __future__ import annotations

from django.test import Client

from ratusz.suppliers import selectors
from ratusz.suppliers.models import Contract, Contractor, Penalty


def _contract(subject_start: str) -> Contract:
    return Contract.objects.get(subject__startswith=subject_start)


def test_twelve_contractors_one_not_recommended(demo):
    assert Contractor.objects.count() == 12
    assert Contractor.objects.filter(not_recommended=True).count() == 1


def test_the_street_is_47_days_late_with_penalties_due_never_charged(demo):
    street = _contract("Przebudowa ulicy Kwiatowej")
    assert street.days_late == 47
    penalty = street.penalties.get()
    assert penalty.days == 47 and penalty.due > 0 and penalty.charged == 0
    assert street.report_reasons  # over 30 days late


def test_a_penalty_is_reduced_with_a_justification_by_top_management(demo):
    penalty = Penalty.objects.get(decision=Penalty.Decision.REDUCED)
    assert penalty.justification and penalty.decided_by.username == "mayor"
    assert penalty.open == 0


def test_one_contract_hits_the_cap_and_has_its_report(demo):
    lights = _contract("Modernizacja oświetlenia")
    page = selectors.contract_page(lights, user=lights.manager)
    assert page.cap_reached and page.report is not None


def test_an_annex_takes_the_school_over_ten_percent(demo):
    school = _contract("Termomodernizacja")
    assert school.annexes.count() == 1
    assert school.report_reasons


def test_the_roof_is_completed_with_its_448_notice_and_evaluation(demo):
    roof = _contract("Remont dachu")
    assert roof.status == "completed" and roof.notice_448_sent_on is not None
    assert roof.evaluations.exists()


def test_one_contract_is_terminated(demo):
    assert Contract.objects.filter(status="terminated").count() == 1


def test_the_public_page_shows_the_late_street(demo):
    response = Client().get("/public/investments/")
    assert "Przebudowa ulicy Kwiatowej" in response.content.decode()
    assert "sprzętu komputerowego" not in response.content.decode()
