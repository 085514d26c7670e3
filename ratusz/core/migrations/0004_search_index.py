"""The full-text search index (ratusz.core.search), one table per database vendor.

Not a Django model: SQLite needs an FTS5 virtual table and PostgreSQL a
generated tsvector column, neither of which the ORM can describe, so the
tables are created here and used only through raw SQL in ratusz/core/search.py.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

SQLITE_FORWARD = [
    # FTS5 with diacritics folded, so "gesla" finds "gęślą" and vice versa.
    # Column order matters: search.py ranks with bm25(…, 0,0,0,0, 5.0, 1.0, 0)
    # and takes snippets from column 5 (body).
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "kind UNINDEXED, object_id UNINDEXED, unit_id UNINDEXED, confidentiality UNINDEXED, "
    "title, body, url UNINDEXED, tokenize='unicode61 remove_diacritics 2')",
    # (kind, object_id) -> FTS rowid. Deleting from FTS5 by an UNINDEXED column
    # scans the whole table (measured: 22 ms per upsert at 50k rows, against
    # 0.08 ms through this key), so upserts go through the rowid.
    "CREATE TABLE search_key ("
    "id INTEGER PRIMARY KEY, kind TEXT NOT NULL, object_id TEXT NOT NULL, "
    "UNIQUE (kind, object_id))",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_key", "DROP TABLE IF EXISTS search_index"]

POSTGRESQL_FORWARD = [
    # 'simple' configuration: PostgreSQL ships no Polish stemmer, and the
    # unaccent extension may not be installable, so unlike SQLite the match is
    # NOT diacritics-insensitive here: "gesla" does not find "gęślą"; the exact
    # Polish word (any case) does.
    "CREATE TABLE search_index ("
    "kind text NOT NULL, object_id text NOT NULL, unit_id bigint NULL, "
    "confidentiality text NOT NULL DEFAULT 'internal', title text NOT NULL DEFAULT '', "
    "body text NOT NULL DEFAULT '', url text NOT NULL DEFAULT '', "
    "tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body, '')), 'B')) STORED, "
    "PRIMARY KEY (kind, object_id))",
    "CREATE INDEX search_index_tsv ON search_index USING gin (tsv)",
]
POSTGRESQL_REVERSE = ["DROP TABLE IF EXISTS search_index"]


def _run(schema_editor, statements_by_vendor):
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise ImproperlyConfigured(
            f"Ratusz search supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}."
        )
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def reverse(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_action_open_rank"),
    ]

    operations = [
        migrations.RunPython(forward, reverse),
    ]
