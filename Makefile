# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOVUK := node_modules/govuk-frontend/dist/govuk
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
SCSS := $(wildcard static/scss/*.scss)
STATIC := $(shell find static -type f -not -path 'static/dist/*' -not -path 'static/scss/*' -not -path 'static/build/*' -not -name '.*')
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test setup lint browser redis postgres translations-extract translations-update clean

run: setup
	@echo ""
	@echo "Open http://127.0.0.1:5000 in your browser."
	@echo "Mail is written as .eml files under $${DATA_DIR:-instance}/mail/ unless SMTP_HOST is set."
	@echo ""
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port 5000

test: setup browser redis postgres
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

setup: $(VENV)/.installed static/build/main.css static/build/govuk-frontend.min.js static/dist/manifest.json $(MO)

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

static/build/main.css: node_modules/.installed $(SCSS)
	mkdir -p static/build
	npm run --silent build:css

static/build/govuk-frontend.min.js: node_modules/.installed
	mkdir -p static/build
	cp $(GOVUK)/govuk-frontend.min.js static/build/govuk-frontend.min.js

# The files served under /static/: content-hashed names and gzip and brotli copies, made once here (wizard/assets.py).
static/dist/manifest.json: $(VENV)/.installed static/build/main.css static/build/govuk-frontend.min.js $(STATIC) wizard/assets.py
	$(BIN)/python -m wizard.assets

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations -l $* -f

# Debian's Chromium, installed only when no browser is found.
browser:
	@if [ -x "$(CHROMIUM)" ]; then echo "Browser: $(CHROMIUM)"; \
	else echo "No browser at $(CHROMIUM): installing Debian's chromium"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; fi

# Debian's redis-server, for the test that two app instances share one rate limit; installed only when missing.
redis:
	@if [ -x /usr/bin/redis-server ]; then echo "Redis: /usr/bin/redis-server"; \
	else echo "No /usr/bin/redis-server: installing Debian's redis-server"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server; fi

# Debian's postgresql, for the tests that run the storage on a real PostgreSQL server (each run starts its own,
# in a temporary folder, on a free port); installed only when missing. `make run` needs no database server.
postgres:
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then echo "PostgreSQL: $$(ls -d /usr/lib/postgresql/*/bin | tail -1)"; \
	else echo "No PostgreSQL server programs: installing Debian's postgresql"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql; fi

lint: setup
	$(BIN)/ruff check .

# For developers: refresh the catalogue after changing text.
translations-extract: $(VENV)/.installed
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -k _l -k N_ -k NP_:1c,2 -k lazy_pgettext:1c,2 -o translations/messages.pot .

translations-update: translations-extract
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations

clean:
	rm -rf $(VENV) node_modules static/build static/dist
	find translations -name '*.mo' -delete
