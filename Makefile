# fraudgraph: the two README commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
DEMO_DB ?= $(DEMO_DIR)/fraudgraph.duckdb
PORT ?= 8501

.PHONY: setup run test test-fast lint browser-deps clean bench screenshots

setup: $(STAMP)

# Re-install only when the project definition changed: quick and idempotent.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/fraudgraph demo --db $(DEMO_DB) --out-dir $(DEMO_DIR)/data
	$(BIN)/fraudgraph app --db $(DEMO_DB) --port $(PORT)

# Debian's chromium drives the real-browser test (no browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser test" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: setup browser-deps
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser"

screenshots: setup browser-deps
	FRAUDGRAPH_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/test_browser_app.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	@echo "see bench/README.md: benchmarks run by hand" >&2

clean:
	rm -rf $(VENV) $(DEMO_DIR) build *.egg-info .pytest_cache
