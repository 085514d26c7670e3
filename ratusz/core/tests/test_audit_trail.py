"""Every change is logged, and tampering with the log is detected."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from ratusz.core import services
from ratusz.core.audit import (
    _unkeyed_digest,
    acting_as,
    event_digest,
    key_unkeyed_chain,
    seal_pending_events,
    verify_chain,
)
from ratusz.core.models import Action, AuditChainHead, AuditEvent, User


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
    seal_pending_events()  # the application's commit step (tests never commit)
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


# --- the promise: what the check must catch ------------------------------------


def forge(**fields) -> AuditEvent:
    """A row written straight into the table, as someone with database access would."""
    values = {
        "kind": "update",
        "model_label": "documents.documentversion",
        "object_id": "7",
        "object_label": "Procedura P-03",
        "changes": {"fields": {"status": ["in_review", "approved"]}},
        "actor_label": "mayor",
        **fields,
    }
    # ORM: tampering straight in the database, behind the application's back.
    return AuditEvent.objects.create(**values)


def test_a_new_database_holds_an_intact_trail_with_its_opening_entry(db):
    report = verify_chain()
    assert report.intact and report.checked == 1
    opening = AuditEvent.objects.get(seq=1)
    assert opening.kind == "start" and opening.get_kind_display() == "trail started"


def test_an_entry_inserted_without_a_number_is_reported_and_never_chained(office):
    office.action()
    forged = forge()
    seal_pending_events()  # a later commit by Ratusz must not adopt it
    forged.refresh_from_db()
    assert forged.seq is None
    problems = verify_chain().problems
    assert any(f"entry id {forged.pk}" in p and "not written by Ratusz" in p for p in problems)
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("verify_audit_trail")


def test_an_entry_copied_from_a_genuine_one_is_reported(office):
    office.action()
    genuine = AuditEvent.objects.filter(seq__isnull=True).latest("id")
    forge(
        kind=genuine.kind,
        model_label=genuine.model_label,
        object_id=genuine.object_id,
        object_label="forged",
        changes=genuine.changes,
        created_at=genuine.created_at,
        hash=genuine.hash,
    )
    assert any("not written by Ratusz" in p for p in verify_chain().problems)


def test_the_check_never_chains_entries_itself(office):
    office.action()
    call_command("verify_audit_trail", stdout=StringIO())
    assert AuditEvent.objects.filter(seq__isnull=True).exists()


def test_an_entry_left_unchained_for_more_than_a_minute_is_reported(office):
    office.action()
    assert verify_chain().intact and verify_chain().waiting > 0
    later = timezone.now() + timedelta(minutes=2)
    assert any("was never chained" in p for p in verify_chain(now=later).problems)


def test_entries_left_unchained_by_a_crash_are_chained_by_the_next_commit(office):
    office.action()  # its commit step never ran, as if the process died after COMMIT
    waiting = AuditEvent.objects.filter(seq__isnull=True).count()
    assert seal_pending_events() == waiting
    assert verify_chain().intact


def test_deleting_every_entry_and_the_head_is_detected(office):
    office.action()
    seal_pending_events()
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    problems = verify_chain().problems
    assert any("the audit trail is empty" in p for p in problems)
    assert any("the chain head is missing" in p for p in problems)
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("verify_audit_trail")


def test_a_trail_restarted_after_everything_was_deleted_is_detected(office):
    office.action()
    seal_pending_events()
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.all().delete()
    AuditChainHead.objects.update(seq=0, hash="")
    office.action(title="After the purge")
    seal_pending_events()
    assert any("not the trail's opening entry" in p for p in verify_chain().problems)


def test_the_chain_is_keyed_so_a_rewrite_without_the_key_is_detected(office):
    office.action()
    seal_pending_events()
    newest = AuditEvent.objects.order_by("-seq").first()
    newest.object_label = "forged"
    # Without the key, the forger can only guess it.
    newest.hash = event_digest(newest, newest.prev_hash, key="guessed")
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.filter(pk=newest.pk).update(object_label="forged", hash=newest.hash)
    AuditChainHead.objects.update(hash=newest.hash)
    assert any("content was altered" in p for p in verify_chain().problems)


def test_the_chain_does_not_verify_under_another_key(office, settings):
    office.action()
    seal_pending_events()
    settings.RATUSZ_AUDIT_KEY = "another-key"
    assert not verify_chain().intact


def cut_off_newest(count: int) -> None:
    """Delete the newest entries and move the head back, as a careful forger would."""
    # ORM: tampering straight in the database, behind the application's back.
    newest = AuditEvent.objects.order_by("-seq")
    AuditEvent.objects.filter(pk__in=[e.pk for e in newest[:count]]).delete()
    last = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.update(seq=last.seq, hash=last.hash)


@pytest.fixture
def head_dir(settings, tmp_path):
    settings.RATUSZ_AUDIT_HEAD_DIR = tmp_path / "heads"
    return settings.RATUSZ_AUDIT_HEAD_DIR


def test_the_head_is_exported_to_a_dated_file_and_mailed_to_the_quality_managers(
    office, head_dir, mailoutbox
):
    # ORM: Ratusz has no service for e-mail addresses (set in the admin).
    User.objects.filter(pk=office.quality.pk).update(email="quality@przykladowo.example")
    office.action()
    seal_pending_events()
    call_command("export_audit_head", stdout=StringIO())
    head = AuditChainHead.objects.get()
    (path,) = head_dir.glob("audit-head-*.txt")
    assert timezone.localdate().isoformat() in path.name
    assert f"seq: {head.seq}\n" in path.read_text() and f"hash: {head.hash}\n" in path.read_text()
    (mail,) = mailoutbox
    assert mail.to == ["quality@przykladowo.example"]
    assert head.hash in mail.body and str(head.seq) in mail.body


def test_cutting_off_the_newest_entries_is_caught_against_the_exported_head(office, head_dir):
    office.action()
    seal_pending_events()
    call_command("export_audit_head", "--no-email", stdout=StringIO())
    cut_off_newest(3)
    assert verify_chain().intact  # the database alone cannot tell
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("verify_audit_trail", stderr=StringIO())  # the newest export, by default
    (exported,) = head_dir.glob("audit-head-*.txt")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--against", str(exported), stderr=err)
    assert "the newest entries were removed" in err.getvalue()


def test_rewriting_the_newest_entries_with_the_key_is_caught_against_the_exported_head(
    office, head_dir
):
    office.action()
    seal_pending_events()
    call_command("export_audit_head", "--no-email", stdout=StringIO())
    newest = AuditEvent.objects.order_by("-seq").first()
    # An insider with the key re-seals a changed entry and moves the head along.
    newest.object_label = "forged"
    newest.hash = event_digest(newest, newest.prev_hash)
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.filter(pk=newest.pk).update(object_label="forged", hash=newest.hash)
    AuditChainHead.objects.update(hash=newest.hash)
    assert verify_chain().intact
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--against", str(head_dir), stderr=err)
    assert "the trail was rewritten" in err.getvalue()


def test_a_broken_trail_is_not_exported_and_the_quality_managers_are_warned(
    office, head_dir, mailoutbox
):
    # ORM: Ratusz has no service for e-mail addresses (set in the admin).
    # The warning is written in the reader's language: this one reads English.
    User.objects.filter(pk=office.quality.pk).update(
        email="quality@przykladowo.example", language="en"
    )
    office.action()
    forge()
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("export_audit_head", stdout=StringIO(), stderr=StringIO())
    assert not head_dir.exists() or not list(head_dir.iterdir())
    (mail,) = mailoutbox
    assert "NOT intact" in mail.subject and "not written by Ratusz" in mail.body


def test_a_file_that_is_not_an_exported_head_is_refused_by_name(office, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    with pytest.raises(CommandError, match="notes.txt"):
        call_command("verify_audit_trail", "--against", str(junk))


def test_a_trail_written_before_the_chain_was_keyed_is_re_keyed_on_upgrade(office):
    office.action()
    seal_pending_events()
    rewrite_as_unkeyed_chain()
    assert not verify_chain().intact
    assert key_unkeyed_chain(AuditEvent, AuditChainHead) == AuditEvent.objects.count() - 1
    report = verify_chain()
    assert report.intact and report.checked == AuditEvent.objects.count()
    opening = AuditEvent.objects.get(seq=1)
    assert opening.kind == "start" and opening.changes["problems_before_re-keying"] == []


def test_re_keying_records_what_was_wrong_with_the_old_chain(office):
    office.action()
    seal_pending_events()
    rewrite_as_unkeyed_chain()
    # ORM: tampering straight in the database, behind the application's back.
    AuditEvent.objects.filter(seq=3).update(object_label="forged")
    key_unkeyed_chain(AuditEvent, AuditChainHead)
    problems = AuditEvent.objects.get(seq=1).changes["problems_before_re-keying"]
    assert problems == ["entry 3: content was altered"]


def rewrite_as_unkeyed_chain() -> None:
    """The trail as Ratusz wrote it before the chain was keyed: no opening entry, SHA-256."""
    AuditEvent.objects.filter(kind="start").delete()
    prev, seq = "", 0
    for event in AuditEvent.objects.order_by("seq"):
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.hash = prev = _unkeyed_digest(event, prev)
        AuditEvent.objects.filter(pk=event.pk).update(seq=None)
        event.save()
    AuditChainHead.objects.update(seq=seq, hash=prev)


# --- what the trail records -----------------------------------------------------


def test_a_password_change_is_recorded_without_the_password(office):
    before = events_for(office.employee).count()
    client = Client()
    client.post("/login/", {"username": "employee", "password": "secret-pass-123"})
    response = client.post(
        "/password/",
        {
            "old_password": "secret-pass-123",
            "new_password1": "Tr4mwaj-Rynek-2026",
            "new_password2": "Tr4mwaj-Rynek-2026",
        },
    )
    assert response.status_code == 302
    changes = [
        e for e in events_for(office.employee)[before:] if "password" in e.changes.get("fields", {})
    ]
    (event,) = changes
    assert event.actor_label == "employee"
    assert event.changes["fields"]["password"] == ["••••••••", "••••••••"]
    assert "Tr4mwaj" not in str(event.changes) and "md5" not in str(event.changes)


def test_issuing_and_revoking_an_api_token_is_recorded_without_the_token(office):
    from rest_framework.authtoken.models import Token

    with acting_as(office.quality):
        # ORM: tokens are issued and revoked in the admin (DRF's model).
        token = Token.objects.create(user=office.employee)
        key = token.key
        token.delete()
    events = AuditEvent.objects.filter(model_label="authtoken.token").order_by("id")
    assert [e.kind for e in events] == ["create", "delete"]
    assert all(e.object_id == str(office.employee.pk) for e in events)
    assert all(e.actor_label == "quality" for e in events)
    assert events[0].object_label == "API token: Employee Test"
    assert not any(key in f"{e.object_id} {e.object_label} {e.changes}" for e in events)


def test_the_checklist_made_when_an_audit_starts_is_recorded(office):
    from ratusz.audits.tests.factories import AuditWorld

    audit = AuditWorld(office).started()
    items = list(audit.checklist.all())
    assert items
    logged = AuditEvent.objects.filter(model_label="audits.checklistitem", kind="create")
    assert sorted(int(e.object_id) for e in logged) == sorted(i.pk for i in items)
    assert {e.changes["after"]["question"] for e in logged} == {i.question for i in items}
    seal_pending_events()
    assert verify_chain().intact


# --- moving between databases ----------------------------------------------------


def test_the_hash_survives_a_copy_that_keeps_only_milliseconds(office):
    office.action()
    seal_pending_events()
    event = AuditEvent.objects.order_by("-seq").first()
    copied = AuditEvent.objects.get(pk=event.pk)
    copied.created_at = event.created_at.replace(
        microsecond=event.created_at.microsecond // 1000 * 1000
    )
    assert event_digest(copied, copied.prev_hash) == event.hash


@pytest.mark.django_db(transaction=True)
def test_moving_the_database_keeps_the_trail_verifiable(tmp_path):
    import sqlite3

    from ratusz.conftest import Office

    office = Office()
    office.action(title="Przed przeniesieniem")
    seal_pending_events()
    target = tmp_path / "moved.sqlite3"
    out = StringIO()
    call_command("move_database", "--to", f"sqlite:///{target}", stdout=out)
    assert "The audit trail in the new database is intact" in out.getvalue()
    head = AuditChainHead.objects.get()
    with sqlite3.connect(target) as moved:
        assert moved.execute("select seq, hash from core_auditchainhead").fetchone() == (
            head.seq,
            head.hash,
        )
        assert moved.execute("select count(*) from core_auditevent").fetchone() == (
            AuditEvent.objects.count(),
        )
        assert moved.execute("select count(*) from core_action").fetchone() == (
            Action.objects.count(),
        )


def test_moving_a_tampered_trail_is_refused(office, tmp_path):
    office.action()
    forge()
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("move_database", "--to", f"sqlite:///{tmp_path / 'x.sqlite3'}")
