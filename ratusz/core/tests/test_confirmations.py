"""Unusual dates ask for a confirmation: an action due in the past, an effectiveness
check recorded before its planned day. Pages show a checkbox with the warning; the
service and the API take `confirmed=True`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core import services
from ratusz.core.models import Action

TODAY = timezone.localdate


def _action_data(office, due):
    return {
        "title": "Uzupełnić karty usług",
        "kind": "corrective",
        "org_unit": office.civil.pk,
        "owner": office.employee.pk,
        "due_date": due.isoformat(),
    }


def test_an_action_due_in_the_past_is_saved_only_once_confirmed(office):
    yesterday = TODAY() - timedelta(days=1)
    fields = {
        "actor": office.quality,
        "title": "Spóźnione",
        "org_unit": office.civil,
        "owner": office.employee,
        "due_date": yesterday,
    }
    with pytest.raises(ValidationError) as exc:
        services.create_action(**fields)
    assert "confirmed" in exc.value.message_dict and not Action.objects.exists()
    assert services.create_action(**fields, confirmed=True).due_date == yesterday


def test_the_action_form_shows_the_warning_and_a_checkbox_then_saves_when_ticked(
    office, client_for
):
    client = client_for(office.quality)
    data = _action_data(office, TODAY() - timedelta(days=3))
    first = client.get("/actions/new/")
    assert 'type="checkbox" name="confirmed"' not in first.content.decode()
    response = client.post("/actions/new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and not Action.objects.exists()
    assert "has already passed" in html and 'type="checkbox" name="confirmed"' in html
    response = client.post("/actions/new/", {**data, "confirmed": "on"})
    assert response.status_code == 302 and Action.objects.count() == 1


def test_an_action_due_today_or_later_needs_no_confirmation(office, client_for):
    response = client_for(office.quality).post("/actions/new/", _action_data(office, TODAY()))
    assert response.status_code == 302


def test_moving_an_open_action_into_the_past_asks_too_but_keeping_its_date_does_not(office):
    action = office.action(due_date=TODAY() - timedelta(days=5))  # overdue already
    action = services.update_action(
        actor=office.quality, action=action, expected_version=action.version, title="Nowy tytuł"
    )
    with pytest.raises(ValidationError) as exc:
        services.update_action(
            actor=office.quality,
            action=action,
            expected_version=action.version,
            due_date=TODAY() - timedelta(days=2),
        )
    assert "confirmed" in exc.value.message_dict


def test_the_api_needs_confirmed_for_a_due_date_in_the_past(office):
    client = APIClient()
    client.force_authenticate(office.quality)
    data = _action_data(office, TODAY() - timedelta(days=2))
    response = client.post("/api/v1/actions/", data, format="json")
    assert response.status_code == 400 and "confirmed" in response.json()
    response = client.post("/api/v1/actions/", {**data, "confirmed": True}, format="json")
    assert response.status_code == 201


def test_an_action_checked_before_its_planned_day_asks_for_the_confirmation(office):
    action = office.action(effectiveness_due=TODAY() + timedelta(days=20))
    action = services.complete_action(
        actor=office.employee,
        action=action,
        expected_version=action.version,
        completion_evidence="Zrobione.",
    )
    check = {
        "actor": office.quality,
        "action": action,
        "expected_version": action.version,
        "effective": True,
        "effectiveness_notes": "Sprawdzono.",
    }
    with pytest.raises(ValidationError) as exc:
        services.verify_effectiveness(**check)
    assert "confirmed" in exc.value.message_dict
    assert services.verify_effectiveness(**check, confirmed=True).status == Action.Status.CLOSED
