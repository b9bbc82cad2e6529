# lotse — set-up and everyday commands. `make run` and `make test` are all a new machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: help install run test test-sqlite test-postgres lint format messages demo-code clean bench

help:
	@echo "make run     set up, migrate, load reference and demo data, serve on http://127.0.0.1:8000"
	@echo "make test    set up, then run the whole suite (SQLite and PostgreSQL, browser tests)"
	@echo "make install set up only (.venv with the locked dependencies, database under var/)"

$(STAMP): requirements.lock .python-version
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)
	@mkdir -p var
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py createcachetable
	DJANGO_DEBUG=1 $(PY) manage.py load_reference_data
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py rebuild_match_index

run: install
	@DJANGO_DEBUG=1 $(PY) manage.py demo_logins
	@echo "Starting the task worker and the server on http://127.0.0.1:8000 (Ctrl+C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(PY) manage.py db_worker --queue-name '*' --no-reload & \
	  DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000 --noreload

demo-code: $(STAMP)
	@DJANGO_DEBUG=1 $(PY) manage.py demo_logins --code

# The suite twice: on SQLite (with the browser tests), then on a PostgreSQL that the tests start
# themselves from the machine's binaries (lotse/core/tests/pytest_plugin.py).
test: install
	$(PY) -m ruff check .
	$(PY) -m pytest
	LOTSE_TEST_DATABASE=postgres $(PY) -m pytest -m "not browser" -p no:cacheprovider

test-sqlite: $(STAMP)
	$(PY) -m pytest

test-postgres: $(STAMP)
	LOTSE_TEST_DATABASE=postgres $(PY) -m pytest -m "not browser" -p no:cacheprovider

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

messages: $(STAMP)
	cd lotse && ../$(PY) ../manage.py makemessages -l de -l en --no-obsolete && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) var

# The benchmarks need Splink and recordlinkage, which only `make bench` installs (never `make install`).
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bench.lock
	DJANGO_DEBUG=1 $(PY) bench/identity/accuracy.py
	DJANGO_DEBUG=1 $(PY) bench/identity/throughput.py
	$(PY) bench/identity/registry_check.py
