from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ratusz.core import services
from ratusz.core.models import Action, Notification, Role
from ratusz.core.notifications import render
from ratusz.core.reminders import (
    ESCALATE_TO_QUALITY_AFTER_DAYS,
    ReminderReport,
    send_action_reminders,
    send_email_digests,
)
from ratusz.core.tests.factories import appoint_head


def test_remind_notifies_due_soon_and_overdue_owners_and_escalates_once(office):
    appoint_head(office.civil, office.owner)
    # No service edits a user's e-mail address (the admin does): set it directly.
    office.employee.email = "employee@example.org"
    office.employee.save()
    soon = office.action(title="Soon", due_date=timezone.localdate() + timedelta(days=2))
    late = office.action(title="Late")
    # The passing of time: the due date is behind us.
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=9))
    Notification.objects.all().delete()

    call_command("remind")
    kinds = sorted(Notification.objects.values_list("kind", "recipient__username"))
    assert kinds == [
        ("action_due_soon", "employee"),
        ("action_overdue", "employee"),
        ("action_overdue_escalated", "owner"),
    ]
    assert len(mail.outbox) == 1  # only the employee has an e-mail address
    assert soon.reference in mail.outbox[0].body and late.reference in mail.outbox[0].body

    call_command("remind")
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 1


def test_a_moved_due_date_is_reminded_again(office):
    action = office.action(due_date=timezone.localdate() + timedelta(days=1))
    call_command("remind", "--no-email")
    services.update_action(
        actor=office.quality,
        action=action,
        expected_version=None,
        due_date=timezone.localdate() + timedelta(days=3),
    )
    call_command("remind", "--no-email")
    assert Notification.objects.filter(kind="action_due_soon").count() == 2


def test_notifications_show_dates_in_the_readers_language(office, client_for):
    action = office.action(due_date=timezone.localdate() + timedelta(days=1))
    call_command("remind", "--no-email")
    due = action.due_date
    html = (
        client_for(office.employee, language=None)
        .get("/notifications/", HTTP_ACCEPT_LANGUAGE="pl")
        .content
    )
    assert f"{due:%d.%m.%Y}" in html.decode()
    html = (
        client_for(office.employee, language=None)
        .get("/notifications/", HTTP_ACCEPT_LANGUAGE="en")
        .content
    )
    assert f"{due:%d/%m/%Y}" in html.decode()


# --- escalation of overdue actions: owner, then head of unit, then quality managers ---


def _late_action(office, days_late, **overrides):
    """An action of the employee in civil affairs (head: owner), `days_late` days overdue."""
    appoint_head(office.civil, office.owner)
    action = office.action(**overrides)
    # The passing of time: the due date is behind us.
    Action.objects.filter(pk=action.pk).update(
        due_date=timezone.localdate() - timedelta(days=days_late)
    )
    Notification.objects.all().delete()
    action.refresh_from_db()
    return action


def _notified(action=None):
    qs = Notification.objects.all()
    if action is not None:
        qs = qs.filter(url=f"/actions/{action.pk}/")
    return sorted(qs.values_list("kind", "recipient__username"))


@pytest.mark.parametrize(
    ("days_late", "expected"),
    [
        (1, [("action_overdue", "employee")]),
        (6, [("action_overdue", "employee")]),
        (7, [("action_overdue", "employee"), ("action_overdue_escalated", "owner")]),
        (13, [("action_overdue", "employee"), ("action_overdue_escalated", "owner")]),
        (
            14,
            [
                ("action_overdue", "employee"),
                ("action_overdue_escalated", "owner"),
                ("action_overdue_to_quality", "quality"),
            ],
        ),
        (
            40,
            [
                ("action_overdue", "employee"),
                ("action_overdue_escalated", "owner"),
                ("action_overdue_to_quality", "quality"),
            ],
        ),
    ],
)
def test_each_stage_of_escalation_reaches_the_right_person_on_the_right_day(
    office, days_late, expected
):
    _late_action(office, days_late)
    send_action_reminders()
    assert _notified() == expected


def test_the_quality_stage_starts_exactly_at_the_threshold(office):
    action = _late_action(office, ESCALATE_TO_QUALITY_AFTER_DAYS - 1)
    today = timezone.localdate()
    assert send_action_reminders(today=today).escalated_to_quality == 0
    report = send_action_reminders(today=today + timedelta(days=1))
    assert report.escalated_to_quality == 1
    assert ("action_overdue_to_quality", "quality") in _notified(action)


def test_every_active_quality_manager_is_told_but_not_the_owner_or_former_ones(office):
    second = office.person("quality2", office.qms, Role.QUALITY_MANAGER)
    gone = office.person("quality3", office.qms, Role.QUALITY_MANAGER)
    # No service disables a staff account (the admin does): set it directly.
    gone.is_active = False
    gone.save()
    office.person(
        "quality4",
        office.qms,
        Role.QUALITY_MANAGER,
        expires=timezone.now() - timedelta(days=1),
    )
    owned_by_manager = _late_action(office, 20, owner=second, title="Własne działanie")
    of_employee = office.action(title="Działanie pracownika")
    # The passing of time: the due date is behind us.
    Action.objects.filter(pk=of_employee.pk).update(
        due_date=timezone.localdate() - timedelta(days=20)
    )
    Notification.objects.all().delete()

    report = send_action_reminders()

    told = [user for kind, user in _notified(of_employee) if kind == "action_overdue_to_quality"]
    assert told == ["quality", "quality2"]
    told = [
        user for kind, user in _notified(owned_by_manager) if kind == "action_overdue_to_quality"
    ]
    assert told == ["quality"]  # quality2 owns it: already told as its owner
    assert report.escalated_to_quality == 3


def test_running_the_reminders_twice_notifies_nobody_twice(office):
    _late_action(office, 30)
    first = send_action_reminders()
    assert (first.overdue, first.escalated, first.escalated_to_quality) == (1, 1, 1)
    second = send_action_reminders()
    assert second == ReminderReport()
    assert Notification.objects.count() == 3


def test_a_moved_due_date_escalates_again(office):
    action = _late_action(office, 15)
    send_action_reminders()
    services.update_action(
        actor=office.quality,
        action=action,
        expected_version=None,
        due_date=timezone.localdate() - timedelta(days=20),
        confirmed=True,
    )
    report = send_action_reminders()
    assert (report.overdue, report.escalated, report.escalated_to_quality) == (1, 1, 1)
    assert Notification.objects.filter(kind="action_overdue_to_quality").count() == 2


def test_a_closed_action_is_not_escalated(office):
    action = _late_action(office, 20)
    services.cancel_action(
        actor=office.quality, action=action, expected_version=None, cancel_reason="x"
    )
    assert send_action_reminders() == ReminderReport()


def test_the_escalation_to_quality_reads_as_a_sentence(office):
    action = _late_action(office, 14)
    send_action_reminders()
    note = Notification.objects.get(kind="action_overdue_to_quality")
    text = render(note)
    assert action.reference in text and action.title in text
    assert str(office.employee) in text and office.civil.name in text


def test_the_email_digest_carries_the_escalation_once(office):
    # No service edits a user's e-mail address (the admin does): set it directly.
    office.quality.email = "quality@example.org"
    office.quality.save()
    action = _late_action(office, 14)

    send_action_reminders()
    assert send_email_digests() >= 1
    to_quality = [m for m in mail.outbox if m.to == ["quality@example.org"]]
    assert len(to_quality) == 1
    body = to_quality[0].body
    assert body.count(action.reference) == 1
    assert action.title in body and office.civil.name in body

    send_action_reminders()
    send_email_digests()
    assert len([m for m in mail.outbox if m.to == ["quality@example.org"]]) == 1
