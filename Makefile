# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs what it needs first, from the hash-pinned lock files requirements*.txt
# (`make lock` regenerates them from requirements*.in).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
LIGHTHOUSE_STAMP := benchmarks/node_modules/.installed
XLSX_STAMP := tools/xlsx/node_modules/.installed
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
TRESTLE_VENV := .venv-trestle
TRESTLE_STAMP := $(TRESTLE_VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds: the build date is the last commit's (the sitemap takes each page's last_reviewed).
SOURCE_DATE_EPOCH ?= $(shell git -c safe.directory="$(CURDIR)" log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.DEFAULT_GOAL := help
PIP_INSTALL := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --python $(BIN)/python --custom-compile-command "make lock"

.PHONY: help serve build offline build-zensical check test lint lock unit trestle linkcheck-external bench lighthouse vendor-xlsx clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-20s %s\n", $$1, $$2}'

$(SITE_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

# The dev lock is the site's lock plus the tools; uv (in that lock) then removes anything the lock does not name.
$(DEV_STAMP): $(SITE_STAMP) requirements-dev.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	$(BIN)/uv pip sync --quiet --require-hashes --python $(BIN)/python requirements-dev.txt
	touch $@

$(LIGHTHOUSE_STAMP): benchmarks/package.json benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund
	touch $@

$(XLSX_STAMP): tools/xlsx/package.json tools/xlsx/package-lock.json
	cd tools/xlsx && npm ci --no-audit --no-fund
	touch $@

$(ZENSICAL_STAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

# compliance-trestle validates the OSCAL downloads (tests/site/test_downloads.py); too large for the dev venv.
$(TRESTLE_STAMP): requirements-trestle.txt
	$(PYTHON) -m venv $(TRESTLE_VENV)
	$(TRESTLE_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-trestle.txt
	touch $@

trestle: $(TRESTLE_STAMP) ## Install compliance-trestle (OSCAL validation) into .venv-trestle from requirements-trestle.txt

PORT ?= 8000

# --dirty: each save rebuilds only the pages that changed and those that depend on them (kb/incremental.py).
serve: $(SITE_STAMP) ## Preview with live reload on http://127.0.0.1:$(PORT) (make serve PORT=8001); errors show in the page
	@$(BIN)/python -m kb.port $(PORT)
	SITE_URL=http://127.0.0.1:$(PORT)/ KB_PREVIEW=1 KB_STRICT_MACROS=false $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload --dirty

OFFLINE_ZIP := .cache/offline/ctpat-kb-offline.zip

# The published build: the offline copy first, then the site, which publishes its zip (KB_OFFLINE_ZIP).
build: $(SITE_STAMP) ## Build the site into site/ in strict mode, with the offline copy's zip; its hook runs the post-build step (downloads, fix-ups, link check)
	$(BIN)/python -m kb.offline --output $(OFFLINE_ZIP)
	KB_OFFLINE_ZIP=$(OFFLINE_ZIP) $(BIN)/mkdocs build --strict --clean

offline: $(SITE_STAMP) ## Build the offline copy (file://, no network) into .cache/offline/ctpat-kb-offline/ and zip it ($(OFFLINE_ZIP))
	$(BIN)/python -m kb.offline --output $(OFFLINE_ZIP) --site-dir .cache/offline/ctpat-kb-offline

# python -m puts the project on sys.path, so Zensical finds the kb.zensical extension that zensical.yml lists.
# --clean: Zensical's page cache does not know that pages depend on data/.
build-zensical: $(ZENSICAL_STAMP) ## Build the same site with Zensical (own virtualenv) into site-zensical/, then the post-build step
	rm -rf site-zensical
	$(ZENSICAL_VENV)/bin/python -m zensical build --strict --clean -f zensical.yml
	$(ZENSICAL_VENV)/bin/python -m kb.postbuild site-zensical

lint: $(DEV_STAMP) ## Lint code, data, text and workflows (ruff, mypy, yamllint, codespell, terminology, actionlint, zizmor)
	$(BIN)/ruff check kb tests benchmarks macros.py
	$(BIN)/mypy
	$(BIN)/yamllint --strict data mkdocs.yml .github .pre-commit-config.yaml
	$(BIN)/actionlint
	$(BIN)/zizmor --offline --quiet .github
	$(BIN)/codespell
	$(BIN)/python -m kb.terminology docs data

lock: $(DEV_STAMP) ## Resolve requirements*.in into the hash-pinned locks requirements*.txt (LOCK_FLAGS=--upgrade to upgrade)
	$(LOCK) $(LOCK_FLAGS) requirements.in -o requirements.txt
	$(LOCK) $(LOCK_FLAGS) requirements-dev.in -o requirements-dev.txt
	$(LOCK) $(LOCK_FLAGS) requirements-trestle.in -o requirements-trestle.txt

unit: $(DEV_STAMP) ## Unit tests only (fast)
	$(BIN)/pytest tests/unit

check: $(DEV_STAMP) ## The fast loop while editing: lint, unit and data tests (under 20 s)
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -q tests/unit tests/data

test: $(DEV_STAMP) $(ZENSICAL_STAMP) $(TRESTLE_STAMP) ## Run every check: lint, unit, data, built site (both engines) and browser tests
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

vendor-xlsx: $(XLSX_STAMP) ## Rebuild docs/assets/vendor/write-excel-file/ (the self-assessment's XLSX export) from tools/xlsx's pinned npm packages
	bash tools/xlsx/build.sh

clean: ## Remove the virtualenv, the built site and caches
	rm -rf $(VENV) $(TRESTLE_VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/.work benchmarks/node_modules tools/xlsx/node_modules
