# Developer entry points. `make run` and `make test` work on a fresh clone with no manual step.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

# Debian packages the product needs: chromium for browser tests, poppler-utils (pdftotext) for PDF
# tests, the Pango/HarfBuzz libraries WeasyPrint loads at run time, and gettext (msgfmt) for the
# English catalog.
SYSDEPS := chromium poppler-utils libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 gettext

.PHONY: help venv sysdeps migrate demo run test lint fmt clean messages bench bench-load

help:
	@echo "make run      set everything up and serve http://127.0.0.1:8000 with demo data (SQLite)"
	@echo "make test     run the test suite on SQLite (worker tests need Redis: see .ci/run)"
	@echo "make lint     ruff check + ruff format --check"
	@echo "make fmt      ruff check --fix + ruff format"
	@echo "make migrate  apply migrations;  make demo  load demo data and print the logins"
	@echo "make venv     create .venv and install requirements-dev.txt"
	@echo "make sysdeps  install the Debian packages the product needs (root + apt-get)"
	@echo "make messages refresh the English catalog (locale/en) from the code and compile it"
	@echo "make clean    remove caches and collected static files (keeps .venv and db.sqlite3)"
	@echo "make bench    build the big dataset (once) and measure every page; writes BENCHMARKS.md"
	@echo "make bench-load  50-user load run: gunicorn + PostgreSQL (database bnsp_bench)"

# --- Python environment -------------------------------------------------------------------------

venv: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-installs only when a requirements file is newer than the stamp.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $(STAMP)

# --- System packages ----------------------------------------------------------------------------

sysdeps:
	@missing=""; \
	if ! command -v dpkg >/dev/null 2>&1; then \
		echo "sysdeps: no dpkg here; install by hand if missing: $(SYSDEPS)"; exit 0; \
	fi; \
	for p in $(SYSDEPS); do \
		dpkg -s "$$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "sysdeps: all present"; exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "sysdeps: SKIPPED, missing:$$missing"; \
		echo "sysdeps: not root or no apt-get; run: sudo apt-get install -y --no-install-recommends$$missing"; \
		exit 0; \
	fi; \
	echo "sysdeps: installing$$missing"; \
	apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# --- Translations -------------------------------------------------------------------------------
# Source strings are Indonesian; locale/en holds the English catalog, committed as .po and .mo.
# After code changes: `make messages`, translate the new (empty) entries in the .po, then
# `make messages` again. akun/tests/test_bahasa.py fails while an entry is empty or fuzzy.
PO := locale/en/LC_MESSAGES/django.po
MO := locale/en/LC_MESSAGES/django.mo
MSG_IGNORE := --ignore='.venv/*' --ignore='static/*' --ignore='staticfiles/*' \
	--ignore='tests/*' --ignore='*/tests/*' --ignore='bench/*'

messages: venv
	DEBUG=1 $(PY) manage.py makemessages -l en --no-obsolete $(MSG_IGNORE)
	@$(MAKE) --no-print-directory $(MO)

# Compiled again only when the .po is newer; without msgfmt the committed .mo is used as it is.
$(MO): $(PO)
	@if command -v msgfmt >/dev/null 2>&1; then msgfmt --check -o $@ $<; \
	else echo "messages: msgfmt missing (apt-get install gettext); using the committed $@"; fi

# --- Django -------------------------------------------------------------------------------------

run migrate demo: export DEBUG := 1

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: sysdeps venv $(MO) migrate demo
	@echo
	@echo "Open http://127.0.0.1:8000 and log in with one of the accounts above"
	@echo "(password Demo-BNSP-2026!). Background tasks run in-process (no broker). Ctrl-C stops."
	@echo
	$(PY) manage.py runserver 127.0.0.1:8000

# Worker tests need Redis, which a laptop may not have; .ci/run runs them against a real broker.
test: sysdeps venv $(MO)
	$(VENV)/bin/pytest -m "not worker" $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmarks (see BENCHMARKS.md): datasets are built once under bench/out/ and reused.
# BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/bnsp_bench adds the pages on PostgreSQL.
bench: venv
	$(PY) bench/run.py

BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/bnsp_bench
bench-load: venv
	BENCH_PG_URL=$(BENCH_PG_URL) $(PY) bench/load.py

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
