# The two commands: `make run` and `make test`. Everything else here is what they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck bench bench-api bench-api-country bench-load bench-compare bench-bulk bench-country bench-search fuzz-loaders clean web web-check browser node-checks schema-doc

# The map page (/map): built from web/src with npm into web/dist, which is committed with a hash of
# its sources, so that serving it needs neither npm nor the network. `make test` rebuilds it only
# when the sources no longer match that hash (and says so when npm is missing).
WEB_SOURCES := $(sort $(wildcard web/src/*)) web/build.mjs web/package.json web/package-lock.json
WEB_HASH = $(shell cat $(WEB_SOURCES) | sha256sum | cut -c1-16)

web:
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build
	@echo $(WEB_HASH) > web/dist/SOURCES.sha256

web-check:
	@if [ "$$(cat web/dist/SOURCES.sha256 2>/dev/null)" != "$(WEB_HASH)" ]; then \
	  if command -v npm >/dev/null; then $(MAKE) --no-print-directory web; \
	  else echo "note: web/src changed since web/dist was built and npm is missing: serving the old build"; fi; \
	fi

# Debian's Chromium for the map's browser tests; never a browser download.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	else echo "note: Chromium is missing and cannot be installed here (not root): the map's browser tests skip"; fi

# tests/node: cytoscape.js for the Cytoscape export; Apollo Client, relay-runtime and the Relay
# compiler for the GraphQL client checks. Skipped without npm.
node-checks:
	@if command -v npm >/dev/null; then cd tests/node && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "note: npm is not installed: the Cytoscape export and GraphQL client checks skip"; fi

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) is needed (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# CIVICGRAPH_WORKERS API processes (2 by default) beside the local Neo4j.
run: $(STAMP)
	$(BIN)/civicgraph run

test: $(STAMP) lint typecheck web-check browser node-checks
	$(BIN)/python -m pytest; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Loads a synthetic graph (>100,000 entities, >300,000 relations) through the loader into a fresh
# local Neo4j, beside a one-transaction-per-item baseline (bench/bench_load.py).
bench: $(STAMP)
	$(BIN)/python -m bench.bench_load

# p50/p95 of the accountability and neighbourhood questions, GraphQL over HTTP beside the same Cypher.
bench-api: $(STAMP)
	$(BIN)/python -m bench.bench_api

# At country scale: data/ and every current register authority (bench/generate_country.py) bulk-loaded
# into a fresh Neo4j, then p50/p95 of every root question, load time and memory; about 20 minutes.
bench-api-country: $(STAMP)
	$(BIN)/python -m bench.bench_api --country --runs 200 --warmup 20

# requests/s, p50/p95/p99 and errors of `civicgraph serve` under 5 and 100 clients on loopback, for
# one worker and for CIVICGRAPH_WORKERS (bench/bench_http.py, bench/HTTP_RESULTS.md); a few minutes.
bench-load: $(STAMP)
	$(BIN)/python -m bench.bench_http

# civicgraph beside @neo4j/graphql (Apollo Server, Node) on the same Neo4j and generated graph: the same
# questions in turn, answers checked alike, p50/p95/p99, answers/s at 8 and 32 connections, memory.
# BODIES=510 for the loader benchmark's size (bench/COMPARE_RESULTS.md). Needs npm.
bench-compare: $(STAMP)
	cd bench/compare && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bench.bench_compare $(if $(BODIES),--bodies $(BODIES))

# The bulk first load (neo4j-admin database import) of the generated graph, and at country scale.
bench-bulk: $(STAMP)
	$(BIN)/python -m bench.bench_bulk

bench-country: $(STAMP)
	$(BIN)/python -m bench.bench_bulk --country --writer

# recall@5 and MRR of search and name lookup over bench/search_quality.yaml (bench/SEARCH_RESULTS.md).
bench-search: $(STAMP)
	$(BIN)/python -m bench.evaluate_search

# docs/schema.md, regenerated from the knowledge base in data/ loaded into the test Neo4j.
schema-doc: $(STAMP)
	CIVICGRAPH_WRITE_SCHEMA_DOC=1 $(BIN)/python -m pytest -q tests/test_schema_doc.py

# The loader fuzzer at length: 1,200 seeded cases of broken and hostile files through the real
# pipeline (make test runs 60 of them).
fuzz-loaders: $(STAMP)
	FUZZ_CASES=1200 $(BIN)/python -m pytest -q -s tests/test_hostile_files.py

clean:
	rm -rf $(VENV) .state
