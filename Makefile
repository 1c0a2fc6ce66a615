# Two commands matter (README): `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: serve build check export class-report bundle test lint types jstest golden bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.report: requirements.txt requirements-report.txt | $(BIN)/activate
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-report.txt
	touch $(VENV)/.runtime $@

$(VENV)/.test: requirements.txt requirements-report.txt requirements-test.txt | $(BIN)/activate
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $(VENV)/.runtime $(VENV)/.report $@

## Preview with live reload at http://127.0.0.1:8000 (edits to chapters and banks reload the page).
serve: $(VENV)/.runtime
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ exactly as CI does.
build: $(VENV)/.runtime
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The tests' npm tools (axe-core; lighthouse for the benchmark), exactly as package-lock.json pins them.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js and npm (Debian/Ubuntu: sudo apt-get install nodejs npm), then run make test again." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Check every bank and every marker in every chapter without building (fast enough for every save).
check: $(VENV)/.runtime
	PYTHONPATH=hooks $(BIN)/python -m quizbank check

## Write dist/: QTI 1.2 and 2.1 packages, a Moodle (GIFT) file and a printable answer key (never published).
export: $(VENV)/.runtime
	PYTHONPATH=hooks $(BIN)/python -m quizbank export -o dist

## Item analysis of the progress files students handed in: make class-report IN=folder [OUT=dist/class-report].
OUT ?= dist/class-report
class-report: $(VENV)/.report
	@test -n "$(IN)" || { echo "Say which folder holds the students' progress files (or the LMS's zip): make class-report IN=path/to/folder [OUT=dist/class-report]" >&2; exit 2; }
	PYTHONPATH=hooks $(BIN)/python -m quizbank class-report "$(IN)" -o "$(OUT)"

## Rebuild the browser bundles (tools/bundle.mjs) after editing a script under overrides/assets/javascripts/quizbank/.
bundle: node_modules/.package-lock.json $(VENV)/.runtime
	QUIZBANK_PYTHON=$(BIN)/python node tools/bundle.mjs

## Every test: lint, types, the browser scripts' pure logic under Node, unit, golden, build and browser tests.
# The first three are one process each and run side by side (mypy alone takes 8 s on a cold cache);
# pytest then runs its own workers (pyproject.toml).
test: $(VENV)/.test node_modules/.package-lock.json
	@$(MAKE) --no-print-directory -j3 lint types jstest
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check hooks tests benchmarks
	$(BIN)/ruff format --check hooks tests benchmarks

types: $(VENV)/.test
	$(BIN)/mypy

jstest: $(VENV)/.test node_modules/.package-lock.json
	QUIZBANK_PYTHON=$(BIN)/python node --test tests/js/

## Rewrite the golden files after an intended change to the rendered markup; review the diff.
golden: $(VENV)/.test
	$(BIN)/pytest -n 0 tests/unit/test_golden.py tests/unit/test_export.py --update-golden

## Build-time benchmark (YAML banks versus inline mkdocs-quiz); prints figures.
bench: $(VENV)/.test
	$(BIN)/python benchmarks/build_time.py

clean:
	rm -rf site .pytest_cache .ruff_cache .mypy_cache
