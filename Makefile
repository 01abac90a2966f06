# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs the pinned requirements it needs first.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help serve build build-zensical check test lint unit linkcheck-external bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-20s %s\n", $$1, $$2}'

$(SITE_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(ZENSICAL_STAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

PORT ?= 8000

serve: $(SITE_STAMP) ## Preview with live reload on http://127.0.0.1:$(PORT) (make serve PORT=8001); errors show in the page
	@$(BIN)/python -m kb.port $(PORT)
	SITE_URL=http://127.0.0.1:$(PORT)/ KB_PREVIEW=1 KB_STRICT_MACROS=false \
	  $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(SITE_STAMP) ## Build the site into site/ in strict mode, then the post-build step (downloads, fix-ups, link check)
	$(BIN)/mkdocs build --strict --clean
	$(BIN)/python -m kb.postbuild site

# python -m puts the project on sys.path, so Zensical finds the kb.zensical extension that zensical.yml lists.
# --clean: Zensical's page cache does not know that pages depend on data/.
build-zensical: $(ZENSICAL_STAMP) ## Build the same site with Zensical (own virtualenv) into site-zensical/, then the post-build step
	rm -rf site-zensical
	$(ZENSICAL_VENV)/bin/python -m zensical build --strict --clean -f zensical.yml
	$(ZENSICAL_VENV)/bin/python -m kb.postbuild site-zensical

lint: $(DEV_STAMP) ## Lint code, data and text (ruff, mypy, yamllint, codespell, terminology)
	$(BIN)/ruff check kb tests benchmarks macros.py
	$(BIN)/mypy
	$(BIN)/yamllint --strict data mkdocs.yml zensical.yml .github .pre-commit-config.yaml
	$(BIN)/codespell
	$(BIN)/python -m kb.terminology docs data

unit: $(DEV_STAMP) ## Unit tests only (fast)
	$(BIN)/pytest tests/unit

check: $(DEV_STAMP) ## The fast loop while editing: lint, unit and data tests (under 20 s)
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -q tests/unit tests/data

test: $(DEV_STAMP) $(ZENSICAL_STAMP) ## Run every check: lint, unit, data, built site (both engines) and browser tests
	bash .ci/ensure-chromium
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest

linkcheck-external: $(DEV_STAMP) ## Check external links (needs a network; not part of offline CI)
	$(BIN)/python -m kb.external_links --site-dir site

bench: $(DEV_STAMP) ## Benchmark build time and size; appends to benchmarks/RESULTS.md
	$(BIN)/python benchmarks/build.py

clean: ## Remove the virtualenv, the built site and caches
	rm -rf $(VENV) $(ZENSICAL_VENV) site site-zensical .cache .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/.work
