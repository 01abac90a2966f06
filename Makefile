# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs the pinned requirements it needs first.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
LIGHTHOUSE_STAMP := benchmarks/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help serve build check test lint unit linkcheck-external bench lighthouse clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-20s %s\n", $$1, $$2}'

$(SITE_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(LIGHTHOUSE_STAMP): benchmarks/package.json benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund
	touch $@

PORT ?= 8000

serve: $(SITE_STAMP) ## Preview with live reload on http://127.0.0.1:$(PORT) (make serve PORT=8001); errors show in the page
	@$(BIN)/python -m kb.port $(PORT)
	SITE_URL=http://127.0.0.1:$(PORT)/ KB_PREVIEW=1 KB_STRICT_MACROS=false $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(SITE_STAMP) ## Build the site into site/ in strict mode
	$(BIN)/mkdocs build --strict --clean

lint: $(DEV_STAMP) ## Lint code, data and text (ruff, mypy, yamllint, codespell, terminology)
	$(BIN)/ruff check kb tests benchmarks macros.py
	$(BIN)/mypy
	$(BIN)/yamllint --strict data mkdocs.yml .github .pre-commit-config.yaml
	$(BIN)/codespell
	$(BIN)/python -m kb.terminology docs data

unit: $(DEV_STAMP) ## Unit tests only (fast)
	$(BIN)/pytest tests/unit

check: $(DEV_STAMP) ## The fast loop while editing: lint, unit and data tests (under 20 s)
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -q tests/unit tests/data

test: $(DEV_STAMP) ## Run every check: lint, unit, data, built site and browser tests
	bash .ci/ensure-chromium
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest

linkcheck-external: $(DEV_STAMP) ## Check external links (needs a network; not part of offline CI)
	$(BIN)/python -m kb.external_links --site-dir site

bench: $(DEV_STAMP) ## Build, edit-loop and size benchmarks vs a default Material site; appends to benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks.build $(BENCH_ARGS)

lighthouse: $(SITE_STAMP) $(LIGHTHOUSE_STAMP) ## Lighthouse (mobile, gzip-served) per page type; appends to benchmarks/RESULTS.md
	bash .ci/ensure-chromium
	$(BIN)/python -m benchmarks.lighthouse $(LIGHTHOUSE_ARGS)

clean: ## Remove the virtualenv, the built site and caches
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/.work benchmarks/node_modules
