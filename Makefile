# Two set-up commands: `make run` (install, ingest the bundled sample into tidings.db,
# print its events) and `make test` (install dev extras, lint, type-check, run every test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := src/tidings/data/sample

.PHONY: run test lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/tidings ingest $(SAMPLE) --db tidings.db
	$(BIN)/tidings events --db tidings.db

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests tools

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest

test: lint typecheck pytest

clean:
	rm -rf $(VENV) tidings.db tidings.db-wal tidings.db-shm
