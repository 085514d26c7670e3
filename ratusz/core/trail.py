"""The audit trail as people read it: one presenter for the dashboard's recent activity,
every record's history and the audit trail page.

An `AuditEvent` keeps the raw data the hash chain covers (user ids, field names, status
codes, foreign keys, ISO timestamps); `verify_audit_trail` needs exactly that. A reader
needs the person's full name, the kind of record and its own name and number, field
names and statuses in their language, the names of linked records instead of their
ids, and no bookkeeping fields. `present(events)` turns a page of events into that,
with a fixed number of queries: one for the people who acted and one per kind of
linked record on the page, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.core.models import AuditEvent, User

# Bookkeeping a reader has no use for: the optimistic-lock counter, timestamps the
# event itself carries, derived search text and ordering helpers.
HIDDEN_FIELDS = {"id", "version", "lock_version", "updated_at", "created_at", "text_content"}
HIDDEN_SUFFIXES = ("_rank", "sort_key", "search_vector")


@dataclass
class Change:
    label: str
    before: str = ""
    after: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class TrailEntry:
    event: AuditEvent
    when: dt.datetime
    who: str
    action: str
    record_type: str
    record: str
    changes: list[Change]

    @property
    def seq(self) -> int | None:
        return self.event.seq

    @property
    def field_names(self) -> str:
        return ", ".join(change.label for change in self.changes)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _shown(f: models.Field) -> bool:
    return f.name not in HIDDEN_FIELDS and not f.name.endswith(HIDDEN_SUFFIXES)


class _Names:
    """Names of linked records, fetched once per kind of record for the whole page."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[type[models.Model], dict[str, str]] = {}

    def want(self, model: type[models.Model], pk: Any) -> None:
        if pk not in (None, ""):
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            # A record's name may be built from a linked one (a version is "P-01 v2" of
            # its document): the linked records come in the same query.
            related = [f.name for f in model._meta.concrete_fields if f.is_relation]
            query = model._base_manager.filter(pk__in=pks).select_related(*related)
            self.found[model] = {str(obj.pk): str(obj) for obj in query}

    def name(self, model: type[models.Model], pk: Any) -> str:
        if pk in (None, ""):
            return "—"
        return self.found.get(model, {}).get(str(pk)) or f"#{pk}"


def _value(f: models.Field | None, raw: Any, names: _Names) -> str:
    if raw in (None, "", [], {}):
        return "—"
    if f is None:
        return str(raw)
    if isinstance(raw, list):
        # A list field (five whys, cause categories): its items, named where the model
        # says which choices its codes come from (`LIST_CHOICES`).
        choices = getattr(f.model, "LIST_CHOICES", {}).get(f.name)
        labels = dict(choices.choices) if choices else {}
        return "; ".join(str(labels.get(item, item)) for item in raw)
    if isinstance(raw, dict):
        return "; ".join(f"{key}: {value}" for key, value in raw.items())
    if f.choices:
        return str(dict(f.flatchoices).get(raw, raw))
    if isinstance(f, models.ForeignKey):
        return names.name(f.related_model, raw)
    if isinstance(f, models.BooleanField):
        return _("yes") if raw else _("no")
    if isinstance(f, models.DateTimeField):
        moment = parse_datetime(str(raw))
        if moment is None:
            return str(raw)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, dt.UTC)
        return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(f, models.DateField):
        day = parse_date(str(raw))
        return date_format(day, "SHORT_DATE_FORMAT") if day else str(raw)
    if isinstance(f, models.FileField):
        return str(raw).rsplit("/", 1)[-1]
    return str(raw)


def _plan(event: AuditEvent, names: _Names) -> None:
    """Note the linked records an event names, to fetch them all at once."""
    model = _model(event.model_label)
    if model is None:
        return
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    for name, pair in (event.changes.get("fields") or {}).items():
        f = by_attname.get(name)
        if isinstance(f, models.ForeignKey):
            for raw in pair:
                names.want(f.related_model, raw)
    for name, verbs in (event.changes.get("relations") or {}).items():
        m2m = _m2m(model, name)
        if m2m is not None:
            for pks in verbs.values():
                for pk in pks:
                    names.want(m2m.related_model, pk)


def _m2m(model: type[models.Model], name: str) -> models.ManyToManyField | None:
    try:
        f = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the event was written
        return None
    return f if isinstance(f, models.ManyToManyField) else None


def _changes(event: AuditEvent, names: _Names) -> list[Change]:
    model = _model(event.model_label)
    by_attname = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    rows = []
    for name, pair in (event.changes.get("fields") or {}).items():
        f = by_attname.get(name)
        if f is None or not _shown(f):
            continue
        rows.append(
            Change(
                label=str(f.verbose_name),
                before=_value(f, pair[0], names),
                after=_value(f, pair[1], names),
            )
        )
    for name, verbs in (event.changes.get("relations") or {}).items():
        m2m = _m2m(model, name) if model else None
        if m2m is None:
            continue
        row = Change(label=str(m2m.verbose_name))
        for verb, pks in verbs.items():
            shown = sorted(names.name(m2m.related_model, pk) for pk in pks)
            if verb == "added":
                row.added = shown
            elif verb == "removed":
                row.removed = shown
            else:
                row.removed = [_("all")]
        rows.append(row)
    return rows


def _record_type(event: AuditEvent) -> str:
    model = _model(event.model_label)
    return str(model._meta.verbose_name) if model else event.model_label


def present(events: Iterable[AuditEvent]) -> list[TrailEntry]:
    """The events as a reader sees them, in the reader's language and time zone."""
    events = list(events)
    names = _Names()
    for event in events:
        names.want(User, event.actor_id)
        _plan(event, names)
    names.load()
    entries = []
    for event in events:
        if event.actor_id:
            who = names.name(User, event.actor_id)
            if who.startswith("#"):  # the account is gone: the name it had
                who = event.actor_label
        else:
            who = _("System")
        entries.append(
            TrailEntry(
                event=event,
                when=timezone.localtime(event.created_at),
                who=who,
                action=event.get_kind_display(),
                record_type=_record_type(event),
                record=event.object_label or f"#{event.object_id}",
                changes=_changes(event, names) if event.kind == AuditEvent.Kind.UPDATE else [],
            )
        )
    return entries
