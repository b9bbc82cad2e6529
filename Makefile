# lotse — set-up and everyday commands. `make run` and `make test` are all a new machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The local development configuration that the settings read when present (docs/configuration.md).
VAR_DIR ?= $(or $(LOTSE_VAR_DIR),var)
LOCAL_ENV := $(VAR_DIR)/local.env
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: help install local-env run test test-sqlite test-postgres lint format messages demo-code clean bench bench-load bench-plans

help:
	@echo "make run     set up, migrate, load reference and demo data, serve on http://127.0.0.1:8000"
	@echo "make test    set up, then run the whole suite (SQLite and PostgreSQL, browser tests)"
	@echo "make install set up only (.venv with the locked dependencies, database under var/)"

$(STAMP): requirements.lock .python-version
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $(STAMP)

# Written once and then left alone, so that a developer's own lines in it stay.
$(LOCAL_ENV):
	@mkdir -p $(VAR_DIR)
	@printf '%s\n' \
	  '# Local development configuration, written by `make install` (docs/configuration.md).' \
	  '# The settings read it when present; a variable set in the environment wins.' \
	  '# Never copy it to a server: production sets its variables and has no such file.' \
	  'DJANGO_DEBUG=1' > $@
	@echo "Wrote $@ (development settings: manage.py commands work without variables)"

local-env: $(LOCAL_ENV)

install: $(STAMP) $(LOCAL_ENV)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo
	$(PY) manage.py rebuild_match_index

run: install
	@$(PY) manage.py demo_logins
	@echo "Starting the task worker and the server on http://127.0.0.1:8000 (Ctrl+C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --queue-name '*' --no-reload & \
	  $(PY) manage.py runserver 127.0.0.1:8000 --noreload

demo-code: $(STAMP) $(LOCAL_ENV)
	@$(PY) manage.py demo_logins --code

# The suite twice: on SQLite (with the browser tests) and, at the same time, on a PostgreSQL
# that the tests start themselves from the machine's binaries (lotse/core/tests/pytest_plugin.py).
# The two runs share no files (the PostgreSQL run has no pytest cache); its output is kept in
# var/test-postgres.log and printed when both have finished. TEST_SERIAL=1 runs them one after
# the other, with the output as it comes.
test: install
	$(PY) -m ruff check .
	$(PY) -m mypy
ifeq ($(TEST_SERIAL),1)
	$(PY) -m pytest
	LOTSE_TEST_DATABASE=postgres $(PY) -m pytest -m "not browser" -p no:cacheprovider
else
	@mkdir -p var; \
	LOTSE_TEST_DATABASE=postgres $(PY) -m pytest -m "not browser" -p no:cacheprovider \
	  > var/test-postgres.log 2>&1 & postgres=$$!; \
	$(PY) -m pytest; sqlite=$$?; \
	wait $$postgres; pg=$$?; \
	echo "=== the suite on PostgreSQL (var/test-postgres.log) ==="; cat var/test-postgres.log; \
	echo "SQLite: exit $$sqlite, PostgreSQL: exit $$pg"; \
	test $$sqlite -eq 0 && test $$pg -eq 0
endif

test-sqlite: $(STAMP)
	$(PY) -m pytest

test-postgres: $(STAMP)
	LOTSE_TEST_DATABASE=postgres $(PY) -m pytest -m "not browser" -p no:cacheprovider

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# The interface's languages (de, en) and the languages the printed documents come in: the consent
# form and the person's report (lotse.consent.form_texts.DOCUMENT_LANGUAGES; docs/consent.md).
MESSAGE_LANGUAGES := de en ar fa uk tr ti

messages: $(STAMP) $(LOCAL_ENV)
	cd lotse && ../$(PY) ../manage.py makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --no-obsolete && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) var

# The benchmarks need Splink and recordlinkage, which only `make bench` installs (never `make install`).
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bench.lock
	DJANGO_DEBUG=1 $(PY) bench/identity/accuracy.py
	DJANGO_DEBUG=1 $(PY) bench/identity/throughput.py
	$(PY) bench/identity/registry_check.py

# The load benchmark (bench/load/README.md): Locust against gunicorn with the production settings,
# on PostgreSQL and SQLite. BENCH_LOAD_ARGS passes options, e.g. "--persons 100000 --duration 120".
bench-load: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-load.lock
	$(PY) bench/load/run.py $(BENCH_LOAD_ARGS)

bench-plans: $(STAMP)
	nice -n 10 $(PY) bench/plans/run.py $(BENCH_PLANS_ARGS)
