"""The nonconformity's unusual dates ask for a confirmation: a corrective action due
in the past, an effectiveness check recorded before its planned day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.improvement import services as improvement
from ratusz.improvement.models import Nonconformity
from ratusz.improvement.tests.factories import analysed, awaiting_verification

TODAY = timezone.localdate


def test_a_corrective_action_due_in_the_past_asks_on_the_nonconformity_page(office, client_for):
    nc = analysed(office)
    url = f"/improvement/nonconformities/{nc.pk}/add-action/"
    data = {
        "title": "Szkolenie",
        "owner": office.employee.pk,
        "due_date": (TODAY() - timedelta(days=1)).isoformat(),
    }
    client = client_for(office.owner)
    response = client.post(url, data)
    assert response.status_code == 400 and "has already passed" in response.content.decode()
    assert client.post(url, {**data, "confirmed": "on"}).status_code == 302


def test_an_effectiveness_check_before_its_planned_day_is_recorded_once_confirmed(office):
    nc = awaiting_verification(office)  # planned in ten days
    check = {
        "actor": office.quality,
        "nc": nc,
        "expected_version": nc.version,
        "effective": True,
        "verification_notes": "Brak powtórzeń.",
    }
    with pytest.raises(ValidationError) as exc:
        improvement.record_verification(**check)
    assert "confirmed" in exc.value.message_dict
    nc = improvement.record_verification(**check, confirmed=True)
    assert nc.verification_result == "effective"


def test_the_effectiveness_form_and_the_api_ask_for_the_confirmation(office, client_for):
    nc = awaiting_verification(office)
    data = {"version": nc.version, "effective": "yes", "verification_notes": "Brak powtórzeń."}
    url = f"/improvement/nonconformities/{nc.pk}/record-verification/"
    response = client_for(office.quality).post(url, data)
    assert response.status_code == 400 and 'name="confirmed"' in response.content.decode()
    api = APIClient()
    api.force_authenticate(office.quality)
    payload = {"version": nc.version, "effective": True, "verification_notes": "Brak powtórzeń."}
    api_url = f"/api/v1/nonconformities/{nc.pk}/verification/"
    assert api.post(api_url, payload, format="json").status_code == 400
    response = api.post(api_url, {**payload, "confirmed": True}, format="json")
    assert response.status_code == 200
    assert Nonconformity.objects.get(pk=nc.pk).verification_result == "effective"


def test_closing_a_nonconformity_asks_for_a_tick_without_javascript(office, client_for):
    nc = awaiting_verification(office)
    nc = improvement.record_verification(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        effective=True,
        verification_notes="Brak powtórzeń.",
        confirmed=True,
    )
    client = client_for(office.quality)
    page = client.get(nc.get_absolute_url()).content.decode()
    assert 'name="confirm"' in page and "it cannot be reopened" in page
    url = f"/improvement/nonconformities/{nc.pk}/close/"
    response = client.post(url, {"version": nc.version})
    assert response.status_code == 400
    assert Nonconformity.objects.get(pk=nc.pk).status == "verification"
    assert client.post(url, {"version": nc.version, "confirm": "on"}).status_code == 302
    assert Nonconformity.objects.get(pk=nc.pk).status == "closed"
