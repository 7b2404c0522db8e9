# Two commands set up a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export DJANGO_SETTINGS_MODULE ?= literacy.settings.dev
# Debian packages: gettext compiles the message catalogues, DejaVu draws
# Vietnamese text in demo images; Chromium and LibreOffice serve the tests.
APT_RUN := gettext fonts-dejavu-core
APT_TEST := chromium fonts-noto-core libreoffice-calc-nogui
# wrk loads pages for bench/page_rate.py.
APT_BENCH := wrk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install run run-scaled worker test test-fast lint format bench messages apt-run apt-test apt-bench demo clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

apt-run:
	@missing=""; for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing$$missing"; $(SUDO) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

apt-test:
	@missing=""; for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing$$missing"; $(SUDO) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

messages: $(VENV)/.installed apt-run ## Compile the translated message catalogues
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

install: $(VENV)/.installed messages ## Create .venv and install everything

demo: install ## Migrate and load the demo data (idempotent)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo

run: demo ## Serve the demo site with a background worker at http://127.0.0.1:8000
	@echo ""
	@echo "  Site:   http://$(HOST):$(PORT)/        Admin: http://$(HOST):$(PORT)/admin/"
	@echo "  Logins (password: $${DEMO_PASSWORD:-demo}): admin, editor, moderator, volunteer, volunteer2, leader, official"
	@echo "  Ctrl-C stops the web server and the worker."
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py qcluster & \
	$(PY) manage.py runserver $(HOST):$(PORT)

run-scaled: install ## The demo on PostgreSQL and Redis with 2 gunicorn and 2 qcluster processes (installs them if missing)
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) bin/run-scaled

worker: install ## Run only the django-q2 worker
	$(PY) manage.py qcluster

test: install apt-test ## Install test needs and run checks and the whole suite
	DJANGO_SETTINGS_MODULE=literacy.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=literacy.settings.test $(PY) manage.py makemigrations --check --dry-run --noinput
	DJANGO_SETTINGS_MODULE=literacy.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-fast: install ## The suite without browser tests
	DJANGO_SETTINGS_MODULE=literacy.settings.test $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff, ruff format, djhtml, import-linter (the layers) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(git ls-files '*.html')
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: $(VENV)/.installed ## Format Python and templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $$(git ls-files '*.html')

apt-bench:
	@missing=""; for p in $(APT_BENCH); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing$$missing"; $(SUDO) apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

bench: install apt-test apt-bench ## Run the benchmarks under bench/ (ratios, not timed tests)
	DJANGO_SETTINGS_MODULE=literacy.settings.dev $(PY) bench/run.py

clean: ## Remove the virtualenv, database and built files
	rm -rf $(VENV) db.sqlite3* static private
