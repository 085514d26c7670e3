#!/usr/bin/env bash
# `make bench`: the page benchmark (DESIGN §7) on SQLite and, if BENCH_PG_URL
# is set, on PostgreSQL. Each database gets its own synthetic office, generated
# once and reused by later runs. Reports go to var/bench-<scale>-<database>.md.
#
#   BENCH_SCALE   s, m or l (default l: city-L)
#   BENCH_PG_URL  e.g. postgres://postgres@127.0.0.1:5432/ratusz_bench (created if missing)
#   BENCH_ARGS    extra options for `ratusz bench` (e.g. "--requests 400 --port 8800",
#                 or "--only survey" to measure some pages again)
#   BENCH_IMPORT_ROWS  rows for the case import against the raw driver (`ratusz
#                 bench_import`; default 5,000,000 at l, 500,000 at m, 20,000 at s;
#                 0 skips it). Its report goes to var/bench-import-<scale>-<database>.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATUSZ="$ROOT/.venv/bin/ratusz"
SCALE="${BENCH_SCALE:-l}"
VAR="$ROOT/var"
mkdir -p "$VAR"

# Production settings: no DEBUG, static files collected into a directory of the
# bench's own so that a developer's var/static is left alone.
unset DEBUG
export RATUSZ_STATIC_ROOT="$VAR/bench-static"

# shellcheck disable=SC2086 # BENCH_ARGS is a list of options
case "$SCALE" in
  l) IMPORT_ROWS="${BENCH_IMPORT_ROWS:-5000000}" ;;
  m) IMPORT_ROWS="${BENCH_IMPORT_ROWS:-500000}" ;;
  *) IMPORT_ROWS="${BENCH_IMPORT_ROWS:-20000}" ;;
esac

run_bench() {
  local label="$1"
  "$RATUSZ" bench --scale "$SCALE" --output "$VAR/bench-$SCALE-$label.md" ${BENCH_ARGS:-}
  if [[ "$IMPORT_ROWS" != "0" ]]; then
    echo "== case import against the raw driver, $IMPORT_ROWS rows"
    "$RATUSZ" bench_import --rows "$IMPORT_ROWS" --output "$VAR/bench-import-$SCALE-$label.md"
  fi
}

echo "== SQLite, scale $SCALE"
DATABASE_URL="sqlite:///$VAR/bench-$SCALE.sqlite3" run_bench sqlite

if [[ -n "${BENCH_PG_URL:-}" ]]; then
  echo "== PostgreSQL, scale $SCALE"
  db_name="${BENCH_PG_URL##*/}"
  db_name="${db_name%%\?*}"
  server_url="${BENCH_PG_URL%/*}/postgres"
  if [[ ! "$db_name" =~ ^[A-Za-z0-9_]+$ ]]; then
    echo "BENCH_PG_URL must end with a plain database name (letters, digits, _)" >&2
    exit 2
  fi
  exists="$(psql "$server_url" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")"
  if [[ "$exists" != "1" ]]; then
    psql "$server_url" -Xqc "CREATE DATABASE \"$db_name\""
  fi
  DATABASE_URL="$BENCH_PG_URL" run_bench postgresql
fi
