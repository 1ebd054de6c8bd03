# OMS Hub. Quick start: `make run`, then `make test`. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
POSTGRES_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/postgres)
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.PHONY: help run pdf-deps test-deps screenshots content-report test test-sqlite test-postgres test-fast lint format bench drill restore-drill messages lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# A Python of 3.12 or newer: python3 when it is one (pyenv reads .python-version), else the newest found.
PYTHON_FOR_VENV = $(shell for p in python3 python3.14 python3.13 python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

$(PY):
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "OMS Hub needs Python 3.12 or newer. On Debian/Ubuntu: sudo apt-get install python3 python3-venv (or use pyenv)."; exit 1; fi
	@echo "Creating $(VENV) with $$($(PYTHON_FOR_VENV) --version)"
	@$(PYTHON_FOR_VENV) -m venv $(VENV) || { rm -rf $(VENV); echo "Could not create a virtual environment: sudo apt-get install python3-venv"; exit 1; }
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@ $(VENV)/.base-installed

# The served address, for load_demo and for runserver alike: emails sent with no request
# (background tasks) link to it, and pages follow the request's own host (core/links.py).
run: export WAGTAILADMIN_BASE_URL = http://$(HOST):$(PORT)
run: $(VENV)/.base-installed pdf-deps ## Install, migrate, load the demo foundation and serve it on http://127.0.0.1:8000
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_demo
	@echo "Serving OMS Hub on http://$(HOST):$(PORT)/ (SQLite, development settings). Stop with Ctrl+C."
	$(PY) manage.py runserver $(HOST):$(PORT)

# Debian packages: WeasyPrint's libraries and a font for PDF letters; the browser and
# pdftoppm for tests. Installed with apt-get when missing (as root, or with sudo -n).
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(PDF_PACKAGES) poppler-utils postgresql-client
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then S=""; elif sudo -n true 2>/dev/null; then S="sudo"; else S="none"; fi; \
	missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && [ "$$S" != none ]; then echo "Installing with apt-get:" $$missing; \
		$$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq $$missing; fi; \
	missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)

pdf-deps:
	@$(call APT_INSTALL,$(PDF_PACKAGES)); \
	if [ -n "$$missing" ]; then echo "Note: PDF letters need: sudo apt-get install $$missing (the site runs without them)."; fi

test-deps: ## Install what the tests need from apt: Chromium and its driver, PDF libraries, pdftoppm, pg_dump for the restore drill
	@$(call APT_INSTALL,$(TEST_PACKAGES)); \
	if [ -n "$$missing" ]; then echo "Missing Debian packages: $$missing. Run: sudo apt-get install $$missing"; exit 1; fi
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else \
			echo "Chromium is missing at $(CHROMIUM) and this user cannot install it."; \
			echo "Run: sudo apt-get install chromium chromium-driver   (or set CHROMIUM=/path/to/chromium)"; exit 1; fi; \
		echo "Installing Chromium and its driver with apt-get"; \
		$$SUDO apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver \
			|| DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium-browser chromium-chromedriver \
			|| { echo "Could not install Chromium with apt-get: the browser tests cannot run."; exit 1; }; \
		if [ ! -x "$(CHROMIUM)" ]; then \
			echo "Chromium was installed but is not at $(CHROMIUM): run make test CHROMIUM=$$(command -v chromium chromium-browser | head -1)"; exit 1; fi; \
	fi

test: $(VENV)/.dev-installed test-deps ## Run the whole suite on SQLite, then on PostgreSQL when one answers
	@$(MAKE) --no-print-directory test-sqlite
	@if $(PY) -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(POSTGRES_URL)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "CI: no PostgreSQL answers at $(POSTGRES_URL); the suite must run on it too."; exit 1; \
	else \
		echo "No PostgreSQL answers at $(POSTGRES_URL): ran on SQLite only."; \
	fi

test-sqlite: $(VENV)/.dev-installed
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(PY) -m pytest -n auto -p no:cacheprovider $(PYTEST_ARGS)

test-postgres: $(VENV)/.dev-installed
	@echo "== Test suite on PostgreSQL"
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest -n auto -p no:cacheprovider $(PYTEST_ARGS)

test-fast: $(VENV)/.dev-installed ## Inner loop: SQLite, keep the test database between runs, stop at first failure
	env -u DATABASE_URL $(PY) -m pytest -n auto --reuse-db -x $(PYTEST_ARGS)

screenshots: $(VENV)/.dev-installed test-deps ## Save the home page, the giving, fundraising, events, care-journal and care-finder pages (375 and 1280 px), the PDF letter and visit report to docs/screenshots/
	SCREENSHOT_DIR=docs/screenshots env -u DATABASE_URL $(PY) -m pytest -p no:cacheprovider -q tests/e2e/test_layout.py tests/e2e/test_worried_parent.py tests/e2e/test_donor_journey.py tests/e2e/test_care_journal.py tests/e2e/test_episode_videos.py tests/e2e/test_family_account.py tests/e2e/test_fundraising_team.py tests/e2e/test_care_finder.py tests/e2e/test_events.py

lint: $(VENV)/.dev-installed ## ruff, mypy and the migrations check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy omshub tests bench
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.dev-installed ## Apply ruff's fixes and formatting
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(VENV)/.dev-installed ## Load-test under gunicorn, run Lighthouse, write docs/benchmarks.md
	@command -v wrk >/dev/null || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); $$S apt-get update -qq && $$S apt-get install -y -qq wrk; }
	@command -v node >/dev/null || { echo "Lighthouse needs Node.js 18 or newer: apt-get install nodejs npm"; exit 1; }
	$(PY) bench/run.py

# The production drill: its own PostgreSQL and Redis, two gunicorns behind HAProxy, task workers,
# the fake Stripe; locust in a virtual environment of its own (requirements/drill.txt).
DRILL_SECONDS ?= 360
DRILL_PACKAGES := haproxy redis-server postgresql openssl
DRILL_VENV := .venv-drill

$(DRILL_VENV)/.installed: requirements/drill.txt | $(PY)
	@test -x $(DRILL_VENV)/bin/python || $(PYTHON_FOR_VENV) -m venv $(DRILL_VENV)
	$(DRILL_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/drill.txt
	@touch $@

drill: $(VENV)/.dev-installed $(DRILL_VENV)/.installed ## Production drill on this machine under load, with faults; prints the table (DRILL_SECONDS=360)
	@$(call APT_INSTALL,$(DRILL_PACKAGES)); \
	if [ -n "$$missing" ]; then echo "The drill needs: sudo apt-get install $$missing"; exit 1; fi
	DRILL_SECONDS=$(DRILL_SECONDS) DRILL_LOCUST=$(DRILL_VENV)/bin/locust $(PY) bench/drill/run.py

restore-drill: $(VENV)/.base-installed ## Back up a demo database with scripts/backup.sh, restore it into a fresh one and compare (PostgreSQL)
	DRILL_POSTGRES_URL=$(POSTGRES_URL) $(PY) scripts/restore_drill.py

content-report: $(VENV)/.base-installed ## Measure the seeded topics' reading level into docs/content.md
	$(PY) manage.py content_report

messages: $(VENV)/.dev-installed ## Update the Spanish catalog after changing interface strings, and compile it
	cd omshub && ../$(PY) ../manage.py makemessages -l es --ignore "migrations/*" && ../$(PY) ../manage.py compilemessages

lock: $(VENV)/.dev-installed ## Re-pin dependencies after editing requirements/*.in
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes requirements/base.in -o requirements/base.txt
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes requirements/dev.in -o requirements/dev.txt
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes requirements/drill.in -o requirements/drill.txt

clean: ## Remove the virtual environment and local data (the demo database too)
	rm -rf $(VENV) $(DRILL_VENV) var
