"""The audit trail: every create, update and delete of a Ratusz record.

Events are written in the same transaction as the change they describe, so a
rolled-back change leaves no event. Each event is written with a keyed seal
of its content (HMAC-SHA256 under `RATUSZ_AUDIT_KEY`, kept outside the
database); after commit the application chains it (each event's hash covers
its content, its position and the previous hash), in the order of sealing,
under a lock on the chain head: concurrent writers on PostgreSQL can never
fork the chain. Only the application's commit step chains events, and only
events carrying a valid seal, so a row slipped into the table behind
Ratusz's back never joins the chain. The chain opens with a "trail started"
entry written when the database is created; `verify_audit_trail` recomputes
everything and can compare the head with copies exported outside the
database (`export_audit_head`), which is what reveals a trail cut short.
"""

from __future__ import annotations

import contextvars
import dataclasses
import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from ratusz.core.models import AuditChainHead, AuditEvent, Notification

logger = logging.getLogger(__name__)

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


# Loading a copy of another database (`move_database`) replays rows that are
# already in the copied trail: nothing is recorded while it runs.
recording_paused: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "audit_paused", default=False
)

NOT_AUDITED = {AuditEvent, AuditChainHead, Notification}
IGNORED_FIELDS = {"last_login", "updated_at", "version"}
SECRET_FIELDS = {"password", "token"}
MASK = "•" * 8


def _is_api_token(model: type[models.Model]) -> bool:
    # DRF's token model (issued and revoked in the admin) is not a Ratusz
    # model but who may use the API is exactly what the trail must show.
    from rest_framework.authtoken.models import Token

    return issubclass(model, Token)


def is_audited(model: type[models.Model]) -> bool:
    """Every Ratusz record, unless its model says `audit_trail = False` (derived data)."""
    if _is_api_token(model):
        return True
    return (
        model.__module__.startswith("ratusz.")
        and model not in NOT_AUDITED
        and getattr(model, "audit_trail", True)
    )


def _secret_fields(instance: models.Model) -> set[str]:
    return SECRET_FIELDS | ({"key"} if _is_api_token(type(instance)) else set())


def _snapshot(instance: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    secrets = _secret_fields(instance)
    derived = getattr(instance, "audit_trail_derived_fields", ())
    for field in instance._meta.concrete_fields:
        # Computed by the database from fields already logged, or derived data a
        # model names (the text read out of files for search).
        if field.generated or field.name in derived:
            continue
        value = field.value_from_object(instance)
        if field.name in secrets:
            value = MASK if value else ""
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _secret_fingerprint(instance: models.Model) -> dict[str, str]:
    """Digests of the secret fields, compared to see that one changed (never logged)."""
    return {
        field.attname: hashlib.sha256(str(field.value_from_object(instance)).encode()).hexdigest()
        for field in instance._meta.concrete_fields
        if field.name in _secret_fields(instance)
    }


def _identity(instance: models.Model) -> tuple[str, str]:
    if _is_api_token(type(instance)):
        # A token's primary key is the secret itself: name it by its user.
        user = getattr(instance, "user", None)
        return str(getattr(instance, "user_id", "")), f"API token: {user}"[:255]
    return str(instance.pk), str(instance)[:255]


def _actor_fields() -> dict[str, Any]:
    getter = current_actor.get()
    actor = getter() if getter else None
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "system"}
    return {"actor_id": actor.pk, "actor_label": actor.get_username()}


def _new_event(kind: str, instance: models.Model, changes: dict[str, Any]) -> AuditEvent:
    object_id, object_label = _identity(instance)
    event = AuditEvent(
        created_at=timezone.now(),
        kind=kind,
        model_label=instance._meta.label_lower,
        object_id=object_id,
        object_label=object_label,
        changes=changes,
        **_actor_fields(),
    )
    event.hash = pending_seal(event)
    return event


def _record(kind: str, instance: models.Model, changes: dict[str, Any]) -> None:
    if recording_paused.get():
        return
    _new_event(kind, instance, changes).save()
    transaction.on_commit(seal_pending_events)


def record_created(instances: list[Any]) -> None:
    """Log records written with `bulk_create`, which sends no signals."""
    if recording_paused.get() or not instances:
        return
    AuditEvent.objects.bulk_create(
        [_new_event(AuditEvent.Kind.CREATE, obj, {"after": _snapshot(obj)}) for obj in instances]
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
            instance._audit_secrets = _secret_fingerprint(old)


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
    # A secret is masked on both sides: compare fingerprints to log that it
    # changed ("password changed"), never what it was or became.
    old_secrets = getattr(instance, "_audit_secrets", {})
    for key, fingerprint in _secret_fingerprint(instance).items():
        if old_secrets.get(key) not in (None, fingerprint):
            changed[key] = [MASK if before.get(key) else "", MASK if after.get(key) else ""]
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

GENESIS_LABEL = "audit trail"


def _timestamp(moment: datetime) -> str:
    # Milliseconds in UTC: what survives a dump (Django's serialiser keeps
    # three decimals) and every database Ratusz runs on.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _content(event: Any) -> dict[str, Any]:
    return {
        "created_at": _timestamp(event.created_at),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "kind": event.kind,
        "model_label": event.model_label,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "changes": event.changes,
    }


def _mac(payload: dict[str, Any], key: str | None) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    secret = (key if key is not None else settings.RATUSZ_AUDIT_KEY).encode()
    return hmac.new(secret, canonical.encode(), hashlib.sha256).hexdigest()


def key_fingerprint(key: str | None = None) -> str:
    """Names the audit-trail key without revealing it (kept in backups' manifests,
    so a restore can tell before it starts whether it holds the key that sealed
    the trail)."""
    secret = (key if key is not None else settings.RATUSZ_AUDIT_KEY).encode()
    return hmac.new(secret, b"ratusz audit key fingerprint", hashlib.sha256).hexdigest()[:16]


def event_digest(event: Any, prev_hash: str, *, key: str | None = None) -> str:
    """The event's link in the chain: its content, position and the previous link."""
    return _mac({**_content(event), "seq": event.seq, "prev_hash": prev_hash}, key)


def pending_seal(event: Any, *, key: str | None = None) -> str:
    """The seal an event carries from its write until it is chained."""
    return _mac({**_content(event), "pending": True}, key)


def _has_pending_seal(event: Any) -> bool:
    return hmac.compare_digest(event.hash, pending_seal(event))


def seal_pending_events(using: str = DEFAULT_DB_ALIAS) -> int:
    """Chain every committed event written by Ratusz that is not chained yet.

    Runs after each commit that logged something (and again after a crash, on
    the next one). A row without a valid pending seal was not written by
    Ratusz: it is left out of the chain, and `verify_audit_trail` reports it.
    Without the chain head (made with the database) nothing is chained.
    """
    sealed, after_id = 0, 0
    while True:
        with transaction.atomic(using=using):
            head = AuditChainHead.objects.using(using).select_for_update().filter(pk=1).first()
            if head is None:
                logger.error("The audit trail's chain head is missing: nothing was sealed.")
                return sealed
            batch = list(
                AuditEvent.objects.using(using)
                .filter(seq__isnull=True, id__gt=after_id)
                .order_by("id")[:2000]
            )
            chained = []
            for event in batch:
                if not _has_pending_seal(event):
                    continue
                head.seq += 1
                event.seq = head.seq
                event.prev_hash = head.hash
                event.hash = event_digest(event, head.hash)
                head.hash = event.hash
                chained.append(event)
            if chained:
                AuditEvent.objects.using(using).bulk_update(chained, ["seq", "prev_hash", "hash"])
                head.save(using=using, update_fields=["seq", "hash"])
        sealed += len(chained)
        if len(batch) < 2000:
            return sealed
        after_id = batch[-1].id


def open_trail(
    event_model: Any, head_model: Any, *, note: dict[str, Any], using: str = DEFAULT_DB_ALIAS
) -> Any:
    """Write the chain's opening entry and head (with the database, or on re-keying)."""
    genesis = event_model(
        seq=1,
        created_at=timezone.now(),
        actor_label="system",
        kind="start",
        model_label="core.auditchainhead",
        object_id="1",
        object_label=GENESIS_LABEL,
        changes=note,
        prev_hash="",
    )
    genesis.hash = event_digest(genesis, "")
    genesis.save(using=using)
    head_model.objects.using(using).update_or_create(
        pk=1, defaults={"seq": 1, "hash": genesis.hash}
    )
    return genesis


def _unkeyed_digest(event: Any, prev_hash: str) -> str:
    # The chain as Ratusz wrote it before it was keyed (plain SHA-256).
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


def key_unkeyed_chain(event_model: Any, head_model: Any, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Re-seal a trail written before the chain was keyed; returns the entries re-sealed.

    The old chain is checked first; whatever was wrong with it is written into
    the new opening entry, so re-keying never hides earlier tampering.
    """
    events = event_model.objects.using(using)
    if not events.exists():
        open_trail(event_model, head_model, note={"opened": "with the database"}, using=using)
        return 0
    problems: list[str] = []
    expected_seq, prev_hash = 1, ""
    for event in events.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            problems.append(f"entries {expected_seq}–{event.seq - 1} were missing")
            prev_hash = event.prev_hash
        if event.prev_hash != prev_hash:
            problems.append(f"entry {event.seq}: link to the previous entry was broken")
        if _unkeyed_digest(event, event.prev_hash) != event.hash:
            problems.append(f"entry {event.seq}: content was altered")
        prev_hash, expected_seq = event.hash, event.seq + 1
    head = head_model.objects.using(using).filter(pk=1).first()
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        problems.append(f"the chain head said {head.seq} entries, {expected_seq - 1} were found")
    # Make room for the opening entry at 1 (two steps: no two rows ever share a number).
    offset = 10**15
    events.filter(seq__isnull=False).update(seq=models.F("seq") + offset)
    events.filter(seq__isnull=False).update(seq=models.F("seq") - offset + 1)
    count = events.count()
    genesis = open_trail(
        event_model,
        head_model,
        note={"re-keyed": count, "problems_before_re-keying": problems},
        using=using,
    )
    seq, prev_hash, batch = 1, genesis.hash, []
    rest = events.exclude(pk=genesis.pk).order_by(models.F("seq").asc(nulls_last=True), "id")
    for event in rest.iterator(chunk_size=2000):
        seq += 1
        event.seq, event.prev_hash = seq, prev_hash
        event.hash = prev_hash = event_digest(event, prev_hash)
        batch.append(event)
        if len(batch) == 1000:
            event_model.objects.using(using).bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    event_model.objects.using(using).bulk_update(batch, ["seq", "prev_hash", "hash"])
    head_model.objects.using(using).filter(pk=1).update(seq=seq, hash=prev_hash)
    return count


# --- checking the chain --------------------------------------------------------


@dataclass(frozen=True)
class ExportedHead:
    """A copy of the chain head kept outside the database."""

    seq: int
    hash: str
    source: str


@dataclass
class ChainReport:
    checked: int
    head_seq: int
    head_hash: str
    problems: list[str]
    waiting: int = 0  # written in the last moments, not chained yet
    compared: list[ExportedHead] = dataclasses.field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(
    *,
    using: str = DEFAULT_DB_ALIAS,
    exported: list[ExportedHead] | None = None,
    now: datetime | None = None,
) -> ChainReport:
    """Recompute every link; report each altered, missing, extra or unchained entry.

    Never changes the trail: chaining is the application's job, so a row
    inserted behind its back is reported, not adopted.
    """
    problems: list[str] = []
    exported = exported or []
    wanted = {head.seq for head in exported}
    found: dict[int, str] = {}
    expected_seq, prev_hash, checked = 1, "", 0
    events = AuditEvent.objects.using(using).filter(seq__isnull=False).order_by("seq")
    for event in events.iterator(chunk_size=2000):
        if event.seq == 1 and (event.kind != "start" or event.prev_hash):
            problems.append(
                "entry 1 is not the trail's opening entry: the trail was restarted "
                "after its entries were removed"
            )
        if event.seq != expected_seq:
            problems.append(
                f"entries {expected_seq}–{event.seq - 1} are missing (deleted from the trail)"
            )
            prev_hash = event.prev_hash  # carry on checking from here
        if event.prev_hash != prev_hash:
            problems.append(f"entry {event.seq} (id {event.id}): link to the previous entry broken")
        if event_digest(event, event.prev_hash) != event.hash:
            problems.append(f"entry {event.seq} (id {event.id}): content was altered")
        if event.seq in wanted:
            found[event.seq] = event.hash
        prev_hash, expected_seq, checked = event.hash, event.seq + 1, checked + 1
    last_seq = expected_seq - 1

    waiting = 0
    moment = now or timezone.now()
    grace = timedelta(seconds=settings.RATUSZ_AUDIT_SEAL_GRACE_SECONDS)
    for event in AuditEvent.objects.using(using).filter(seq__isnull=True).order_by("id"):
        if not _has_pending_seal(event):
            problems.append(
                f"entry id {event.id} ({event.kind} {event.model_label} #{event.object_id}) "
                "was not written by Ratusz: it carries no valid seal"
            )
        elif event.created_at < moment - grace:
            problems.append(
                f"entry id {event.id} written at {_timestamp(event.created_at)} was never chained"
            )
        else:
            waiting += 1

    head = AuditChainHead.objects.using(using).filter(pk=1).first()
    if checked == 0:
        problems.append("the audit trail is empty: even its opening entry was removed")
    if head is None:
        problems.append("the chain head is missing")
    elif head.seq != last_seq or head.hash != prev_hash:
        problems.append(
            f"the chain head says {head.seq} entries but {last_seq} were found: "
            "the newest entries were removed"
        )
    for copy in exported:
        if copy.seq > last_seq:
            problems.append(
                f"the head exported in {copy.source} is entry {copy.seq} but the trail ends at "
                f"entry {last_seq}: the newest entries were removed"
            )
        elif found.get(copy.seq) != copy.hash:
            problems.append(
                f"entry {copy.seq} differs from the head exported in {copy.source}: "
                "the trail was rewritten"
            )
    return ChainReport(
        checked=checked,
        head_seq=last_seq,
        head_hash=prev_hash,
        problems=problems,
        waiting=waiting,
        compared=exported,
    )


# --- copies of the head outside the database ------------------------------------

HEAD_FILE_PREFIX = "audit-head-"


def write_head_file(report: ChainReport, directory: Path, *, today: date) -> Path:
    """Write the head of a verified chain to a dated file; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{HEAD_FILE_PREFIX}{today.isoformat()}.txt"
    path.write_text(
        "Ratusz audit trail head\n"
        f"exported: {timezone.now().astimezone(UTC).isoformat(timespec='seconds')}\n"
        f"seq: {report.head_seq}\n"
        f"hash: {report.head_hash}\n"
    )
    return path


def read_head_files(paths: list[Path]) -> list[ExportedHead]:
    """Exported heads from files, or from every head file in a directory.

    Raises ValueError naming a file that holds no head.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob(f"{HEAD_FILE_PREFIX}*.txt")))
        else:
            files.append(path)
    heads = []
    for path in files:
        try:
            fields = dict(
                line.split(":", 1) for line in path.read_text().splitlines() if ":" in line
            )
            heads.append(
                ExportedHead(
                    seq=int(fields["seq"].strip()), hash=fields["hash"].strip(), source=path.name
                )
            )
        except (OSError, KeyError, ValueError) as error:
            raise ValueError(f"{path}: not a copy of the audit trail's head ({error})") from error
    return heads


def newest_exported_head(directory: Path) -> list[ExportedHead]:
    """The most recent head file in the export directory (none if there is none yet)."""
    if not directory.is_dir():
        return []
    files = sorted(directory.glob(f"{HEAD_FILE_PREFIX}*.txt"))
    return read_head_files(files[-1:])
