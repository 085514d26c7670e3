"""One search box over every area: SQLite FTS5 or PostgreSQL full text, one interface.

The index is a single table (migration core/0004) holding, per record, what a
result needs to be shown (title, url) and what permission filtering needs
(kind, unit, confidentiality), so a search never loads the records themselves.

Areas register a kind with `register()`: a provider that yields every record
(for `reindex_all`) and optionally how to check visibility. Services keep the
index current by calling `index()` / `unindex()` inside their own transaction,
so the index commits or rolls back with the record.

Differences between the databases, on purpose:
- SQLite folds diacritics ("gesla" finds "gęślą"), except "ł", which Unicode
  treats as a letter of its own ("wydzial" does not find "wydział").
  PostgreSQL has no unaccent extension to rely on, so there Polish letters
  must match exactly.
- Tokenisation differs in details (PostgreSQL keeps "8.5.1" as one word; SQLite
  splits it and matches it as a phrase); both find "8.5.1" and "A-12".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError, connection, transaction
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ratusz.core import access

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from ratusz.core.models import Action, User

INTERNAL = "internal"
RESTRICTED = "restricted"  # seen only by its own unit and the roles that read everything

# Ranking the whole match set is the database's job anyway; this caps how many
# ranked candidates are brought into Python for the per-row permission check.
# Beyond it `SearchResults.truncated` is set and the user should refine the query.
CANDIDATE_CAP = 1000
MAX_LIMIT = 100
MAX_TERMS = 12
MAX_TERM_LENGTH = 100

# Highlight markers: control characters that index() strips from stored text,
# so after HTML-escaping they can only be the database's own markers.
_START, _STOP = "\x02", "\x03"
_STRIP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WORD = re.compile(r"[^\W_]+")

Row = dict[str, Any]
CanView = Callable[[Any, Row], bool]
Visible = Callable[[Any], "QuerySet | None"]


# --- registry ---------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    provider: Callable[[], Iterable[Row]]
    can_view: CanView | None = None
    visible: Visible | None = None


_KINDS: dict[str, Kind] = {}


def register(
    kind: str,
    *,
    label: str,
    provider: Callable[[], Iterable[Row]],
    can_view: CanView | None = None,
    visible: Visible | None = None,
) -> None:
    """Make a kind of record searchable; registering a kind again replaces it.

    provider() yields dicts with object_id, title, body, url and optionally
    unit_id and confidentiality (the arguments of `index()`).
    visible(user) returns a queryset of the records the user may see (pushed
    into the SQL as `object_id IN (…)`), or None for no restriction.
    can_view(user, row) is checked in Python on each remaining row; row has
    kind, object_id (str), unit_id, confidentiality, title and url.
    Only registered kinds are ever returned by `search()`.
    """
    _KINDS[kind] = Kind(kind, label, provider, can_view, visible)


def kinds() -> dict[str, str]:
    """Registered kinds and their labels, e.g. for a filter on the search page."""
    return {kind: spec.label for kind, spec in _KINDS.items()}


# --- writing ----------------------------------------------------------------


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotSupportedError(f"search does not support {connection.vendor}")
    return connection.vendor


def _clean(text: str | None) -> str:
    return _STRIP.sub(" ", text or "")


def _values(
    kind: str,
    object_id: str | int,
    title: str,
    body: str,
    url: str,
    unit_id: int | None,
    confidentiality: str,
) -> tuple[Any, ...]:
    return (
        kind,
        str(object_id),
        unit_id,
        confidentiality,
        _clean(title),
        _clean(body),
        _clean(url),
    )


@transaction.atomic
def index(
    kind: str,
    object_id: str | int,
    *,
    title: str,
    body: str,
    url: str,
    unit_id: int | None = None,
    confidentiality: str = INTERNAL,
) -> None:
    """Add or replace one record in the index."""
    values = _values(kind, object_id, title, body, url, unit_id, confidentiality)
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute(
                "INSERT INTO search_index"
                " (kind, object_id, unit_id, confidentiality, title, body, url)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (kind, object_id) DO UPDATE SET unit_id = EXCLUDED.unit_id,"
                " confidentiality = EXCLUDED.confidentiality, title = EXCLUDED.title,"
                " body = EXCLUDED.body, url = EXCLUDED.url",
                values,
            )
            return
        # Claim the key first: the write takes SQLite's lock, so two writers of
        # the same record cannot both insert an FTS row.
        cursor.execute(
            "INSERT INTO search_key (kind, object_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            values[:2],
        )
        cursor.execute("SELECT id FROM search_key WHERE kind = %s AND object_id = %s", values[:2])
        (rowid,) = cursor.fetchone()
        cursor.execute("DELETE FROM search_index WHERE rowid = %s", [rowid])
        cursor.execute(
            "INSERT INTO search_index"
            " (rowid, kind, object_id, unit_id, confidentiality, title, body, url)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            (rowid, *values),
        )


@transaction.atomic
def unindex(kind: str, object_id: str | int) -> None:
    """Remove one record from the index (no error if it is not there)."""
    key = (kind, str(object_id))
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute("DELETE FROM search_index WHERE kind = %s AND object_id = %s", key)
            return
        cursor.execute(
            "DELETE FROM search_index WHERE rowid IN"
            " (SELECT id FROM search_key WHERE kind = %s AND object_id = %s)",
            key,
        )
        cursor.execute("DELETE FROM search_key WHERE kind = %s AND object_id = %s", key)


def _batches(rows: Iterable[Row], size: int = 1000) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


@transaction.atomic
def reindex_all() -> dict[str, int]:
    """Empty the index and refill it from every registered provider; counts per kind."""
    vendor = _vendor()
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_index")
        if vendor == "sqlite":
            cursor.execute("DELETE FROM search_key")
        next_rowid = 1
        for kind, spec in _KINDS.items():
            counts[kind] = 0
            for batch in _batches(spec.provider()):
                values = [
                    _values(
                        kind,
                        row["object_id"],
                        row["title"],
                        row["body"],
                        row["url"],
                        row.get("unit_id"),
                        row.get("confidentiality") or INTERNAL,
                    )
                    for row in batch
                ]
                if vendor == "postgresql":
                    cursor.executemany(
                        "INSERT INTO search_index"
                        " (kind, object_id, unit_id, confidentiality, title, body, url)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                        values,
                    )
                else:
                    # Rowids assigned here so the key table is filled in bulk too.
                    rowids = range(next_rowid, next_rowid + len(values))
                    next_rowid += len(values)
                    cursor.executemany(
                        "INSERT INTO search_key (id, kind, object_id) VALUES (%s, %s, %s)",
                        [(rowid, v[0], v[1]) for rowid, v in zip(rowids, values, strict=True)],
                    )
                    cursor.executemany(
                        "INSERT INTO search_index"
                        " (rowid, kind, object_id, unit_id, confidentiality, title, body, url)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                        [(rowid, *v) for rowid, v in zip(rowids, values, strict=True)],
                    )
                counts[kind] += len(values)
        if vendor == "sqlite":
            # Merge the b-tree segments written in bulk: faster queries afterwards.
            cursor.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        else:
            # Fresh statistics, or the planner keeps scanning the primary key
            # for `kind IN (…)` instead of the GIN index (measured 22 ms -> 4 ms).
            cursor.execute("ANALYZE search_index")
    return counts


# --- searching --------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: str
    title: str
    url: str
    snippet_html: SafeString  # body excerpt, escaped, matches in <mark>


@dataclass
class SearchResults:
    results: list[Hit] = field(default_factory=list)
    total: int = 0  # visible matches, counted among the first CANDIDATE_CAP ranked ones
    truncated: bool = False  # more than CANDIDATE_CAP matches: total is a lower bound


def _terms(text: str) -> list[str]:
    """User text as terms; each database's quoting below makes them safe.

    Only whitespace splits terms; a term keeps its inner punctuation (8.5.1,
    A-12) because each database then tokenises it like the indexed text.
    Terms without a letter or digit carry no meaning and are dropped.
    """
    terms = []
    for chunk in _clean(text).split():
        chunk = chunk[:MAX_TERM_LENGTH]
        if _WORD.search(chunk):
            terms.append(chunk)
    return terms[:MAX_TERMS]


def _sqlite_match(terms: list[str]) -> str:
    # Every term becomes a quoted FTS5 phrase of its letters and digits only, so
    # no operator (AND, NEAR, *, ^, :, parentheses, quotes) can come from the user.
    phrases = ['"' + " ".join(_WORD.findall(term)) + '"' for term in terms]
    phrases[-1] += "*"
    return " AND ".join(phrases)


def _postgresql_tsquery(terms: list[str]) -> str:
    # Every term becomes a quoted tsquery lexeme, which to_tsquery() runs through
    # the same parser as the indexed text. Inside quotes only ' and \ are special,
    # so they are dropped; operators (& | ! <-> : * ( )) are literal text there.
    lexemes = ["'" + re.sub(r"['\\]", " ", term) + "'" for term in terms]
    lexemes[-1] += ":*"
    return " & ".join(lexemes)


def _permission_sql(user: User, wanted: list[str]) -> tuple[str, list[Any]]:
    """What can be decided in SQL; `can_view` then checks the rows that remain."""
    sql = [f"kind IN ({', '.join(['%s'] * len(wanted))})"]
    params: list[Any] = list(wanted)
    if not access.reads_everything(user):
        if user.org_unit_id is not None:
            sql.append("(confidentiality <> %s OR unit_id = %s)")
            params += [RESTRICTED, user.org_unit_id]
        else:
            sql.append("confidentiality <> %s")
            params.append(RESTRICTED)
    for kind in wanted:
        visible = _KINDS[kind].visible
        qs = visible(user) if visible else None
        if qs is None:
            continue
        # The area's own visibility queryset, compiled into a subquery, so the
        # rule stays in access.py instead of being restated here.
        try:
            subquery, sub_params = (
                qs.order_by().annotate(_search_id=Cast("pk", CharField())).values("_search_id")
            ).query.sql_with_params()
        except EmptyResultSet:  # qs.none(): nothing of this kind
            sql.append("kind <> %s")
            params.append(kind)
            continue
        sql.append(f"(kind <> %s OR object_id IN ({subquery}))")
        params += [kind, *sub_params]
    return " AND ".join(sql), params


def _snippet(raw: str | None, *, pre_escaped: bool) -> SafeString:
    if not raw:
        return mark_safe("")  # noqa: S308 - empty
    parts = re.split("([\x02\x03])", raw)
    out = []
    for part in parts:
        if part == _START:
            out.append("<mark>")
        elif part == _STOP:
            out.append("</mark>")
        else:
            # Re-escaping after unescape normalises whatever the database cut
            # out of pre-escaped text; no raw markup can survive.
            out.append(escape(html.unescape(part) if pre_escaped else part))
    return mark_safe("".join(out))  # noqa: S308 - every text part is escaped above


def search(
    user: User | AnonymousUser,
    query: str,
    *,
    kinds: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Ranked matches of `query` that `user` may see; never raises on odd input."""
    terms = _terms(query or "")
    wanted = [k for k in (kinds if kinds is not None else list(_KINDS)) if k in _KINDS]
    if not terms or not wanted or not access.is_active_account(user) or access.is_external(user):
        return SearchResults()
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    vendor = _vendor()
    # Only placeholders and Django-compiled SQL are joined into the statements
    # below (hence the S608 waivers); user text travels as parameters.
    where, params = _permission_sql(user, wanted)
    if vendor == "sqlite":
        match = _sqlite_match(terms)
        sql = (
            "SELECT rowid, kind, object_id, unit_id, confidentiality, title, url"  # noqa: S608
            f" FROM search_index WHERE search_index MATCH %s AND {where}"
            " ORDER BY bm25(search_index, 0, 0, 0, 0, 5.0, 1.0, 0), rowid LIMIT %s"
        )
    else:
        match = _postgresql_tsquery(terms)
        sql = (
            "SELECT NULL, kind, object_id, unit_id, confidentiality, title, url"  # noqa: S608
            f" FROM search_index, to_tsquery('simple', %s) AS q WHERE tsv @@ q AND {where}"
            " ORDER BY ts_rank(tsv, q) DESC, kind, object_id LIMIT %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, CANDIDATE_CAP + 1])
        columns = ["key", "kind", "object_id", "unit_id", "confidentiality", "title", "url"]
        candidates = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        truncated = len(candidates) > CANDIDATE_CAP
        visible_rows = []
        for row in candidates[:CANDIDATE_CAP]:
            row["object_id"] = str(row["object_id"])
            if vendor == "postgresql":
                row["key"] = (row["kind"], row["object_id"])
            can_view = _KINDS[row["kind"]].can_view
            if can_view is None or can_view(user, row):
                visible_rows.append(row)
        page = visible_rows[offset : offset + limit]
        snippets = _snippets(cursor, vendor, match, page)
    return SearchResults(
        results=[
            Hit(
                row["kind"],
                row["object_id"],
                row["title"],
                row["url"],
                snippets.get(row["key"], mark_safe("")),  # noqa: S308 - empty
            )
            for row in page
        ],
        total=len(visible_rows),
        truncated=truncated,
    )


def _snippets(cursor, vendor: str, match: str, page: list[Row]) -> dict[Any, SafeString]:
    """Highlighted excerpts for the shown page only: they are the costly part."""
    if not page:
        return {}
    keys = [row["key"] for row in page]
    if vendor == "sqlite":
        marks = ", ".join(["%s"] * len(keys))
        cursor.execute(
            "SELECT rowid, snippet(search_index, 5, %s, %s, '…', 12) FROM search_index"  # noqa: S608
            f" WHERE search_index MATCH %s AND rowid IN ({marks})",
            [_START, _STOP, match, *keys],
        )
        return {key: _snippet(text, pre_escaped=False) for key, text in cursor.fetchall()}
    # ts_headline treats <…> in the body as markup and drops it, so the body is
    # escaped before it and the excerpt comes back as escaped text.
    # Row-value IN on (kind, object_id) is answered from the primary key.
    marks = ", ".join(["(%s, %s)"] * len(keys))
    cursor.execute(
        "SELECT kind, object_id, ts_headline('simple',"  # noqa: S608
        " replace(replace(replace(body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),"
        " to_tsquery('simple', %s), %s) FROM search_index"
        f" WHERE (kind, object_id) IN ({marks})",
        [
            match,
            f"StartSel={_START},StopSel={_STOP},MaxFragments=2,MaxWords=20,MinWords=8,"
            'FragmentDelimiter=" … "',
            *(part for key in keys for part in key),
        ],
    )
    return {
        (kind, object_id): _snippet(text, pre_escaped=True)
        for kind, object_id, text in cursor.fetchall()
    }


# --- core's own records -----------------------------------------------------


def action_row(action: Action) -> Row:
    """What the index holds for an action (also the provider's row)."""
    return {
        "object_id": action.pk,
        "title": str(action),  # "A-12 Title": the reference is searchable too
        "body": "\n".join(filter(None, [action.description, action.completion_evidence])),
        "url": action.get_absolute_url(),
        "unit_id": action.org_unit_id,
        "confidentiality": INTERNAL,
    }


def index_action(action: Action) -> None:
    """Called by the action services after every save."""
    index("action", **action_row(action))


def _action_rows() -> Iterator[Row]:
    from ratusz.core.models import Action

    fields = ["id", "title", "description", "completion_evidence", "org_unit_id"]
    for action in Action.objects.only(*fields).order_by("pk").iterator(chunk_size=2000):
        yield action_row(action)


def _visible_actions(user: User) -> QuerySet | None:
    # Everyone else sees their unit's actions plus those they own or raised.
    return None if access.reads_every_action(user) else access.actions_visible_to(user)


def register_core() -> None:
    register(
        "action",
        label=_("Actions"),
        provider=_action_rows,
        visible=_visible_actions,
    )
