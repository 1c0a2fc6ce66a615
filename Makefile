# Two commands matter (README): `make serve` and `make test`. Both create .venv on first use.
# `make` alone lists every target: each one's `## ` line, just above it, is its entry in that list.
PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
DEV_ADDR ?= 127.0.0.1:8000
# The site's engine, as every target and the Pages workflow run it (one place to change it).
MKDOCS   := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
# Which engine renders the pages: mkdocs (the default) or zensical, Material for MkDocs' successor
# (`make build ENGINE=zensical`; README and For instructors say what differs). Zensical runs no MkDocs
# hook: `python -m quizbank site` then does the site-level steps over what it built (quizbank/postbuild.py).
ENGINE   ?= mkdocs
ENGINES  := mkdocs zensical
ZENSICAL := $(BIN)/zensical
QUIZBANK := PYTHONPATH=hooks $(BIN)/python -m quizbank
# Node's test runner, given the files: Node 22 and later read a bare folder as a module to run.
NODE_TESTS = tests/js/*.test.mjs
# The oldest Node.js the tools and tests support (package.json's engines says the same).
NODE_MIN = 20

.DEFAULT_GOAL := help
.PHONY: help serve build check export schema class-report bundle test lint types jstest golden bench clean

## List these targets (what `make` alone does).
help:
	@echo "Usage: make <target>   (the first run of serve, build or test sets up .venv/ by itself)"
	@awk '/^## /{doc = substr($$0, 4); next} /^[a-z][a-z-]*:/{if (doc != "") printf "  %-13s %s\n", substr($$1, 1, length($$1) - 1), doc} {doc = ""}' $(MAKEFILE_LIST)

$(BIN)/activate:
	@echo "Creating the Python environment in $(VENV)/ (first run only)..."
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	@echo "Installing the site's Python packages (requirements.txt) into $(VENV)/: about 20 s on a first run, then never again until requirements.txt changes..."
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.report: requirements.txt requirements-report.txt | $(BIN)/activate
	@echo "Installing the class report's Python packages (requirements-report.txt) into $(VENV)/: about 20 s on a first run..."
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-report.txt
	touch $(VENV)/.runtime $@

$(VENV)/.zensical: requirements.txt requirements-zensical.txt | $(BIN)/activate
	@echo "Installing Zensical (requirements-zensical.txt) into $(VENV)/: about 10 s on a first run..."
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-zensical.txt
	touch $(VENV)/.runtime $@

$(VENV)/.test: requirements.txt requirements-report.txt requirements-zensical.txt requirements-test.txt | $(BIN)/activate
	@echo "Installing the test tools (requirements-test.txt) into $(VENV)/: about a minute on a first run..."
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $(VENV)/.runtime $(VENV)/.report $(VENV)/.zensical $@

# What a target needs installed for the engine it runs: an unknown ENGINE stops here, with the choices.
ifeq ($(ENGINE),mkdocs)
ENGINE_PACKAGES := $(VENV)/.runtime
else ifeq ($(ENGINE),zensical)
ENGINE_PACKAGES := $(VENV)/.zensical
else
$(error ENGINE=$(ENGINE) is not an engine this site builds with: use one of $(ENGINES) (make build ENGINE=zensical))
endif

## Preview with live reload; prints its address (http://127.0.0.1:8000/cloud-fine-tuning/). Ctrl+C stops it. [ENGINE=zensical]
serve: $(ENGINE_PACKAGES)
	@echo "Serving the site at http://$(DEV_ADDR)$$(PYTHONPATH=hooks $(BIN)/python -c 'from quizbank.siteconfig import read_config, site_path; from pathlib import Path; print(site_path(read_config(Path("mkdocs.yml"))))') with live reload (Ctrl+C stops it)."
ifeq ($(ENGINE),zensical)
	@# Zensical serves site/ as it rebuilds it; the site command finishes each rebuild (no worker under serve).
	@# PYTHONPATH=hooks: this folder's quizbank, even if .venv's editable install points at another copy.
	@rm -rf site
	@QUIZBANK_SERVE=1 PYTHONPATH=hooks $(ZENSICAL) serve -f mkdocs.yml --dev-addr $(DEV_ADDR) & engine=$$!; \
	trap 'kill $$engine 2>/dev/null' EXIT INT TERM; \
	QUIZBANK_SERVE=1 $(QUIZBANK) site --serve --watch
else
	$(MKDOCS) serve --dev-addr $(DEV_ADDR)
endif

## Build the site into site/ exactly as the Pages workflow does (--strict: any warning stops it). [ENGINE=zensical]
build: $(ENGINE_PACKAGES)
ifeq ($(ENGINE),zensical)
	@# Every bank, marker and fact problem listed first, located (Zensical would show the first in a traceback).
	@$(QUIZBANK) check
	rm -rf site
	PYTHONPATH=hooks $(ZENSICAL) build -f mkdocs.yml --strict --clean
	$(QUIZBANK) site
else
	$(MKDOCS) build --strict
endif

# The tests' npm tools (axe-core; lighthouse for the benchmark), exactly as package-lock.json pins them.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js $(NODE_MIN) or newer with npm (https://nodejs.org/, or your system's packages), then run make test again." >&2; exit 1; }
	@echo "Installing the test tools' npm packages (package-lock.json) into node_modules/..."
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Check every bank and every marker in every chapter without building: every problem at once, by file and line.
check: $(VENV)/.runtime
	@PYTHONPATH=hooks $(BIN)/python -m quizbank check

## Write dist/: QTI 1.2 and 2.1, Moodle GIFT and a printable answer key (never published); losses in dist/export-losses.txt.
export: $(VENV)/.runtime
	@PYTHONPATH=hooks $(BIN)/python -m quizbank export -o dist

## Write quizzes/schema.json (the bank format for editors) from the question types: after adding a type or a key.
schema: $(VENV)/.runtime
	@PYTHONPATH=hooks $(BIN)/python -m quizbank schema

OUT ?= dist/class-report
## Item analysis of the progress files students handed in: make class-report IN=folder [OUT=dist/class-report].
class-report: $(VENV)/.report
	@test -n "$(IN)" || { echo "Say which folder holds the students' progress files (or the LMS's zip): make class-report IN=path/to/folder [OUT=dist/class-report]" >&2; exit 2; }
	PYTHONPATH=hooks $(BIN)/python -m quizbank class-report "$(IN)" -o "$(OUT)"

## Rebuild the browser bundles (tools/bundle.mjs) after editing a script under overrides/assets/javascripts/quizbank/.
bundle: node_modules/.package-lock.json $(VENV)/.runtime
	QUIZBANK_PYTHON=$(BIN)/python node tools/bundle.mjs

# The first three are one process each and run side by side (mypy alone takes 8 s on a cold cache);
# pytest then runs its own workers (pyproject.toml).
## Every test: lint, types, the browser scripts under Node, unit, golden, build, browser and accessibility tests.
test: $(VENV)/.test node_modules/.package-lock.json
	@$(MAKE) --no-print-directory -j3 lint types jstest
	$(BIN)/pytest

## Lint and format check of the Python code (ruff).
lint: $(VENV)/.test
	$(BIN)/ruff check --no-cache hooks tests benchmarks
	$(BIN)/ruff format --no-cache --check hooks tests benchmarks

## Type check of the Python code (mypy).
types: $(VENV)/.test
	$(BIN)/mypy

## The browser scripts' tests under Node's own runner (Node.js 20, 22 or 24).
jstest: $(VENV)/.runtime node_modules/.package-lock.json
	@command -v node >/dev/null || { echo "node not found: install Node.js $(NODE_MIN) or newer (https://nodejs.org/), then run make test again." >&2; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < $(NODE_MIN) ? 1 : 0)' || { echo "Node.js $$(node --version) is too old for the tests: install Node.js $(NODE_MIN) or newer (20, 22 and 24 are tested; https://nodejs.org/), then run make test again." >&2; exit 1; }
	QUIZBANK_PYTHON=$(BIN)/python node --test $(NODE_TESTS)

## Rewrite the golden files after an intended change to the rendered markup; review the diff.
golden: $(VENV)/.test
	$(BIN)/pytest -n 0 tests/unit/test_golden.py tests/unit/test_export.py --update-golden

## Build-time benchmark (YAML banks versus inline mkdocs-quiz); prints figures.
bench: $(VENV)/.test
	$(BIN)/python benchmarks/build_time.py

## Remove what builds and tests leave behind (site/, Zensical's .cache/, caches); .venv/, node_modules/ and dist/ stay.
clean:
	rm -rf site .cache .pytest_cache .ruff_cache .mypy_cache
