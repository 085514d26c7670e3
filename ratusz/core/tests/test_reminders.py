from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ratusz.core.models import Action, Notification


def test_remind_notifies_due_soon_and_overdue_owners_and_escalates_once(office):
    office.civil.head = office.owner
    office.civil.save()
    office.employee.email = "employee@example.org"
    office.employee.save()
    soon = office.action(title="Soon", due_date=timezone.localdate() + timedelta(days=2))
    late = office.action(title="Late")
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
    Action.objects.filter(pk=action.pk).update(due_date=timezone.localdate() + timedelta(days=3))
    call_command("remind", "--no-email")
    assert Notification.objects.filter(kind="action_due_soon").count() == 2


def test_notifications_show_dates_in_the_readers_language(office, client_for):
    action = office.action(due_date=timezone.localdate() + timedelta(days=1))
    call_command("remind", "--no-email")
    due = action.due_date
    html = client_for(office.employee).get("/notifications/", HTTP_ACCEPT_LANGUAGE="pl").content
    assert f"{due:%d.%m.%Y}" in html.decode()
    html = client_for(office.employee).get("/notifications/", HTTP_ACCEPT_LANGUAGE="en").content
    assert f"{due:%d/%m/%Y}" in html.decode()
