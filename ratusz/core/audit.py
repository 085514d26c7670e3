"""The audit trail: every create, update and delete of a Ratusz record.

Events are written in the same transaction as the change they describe, so a
rolled-back change leaves no event. After commit they are sealed into a hash
chain (each event's hash covers its content and the previous hash), in the
order of sealing, under a lock on the chain head: concurrent writers on
PostgreSQL can never fork the chain. `verify_audit_trail` recomputes it.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from ratusz.core.models import AuditChainHead, AuditEvent, Notification

# Who is acting: a callable returning the user, set per request by middleware
# (read lazily, so API token authentication done later in the view counts) and
# by commands through `acting_as`.
current_actor: contextvars.ContextVar[Callable[[], Any] | None] = contextvars.ContextVar(
    "audit_actor", default=None
)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = current_actor.set(lambda: user)
    try:
        yield
    finally:
        current_actor.reset(token)


NOT_AUDITED = {AuditEvent, AuditChainHead, Notification}
IGNORED_FIELDS = {"last_login", "updated_at", "version"}
SECRET_FIELDS = {"password", "token"}


def is_audited(model: type[models.Model]) -> bool:
    """Every Ratusz record, unless its model says `audit_trail = False` (derived data)."""
    return (
        model.__module__.startswith("ratusz.")
        and model not in NOT_AUDITED
        and getattr(model, "audit_trail", True)
    )


def _snapshot(instance: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.generated:  # computed by the database from fields already logged
            continue
        value = field.value_from_object(instance)
        if field.name in SECRET_FIELDS:
            value = "•" * 8 if value else ""
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _actor_fields() -> dict[str, Any]:
    getter = current_actor.get()
    actor = getter() if getter else None
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "system"}
    return {"actor_id": actor.pk, "actor_label": actor.get_username()}


def _record(kind: str, instance: models.Model, changes: dict[str, Any]) -> None:
    AuditEvent.objects.create(
        kind=kind,
        model_label=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_label=str(instance)[:255],
        changes=changes,
        **_actor_fields(),
    )
    transaction.on_commit(seal_pending_events)


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._base_manager.filter(pk=instance.pk).first()
        if old is not None:
            instance._audit_before = _snapshot(old)


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    after = _snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        _record(AuditEvent.Kind.CREATE, instance, {"after": after})
        return
    changed = {
        key: [before.get(key), value]
        for key, value in after.items()
        if before.get(key) != value and key not in IGNORED_FIELDS
    }
    if changed:
        _record(AuditEvent.Kind.UPDATE, instance, {"fields": changed})


def _after_delete(sender, instance, **kwargs):
    if is_audited(sender):
        _record(AuditEvent.Kind.DELETE, instance, {"before": _snapshot(instance)})


def _m2m_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or not is_audited(type(instance)):
        return
    field = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender),
        sender._meta.model_name,
    )
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    _record(AuditEvent.Kind.UPDATE, instance, {"relations": {field: {verb: sorted(pk_set or [])}}})


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="ratusz_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="ratusz_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="ratusz_audit_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="ratusz_audit_m2m")


# --- the hash chain ----------------------------------------------------------


def event_digest(event: AuditEvent, prev_hash: str) -> str:
    payload = {
        "seq": event.seq,
        "created_at": event.created_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "kind": event.kind,
        "model_label": event.model_label,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "changes": event.changes,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def seal_pending_events() -> int:
    """Chain every committed event that is not sealed yet; returns how many."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        pending = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id")[:5000])
        for event in pending:
            head.seq += 1
            event.seq = head.seq
            event.prev_hash = head.hash
            event.hash = event_digest(event, head.hash)
            head.hash = event.hash
        if pending:
            AuditEvent.objects.bulk_update(pending, ["seq", "prev_hash", "hash"])
            head.save(update_fields=["seq", "hash"])
    if len(pending) == 5000:
        return len(pending) + seal_pending_events()
    return len(pending)


@dataclass
class ChainReport:
    checked: int
    head_hash: str
    problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain() -> ChainReport:
    """Recompute every hash in order; report each broken, missing or extra link."""
    problems: list[str] = []
    expected_seq, prev_hash, checked = 1, "", 0
    events = AuditEvent.objects.filter(seq__isnull=False).order_by("seq")
    for event in events.iterator(chunk_size=2000):
        if event.seq != expected_seq:
            problems.append(
                f"entries {expected_seq}–{event.seq - 1} are missing (deleted from the trail)"
            )
            prev_hash = event.prev_hash  # carry on checking from here
        if event.prev_hash != prev_hash:
            problems.append(f"entry {event.seq} (id {event.id}): link to the previous entry broken")
        if event_digest(event, event.prev_hash) != event.hash:
            problems.append(f"entry {event.seq} (id {event.id}): content was altered")
        prev_hash, expected_seq, checked = event.hash, event.seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        problems.append(
            f"the chain head says {head.seq} entries but {expected_seq - 1} were found: "
            "the newest entries were removed"
        )
    return ChainReport(checked=checked, head_hash=prev_hash, problems=problems)
