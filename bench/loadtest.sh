#!/usr/bin/env bash
# `make loadtest`: 20 clients reading and writing for 60 s against gunicorn, on
# SQLite and, if BENCH_PG_URL is set, on PostgreSQL; each database holds the demo
# office. Each scenario (the office's mix; residents sending the public form) runs
# in turn. Reports requests, errors and acknowledged records lost (both must be 0)
# into var/loadtest-<database>.txt (the office) and var/loadtest-<database>-<scenario>.txt.
#
#   LOAD_CLIENTS  (default 20)   LOAD_SECONDS  (default 60)
#   LOAD_SCENARIOS (default "office public-feedback")
#   BENCH_PG_URL  e.g. postgres://postgres@127.0.0.1:5432/ratusz_load (created if missing)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATUSZ="$ROOT/.venv/bin/ratusz"
VAR="$ROOT/var"
mkdir -p "$VAR"
unset DEBUG
export RATUSZ_STATIC_ROOT="$VAR/bench-static"
args=(--clients "${LOAD_CLIENTS:-20}" --seconds "${LOAD_SECONDS:-60}")

read -r -a scenarios <<<"${LOAD_SCENARIOS:-office public-feedback}"

report() {  # report <database> <scenario>: where the figures go
  if [[ "$2" == office ]]; then echo "$VAR/loadtest-$1.txt"; else echo "$VAR/loadtest-$1-$2.txt"; fi
}

for scenario in "${scenarios[@]}"; do
  echo "== SQLite, $scenario"
  DATABASE_URL="sqlite:///$VAR/loadtest.sqlite3" "$RATUSZ" loadtest "${args[@]}" \
    --scenario "$scenario" --output "$(report sqlite "$scenario")"
done

if [[ -n "${BENCH_PG_URL:-}" ]]; then
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
  for scenario in "${scenarios[@]}"; do
    echo "== PostgreSQL, $scenario"
    DATABASE_URL="$BENCH_PG_URL" "$RATUSZ" loadtest "${args[@]}" \
      --scenario "$scenario" --output "$(report postgresql "$scenario")"
  done
fi
