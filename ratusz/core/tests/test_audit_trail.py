"""Every change is logged, and tampering with the log is detected."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from ratusz.core import services
from ratusz.core.audit import seal_pending_events, verify_chain
from ratusz.core.models import Action, AuditChainHead, AuditEvent


def events_for(obj):
    return AuditEvent.objects.filter(
        model_label=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")


def test_creating_changing_and_deleting_a_record_is_logged_with_before_and_after(office):
    unit = services.create_org_unit(name="Biuro Rady", code="BR", parent=office.root)
    # A plain save, as the admin makes: the trail logs every write, not only services'.
    unit.name = "Biuro Rady Miasta"
    unit.save()
    pk = unit.pk
    unit.delete()
    kinds = [e.kind for e in events_for(unit.__class__(pk=pk))]
    assert kinds[0] == "create" and kinds[-2:] == ["update", "delete"]
    update = (
        AuditEvent.objects.filter(model_label="core.orgunit", object_id=str(pk), kind="update")
        .order_by("id")
        .last()
    )
    assert update.changes["fields"]["name"] == ["Biuro Rady", "Biuro Rady Miasta"]
    deleted = AuditEvent.objects.get(model_label="core.orgunit", object_id=str(pk), kind="delete")
    assert deleted.changes["before"]["code"] == "BR"


def test_a_change_made_through_a_page_records_who_made_it(office, client_for):
    action = office.action()
    client_for(office.employee).post(f"/actions/{action.pk}/start/", {"version": 1})
    event = events_for(action).last()
    assert event.actor_id == office.employee.pk
    assert event.actor_label == "employee"
    assert event.changes["fields"]["status"] == ["open", "in_progress"]


def test_a_change_made_through_the_api_with_a_token_records_who_made_it(office):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    action = office.action()
    # ORM: tokens are issued in the admin (DRF's model); Ratusz has no service for them.
    token = Token.objects.create(user=office.employee)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(f"/api/v1/actions/{action.pk}/start/", {"version": 1}, format="json")
    assert response.status_code == 200
    assert events_for(action).last().actor_label == "employee"


def test_passwords_never_reach_the_log(office):
    # No service changes passwords (Django's views and the admin do): save as they would.
    office.employee.set_password("a-new-secret-123")
    office.employee.save()
    event = events_for(office.employee).last()
    assert "a-new-secret" not in str(event.changes)
    assert "pbkdf2" not in str(event.changes) and "md5" not in str(event.changes)


def test_the_intact_chain_verifies(office):
    office.action()
    call_command("verify_audit_trail")
    report = verify_chain()
    assert report.intact and report.checked == AuditEvent.objects.count()


def test_editing_a_log_row_is_detected(office):
    action = office.action()
    seal_pending_events()
    event = events_for(action).first()
    changes = event.changes
    changes["after"]["title"] = "Something else"
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.filter(pk=event.pk).update(changes=changes)
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("verify_audit_trail")
    assert any("content was altered" in p for p in verify_chain().problems)


def test_deleting_a_log_row_in_the_middle_is_detected(office):
    office.action()
    seal_pending_events()
    middle = AuditEvent.objects.order_by("seq")[3]
    AuditEvent.objects.filter(pk=middle.pk).delete()
    problems = verify_chain().problems
    assert any("missing" in p for p in problems)


def test_deleting_the_newest_log_rows_is_detected(office):
    office.action()
    seal_pending_events()
    newest = AuditEvent.objects.order_by("-seq").first()
    AuditEvent.objects.filter(pk=newest.pk).delete()
    assert any("newest entries were removed" in p for p in verify_chain().problems)


def test_rewriting_a_row_with_a_recomputed_hash_breaks_the_next_link(office):
    from ratusz.core.audit import event_digest

    office.action()
    seal_pending_events()
    event = AuditEvent.objects.order_by("seq")[2]
    event.object_label = "forged"
    event.hash = event_digest(event, event.prev_hash)
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.filter(pk=event.pk).update(object_label="forged", hash=event.hash)
    assert any("link to the previous entry broken" in p for p in verify_chain().problems)


def test_events_are_sealed_after_commit_in_order(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        office.action(title="First")
        office.action(title="Second")
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()
    head = AuditChainHead.objects.get(pk=1)
    assert head.seq == AuditEvent.objects.count()
    seqs = list(AuditEvent.objects.order_by("id").values_list("seq", flat=True))
    assert seqs == sorted(seqs)


def test_a_rolled_back_change_leaves_no_log_entry(office):
    from django.db import transaction

    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        office.action(title="Never saved")
        raise RuntimeError
    assert AuditEvent.objects.count() == before
    assert not Action.objects.filter(title="Never saved").exists()


def test_the_audit_trail_page_is_for_the_quality_manager_and_auditors(office, client_for):
    office.action()
    assert client_for(office.quality).get("/audit-trail/").status_code == 200
    assert client_for(office.auditor).get("/audit-trail/").status_code == 200
    assert client_for(office.employee).get("/audit-trail/").status_code == 403


def test_derived_figures_and_secret_tokens_stay_out_of_the_trail(office):
    from datetime import date

    from ratusz.certification import readiness
    from ratusz.core import calendar

    readiness.record_week(readiness.assess(date(2026, 11, 23)))
    assert not AuditEvent.objects.filter(model_label__icontains="readiness").exists()
    token = calendar.feed_token(office.employee)
    event = AuditEvent.objects.filter(model_label__icontains="calendar").latest("pk")
    assert token not in str(event.changes)
