"""The action lifecycle: who may do what, and what the tracker shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core import services
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Action, Effectiveness, Notification

TODAY = timezone.localdate


def test_a_process_owner_raises_an_action_in_their_unit_and_the_owner_is_notified(office):
    action = office.action(actor=office.owner, owner=office.employee)
    assert action.status == Action.Status.OPEN
    assert action.created_by == office.owner
    note = Notification.objects.get(recipient=office.employee)
    assert action.reference in str(note)


def test_a_process_owner_cannot_raise_an_action_in_another_unit(office):
    with pytest.raises(Denied, match="units you run"):
        office.action(actor=office.owner, org_unit=office.transport, owner=office.outsider)


def test_a_process_owner_runs_the_sub_units_of_their_unit(office):
    action = office.action(actor=office.owner, org_unit=office.civil_desk)
    assert action.org_unit == office.civil_desk


def test_an_employee_cannot_raise_actions(office):
    with pytest.raises(Denied):
        office.action(actor=office.employee)


def test_an_empty_title_and_an_effectiveness_check_before_the_due_date_are_refused(office):
    with pytest.raises(ValidationError) as exc:
        office.action(title="  ")
    assert "title" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        office.action(effectiveness_due=TODAY() + timedelta(days=1))
    assert "effectiveness_due" in exc.value.message_dict
    assert Action.objects.count() == 0


def test_the_full_lifecycle_ends_closed_after_an_independent_effectiveness_check(office):
    action = office.action()
    action = services.start_action(actor=office.employee, action=action, expected_version=1)
    action = services.complete_action(
        actor=office.employee,
        action=action,
        expected_version=2,
        completion_evidence="Karty poprawione.",
    )
    assert action.status == Action.Status.DONE
    assert action.completed_by == office.employee
    with pytest.raises(Denied, match="someone who did not do it"):
        services.verify_effectiveness(
            actor=office.employee,
            action=action,
            expected_version=3,
            effective=True,
            effectiveness_notes="ok",
        )
    action = services.verify_effectiveness(
        actor=office.owner,
        action=action,
        expected_version=3,
        effective=True,
        effectiveness_notes="Sprawdzono 10 kart.",
    )
    assert action.status == Action.Status.CLOSED
    assert action.effectiveness_result == Effectiveness.EFFECTIVE


def test_an_action_found_not_effective_goes_back_to_its_owner(office):
    action = office.action()
    action = services.complete_action(
        actor=office.employee, action=action, expected_version=1, completion_evidence="Zrobione."
    )
    action = services.verify_effectiveness(
        actor=office.quality,
        action=action,
        expected_version=2,
        effective=False,
        effectiveness_notes="Błędy nadal występują.",
    )
    assert action.status == Action.Status.IN_PROGRESS
    assert action.completed_at is None
    assert Notification.objects.filter(recipient=office.employee, kind="action_reopened").exists()


def test_completing_needs_evidence(office):
    action = office.action()
    with pytest.raises(ValidationError) as exc:
        services.complete_action(
            actor=office.employee, action=action, expected_version=1, completion_evidence=" "
        )
    assert "completion_evidence" in exc.value.message_dict
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_an_employee_cannot_change_a_colleagues_action(office):
    action = office.action(owner=office.colleague)
    with pytest.raises(Denied):
        services.complete_action(
            actor=office.employee, action=action, expected_version=1, completion_evidence="x"
        )
    with pytest.raises(Denied):
        services.update_action(
            actor=office.employee, action=action, expected_version=1, title="Mine now"
        )


def test_cancelling_needs_a_reason(office):
    action = office.action()
    with pytest.raises(ValidationError):
        services.cancel_action(
            actor=office.owner, action=action, expected_version=1, cancel_reason=""
        )
    action = services.cancel_action(
        actor=office.owner, action=action, expected_version=1, cancel_reason="Duplicate of A-7."
    )
    assert action.status == Action.Status.CANCELLED


def test_a_save_based_on_an_old_version_is_a_conflict_not_a_lost_update(office):
    action = office.action()
    stale = Action.objects.get(pk=action.pk)
    services.update_action(
        actor=office.owner, action=action, expected_version=1, title="Title by the owner"
    )
    with pytest.raises(Conflict) as exc:
        services.update_action(
            actor=office.quality,
            action=stale,
            expected_version=1,
            title="Title by the quality manager",
        )
    assert exc.value.current.title == "Title by the owner"
    action.refresh_from_db()
    assert action.title == "Title by the owner"
    assert action.version == 2


def test_two_users_saving_the_same_action_page_see_a_conflict_message(office, client_for):
    action = office.action()
    form = {
        "title": "x",
        "description": "",
        "kind": "other",
        "org_unit": office.civil.pk,
        "owner": office.employee.pk,
        "due_date": (TODAY() + timedelta(days=5)).isoformat(),
        "effectiveness_required": "on",
        "version": 1,
    }
    first = client_for(office.owner).post(
        f"/actions/{action.pk}/edit/", {**form, "title": "Owner's title"}
    )
    assert first.status_code == 302
    second = client_for(office.quality).post(
        f"/actions/{action.pk}/edit/",
        {**form, "title": "Quality's title"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert second.status_code == 200
    text = second.content.decode()
    assert "Someone else saved this record" in text
    assert "Owner&#x27;s title" in text  # the current version is shown
    assert 'value="Quality&#x27;s title"' in text  # and the user's input is kept
    action.refresh_from_db()
    assert action.title == "Owner's title"


def test_the_tracker_lists_overdue_actions_first(office, client_for):
    later = office.action(title="Later", due_date=TODAY() + timedelta(days=30))
    overdue = office.action(title="Overdue", due_date=TODAY() + timedelta(days=3))
    # The passing of time: four days overdue.
    Action.objects.filter(pk=overdue.pk).update(due_date=TODAY() - timedelta(days=4))
    response = client_for(office.quality).get("/actions/?status=all", HTTP_ACCEPT_LANGUAGE="en")
    page = list(response.context["page"].object_list)
    assert page[0].pk == overdue.pk and page[1].pk == later.pk
    assert "overdue by 4 days" in response.content.decode()


def test_the_tracker_filters_by_unit_owner_and_status(office, client_for):
    mine = office.action(title="In civil affairs")
    office.action(title="In transport", org_unit=office.transport, owner=office.outsider)
    client = client_for(office.quality)
    by_unit = client.get(f"/actions/?unit={office.civil.pk}").context["page"].object_list
    assert [a.pk for a in by_unit] == [mine.pk]
    by_owner = client.get(f"/actions/?owner={office.outsider.pk}").context["page"].object_list
    assert [a.title for a in by_owner] == ["In transport"]
    assert client.get("/actions/?status=closed").context["page"].paginator.count == 0


def test_the_tracker_answers_htmx_with_only_the_results(office, client_for):
    office.action()
    response = client_for(office.quality).get(
        "/actions/?status=open", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="action-results"
    )
    text = response.content.decode()
    assert 'id="action-results"' in text
    assert "<html" not in text


def test_an_employee_sees_only_their_units_and_own_actions(office, client_for):
    office.action(title="Civil")
    office.action(title="Transport", org_unit=office.transport, owner=office.outsider)
    titles = [a.title for a in client_for(office.employee).get("/actions/").context["page"]]
    assert titles == ["Civil"]
    hidden = office.action(title="Hidden", org_unit=office.transport, owner=office.outsider)
    assert client_for(office.employee).get(f"/actions/{hidden.pk}/").status_code == 404


def test_completing_through_the_page_with_empty_evidence_names_the_field(office, client_for):
    action = office.action()
    response = client_for(office.employee).post(
        f"/actions/{action.pk}/complete/",
        {"version": 1, "completion_evidence": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_the_dashboard_shows_my_open_and_overdue_actions(office, client_for):
    office.action(title="Mine soon", due_date=TODAY() + timedelta(days=2))
    late = office.action(title="Mine late")
    # The passing of time: due yesterday.
    Action.objects.filter(pk=late.pk).update(due_date=TODAY() - timedelta(days=1))
    response = client_for(office.employee).get("/", HTTP_ACCEPT_LANGUAGE="en")
    data = response.context["data"]
    assert (data.my_open, data.my_overdue, data.my_due_soon) == (2, 1, 1)
    assert "Mine late" in response.content.decode()


def test_the_owner_filter_offers_me_and_the_chosen_units_people_not_the_whole_staff(
    office, client_for
):
    for i in range(30):
        office.person(f"staff{i}", office.transport, "employee")
    client = client_for(office.quality)
    html = client.get("/actions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    owner_select = html.split('name="owner"')[1].split("</select>")[0]
    assert owner_select.count("<option") == 2  # "Anyone" and me
    html = client.get(f"/actions/?unit={office.civil.pk}").content.decode()
    owner_select = html.split('name="owner"')[1].split("</select>")[0]
    assert "Employee Test" in owner_select and "Staff1 Test" not in owner_select


def test_the_confirmation_after_a_step_is_in_the_users_language(office, client_for):
    first, second = office.action(), office.action()
    client = client_for(office.employee, language=None)
    pl = client.post(
        f"/actions/{first.pk}/start/", {"version": 1}, follow=True, HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert "Działanie jest w realizacji." in pl.content.decode()
    en = client.post(
        f"/actions/{second.pk}/start/", {"version": 1}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The action is in progress." in en.content.decode()
