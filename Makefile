# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs the pinned requirements it needs first.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds: the build date is the last commit's (the sitemap takes each page's last_reviewed).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.DEFAULT_GOAL := help
.PHONY: help serve build test lint unit data site browser linkcheck-external bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-20s %s\n", $$1, $$2}'

$(SITE_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

serve: $(SITE_STAMP) ## Serve the site with live reload on http://127.0.0.1:8000
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

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

test: $(DEV_STAMP) ## Run every check: lint, unit, data, built site and browser tests
	bash .ci/ensure-chromium
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest

linkcheck-external: $(DEV_STAMP) ## Check external links (needs a network; not part of offline CI)
	$(BIN)/python -m kb.external_links --site-dir site

bench: $(DEV_STAMP) ## Benchmark build time and size; appends to benchmarks/RESULTS.md
	$(BIN)/python benchmarks/build.py

clean: ## Remove the virtualenv, the built site and caches
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/.work
