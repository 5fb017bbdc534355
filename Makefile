# SILEK — two commands do all set-up:  `make run`  and  `make test`.
# Every target is idempotent: a second run only repeats what changed.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NODE_MIN := 22.22
NODE_DIR := $(CURDIR)/.tools/node_modules/.bin
PORT ?= 3000

# Reflex 0.10.1 needs Node >= 22.22; its own bun download cannot work offline.
export REFLEX_USE_NPM := 1
export REFLEX_CHECK_LATEST_VERSION := 0
export REFLEX_TELEMETRY_ENABLED := 0
export PATH := $(NODE_DIR):$(CURDIR)/$(VENV)/bin:$(PATH)
export SILEK_PORT := $(PORT)

.PHONY: run test lint setup node db test-deps clean help

help:
	@echo "make run   — siapkan semuanya lalu jalankan SILEK di http://localhost:$(PORT)"
	@echo "make test  — siapkan semuanya lalu jalankan lint dan seluruh pengujian"

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

setup: $(VENV)/.installed node

# Use the system Node when it is new enough, otherwise a project-local one from npm.
node:
	@if node -e 'const [a,b]=process.versions.node.split(".").map(Number);const [x,y]="$(NODE_MIN)".split(".").map(Number);process.exit(a>x||(a==x&&b>=y)?0:1)' 2>/dev/null; then \
		echo "Node $$(node --version) siap."; \
	else \
		echo "Memasang Node 22 ke .tools/ dari registri npm..."; \
		npm install --silent --no-audit --no-fund --prefix .tools node@22 >/dev/null && \
		echo "Node $$($(NODE_DIR)/node --version) siap."; \
	fi

# About 2 years of realistic history on a NEW database, so every chart has data at
# first start; --if-empty leaves an existing database alone. The test server does
# not come through here, so its queue stays empty.
DEMO_FILES ?= 8000
db: setup
	$(PY) -m silek_app seed
	$(PY) -m silek_app demo --if-empty --applications $(DEMO_FILES) \
		--since $$($(PY) -c 'import datetime as d; print(d.date.today() - d.timedelta(days=730))')

run: db
	$(VENV)/bin/reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check silek_app tests bench alembic rxconfig.py
	$(VENV)/bin/ruff format --check silek_app tests bench alembic/env.py rxconfig.py

# Chromium from Debian's packages; Playwright only drives it (never downloads a browser).
test-deps:
	@command -v chromium >/dev/null 2>&1 && command -v zbarimg >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium zbar-tools >/dev/null)

AXE := .tools/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .tools axe-core@4.14.1 >/dev/null

test: setup test-deps $(AXE) lint
	$(PY) -m pytest

clean:
	rm -rf .web data/test-* .pytest_cache
