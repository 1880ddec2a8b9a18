# conceptgraph: `make demo` builds the sample graph; `make test` runs the whole suite
# (starting and stopping the local Neo4j it needs unless NEO4J_URI is already set).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NEO4J_LOCAL := docker/neo4j/neo4j-local
export NEO4J_PASSWORD ?= conceptgraph-test
export HF_HUB_OFFLINE := 1

.PHONY: install demo test test-fast lint neo4j-up neo4j-down browser-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/conceptgraph build examples --db out/demo.db
	$(BIN)/conceptgraph view --db out/demo.db --top 150 -o out/concept-map.html
	$(BIN)/conceptgraph concepts --db out/demo.db --top 15

# Debian's Chromium for the browser tests (we are root on CI and dev machines).
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium" >&2; fi; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

neo4j-up:
	$(NEO4J_LOCAL) up

neo4j-down:
	$(NEO4J_LOCAL) down

# With NEO4J_URI set, the suite uses that server; otherwise it starts the local one
# and always stops it again, passing pytest's exit status through.
test: $(STAMP) browser-deps
	$(BIN)/ruff check .
	@if [ -n "$$NEO4J_URI" ]; then \
	  $(BIN)/pytest -q; \
	else \
	  $(NEO4J_LOCAL) up || exit 1; \
	  NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USERNAME=neo4j $(BIN)/pytest -q; status=$$?; \
	  $(NEO4J_LOCAL) down; exit $$status; \
	fi

bench: $(STAMP)
	$(BIN)/python bench/keyphrase_speed.py

clean:
	rm -rf out .pytest_cache .ruff_cache conceptgraph.db
