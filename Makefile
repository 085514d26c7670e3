# Ratusz — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run dev test test-browser lint format bench loadtest messages i18n-check install screenshots screenshots-phone check clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED)

# Set up everything (virtualenv, dependencies, SQLite database, demo office) and serve it
# as the product runs: gunicorn, DEBUG off, the app's own error pages, static files by
# WhiteNoise, with a background worker beside the server (stopped when the server stops).
run: $(INSTALLED)
	$(BIN)/ratusz migrate --noinput --verbosity 1
	$(BIN)/ratusz demo
	$(BIN)/ratusz collectstatic --noinput --verbosity 0
	@echo "Ratusz is starting on http://$(HOST):$(PORT)/ — sign in with a demo login above."
	@$(BIN)/ratusz worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/ratusz serve --host $(HOST) --port $(PORT) --workers $${WEB_CONCURRENCY:-2}

# The same for developers: DEBUG on (Django's technical error pages, templates and
# static files read afresh on every request).
dev: $(INSTALLED)
	$(BIN)/ratusz migrate --noinput --verbosity 1
	$(BIN)/ratusz demo
	@echo "Ratusz (developer mode, DEBUG=True) is starting on http://$(HOST):$(PORT)/"
	@DEBUG=True $(BIN)/ratusz worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=True $(BIN)/ratusz serve --dev --host $(HOST) --port $(PORT)

# The whole suite except the real-browser tests (see test-browser), one worker
# per core (TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= auto
test: $(INSTALLED)
	$(BIN)/ratusz makemigrations --check --dry-run --verbosity 1
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# Real-browser tests: Playwright driving the system Chromium (/usr/bin/chromium) + axe-core.
test-browser: $(INSTALLED)
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Chromium not found: install Debian's chromium package (apt-get install chromium)"; exit 1; }
	$(BIN)/pytest -m browser -n $(TEST_WORKERS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks on a synthetic office (BENCH_SCALE=s|m|l, default l); BENCH_PG_URL adds PostgreSQL.
bench: $(INSTALLED)
	bash bench/run.sh

# 20 clients reading and writing for 60 s: errors and lost records must be zero
# (BENCH_PG_URL adds PostgreSQL).
loadtest: $(INSTALLED)
	bash bench/loadtest.sh

# Refresh the Polish catalogue after changing user-facing strings (needs GNU gettext);
# the compiled .mo is committed so that a fresh checkout works without gettext.
messages: $(INSTALLED)
	cd ratusz && ../$(BIN)/ratusz makemessages --locale pl --no-obsolete --add-location never --ignore "*/tests/*" --ignore "browser_tests/*"
	cd ratusz && ../$(BIN)/ratusz compilemessages --locale pl

# Fails when a user-facing string has no Polish translation (needs GNU gettext).
# Extracts the strings into the catalogue, checks it, then puts the file back.
i18n-check: $(INSTALLED)
	@po=ratusz/locale/pl/LC_MESSAGES/django.po; cp $$po $$po.bak; \
	(cd ratusz && ../$(BIN)/ratusz makemessages --locale pl --no-obsolete --add-location never \
	   --ignore "*/tests/*" --ignore "browser_tests/*" >/dev/null) && \
	$(BIN)/python -c "import polib,sys; p=polib.pofile('$$po'); \
	bad=[e.msgid for e in p.untranslated_entries()+p.fuzzy_entries()]; \
	print('untranslated or fuzzy:', bad[:20]) if bad else print('Polish catalogue complete:', len(p), 'messages'); \
	sys.exit(1 if bad else 0)"; status=$$?; mv $$po.bak $$po; exit $$status

screenshots: $(INSTALLED)
	BASE_URL=http://$(HOST):$(PORT) $(BIN)/python tools/screenshots.py docs/img \
	  quality:/:dashboard quality:/actions/:action-tracker employee:/actions/1/:action

# The phone layout (390 px, Polish), for the README.
screenshots-phone: $(INSTALLED)
	BASE_URL=http://$(HOST):$(PORT) VIEWPORT=390x844 LANG_CODE=pl $(BIN)/python tools/screenshots.py docs/img \
	  quality:/:phone-dashboard quality:/improvement/nonconformities/#menu:phone-menu \
	  quality:/improvement/nonconformities/:phone-nonconformities

clean:
	rm -rf $(VENV) var
