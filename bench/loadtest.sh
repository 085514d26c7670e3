#!/usr/bin/env bash
# `make loadtest`: 20 clients reading and writing for 60 s against gunicorn, on
# SQLite and, if BENCH_PG_URL is set, on PostgreSQL; each database holds the demo
# office. Reports requests, errors and acknowledged records lost (both must be 0)
# into var/loadtest-<database>.txt.
#
#   LOAD_CLIENTS  (default 20)   LOAD_SECONDS  (default 60)
#   BENCH_PG_URL  e.g. postgres://postgres@127.0.0.1:5432/ratusz_load (created if missing)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATUSZ="$ROOT/.venv/bin/ratusz"
VAR="$ROOT/var"
mkdir -p "$VAR"
unset DEBUG
export RATUSZ_STATIC_ROOT="$VAR/bench-static"
args=(--clients "${LOAD_CLIENTS:-20}" --seconds "${LOAD_SECONDS:-60}")

echo "== SQLite"
DATABASE_URL="sqlite:///$VAR/loadtest.sqlite3" "$RATUSZ" loadtest "${args[@]}" --output "$VAR/loadtest-sqlite.txt"

if [[ -n "${BENCH_PG_URL:-}" ]]; then
  echo "== PostgreSQL"
  db_name="${BENCH_PG_URL##*/}"
  db_name="${db_name%%\?*}"
  server_url="${BENCH_PG_URL%/*}/postgres"
  if [[ ! "$db_name" =~ ^[A-Za-z0-9_]+$ ]]; then
    echo "BENCH_PG_URL must end with a plain database name (letters, digits, _)" >&2
    exit 2
  fi
  if [[ "$(psql "$server_url" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != "1" ]]; then
    psql "$server_url" -Xqc "CREATE DATABASE \"$db_name\""
  fi
  DATABASE_URL="$BENCH_PG_URL" "$RATUSZ" loadtest "${args[@]}" --output "$VAR/loadtest-postgresql.txt"
fi
