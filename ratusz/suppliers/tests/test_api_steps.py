"""The contract's steps through the API: the page's services and rules."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from ratusz.suppliers import services
from ratusz.suppliers.models import DelayPeriod, Evaluation
from ratusz.suppliers.tests.factories import final_milestone, make_contract

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_a_delay_period_through_the_api_is_the_pages_delay(office):
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    response = _api(office.quality).post(
        f"/api/v1/contracts/{contract.pk}/delay/",
        {
            "starts_on": "2025-07-01",
            "ends_on": "2025-07-05",
            "cause": "weather",
            "reason": "Ulewy.",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["id"] == contract.pk
    assert DelayPeriod.objects.get().cause == "weather"


def test_a_delay_ending_before_it_starts_is_refused_on_its_field(office):
    contract = make_contract(office)
    response = _api(office.quality).post(
        f"/api/v1/contracts/{contract.pk}/delay/",
        {"starts_on": "2025-07-05", "ends_on": "2025-07-01", "cause": "office", "reason": "X"},
        format="json",
    )
    assert response.status_code == 400
    assert "ends_on" in response.json()
    assert not DelayPeriod.objects.exists()


def test_an_employee_may_not_take_a_contracts_step(office):
    contract = make_contract(office)
    response = _api(office.employee).post(
        f"/api/v1/contracts/{contract.pk}/acceptance/",
        {"kind": "final", "accepted_on": "2025-07-12"},
        format="json",
    )
    assert response.status_code == 403


def test_an_evaluation_and_a_stale_annex_through_the_api(office):
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    criterion = services.create_criterion(actor=office.quality, name="Jakość", weight=1)
    client = _api(office.quality)
    response = client.post(
        f"/api/v1/contracts/{contract.pk}/evaluate/",
        {"scores": {str(criterion.pk): 4}},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Evaluation.objects.get().score == 4
    response = client.post(
        f"/api/v1/contracts/{contract.pk}/annex/",
        {
            "version": contract.version - 1,
            "signed_on": "2025-03-01",
            "reason": "Roboty dodatkowe.",
            "milestone": final_milestone(contract).pk,
            "new_date": "2025-08-30",
        },
        format="json",
    )
    assert response.status_code == 409
