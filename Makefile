# rivalgraph: the two commands a newcomer needs are `make demo` and `make test`.
# Everything they need (a virtual environment and the Python packages) is set up here.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  ?= .rivalgraph/store

.PHONY: demo test install build lint bench clean virtuoso

# Set up, build the graph on the embedded store, and show the rivalry with its evidence.
demo: $(STAMP)
	$(BIN)/rivalgraph build --store $(STORE)
	$(BIN)/rivalgraph rivalry --store $(STORE) "Josh Kerr" "Jakob Ingebrigtsen"

# Set up and run the whole test suite (unit, doctests, end-to-end, a real Virtuoso server).
test: $(STAMP) virtuoso
	$(BIN)/python -m pytest

# Debian's virtuoso-opensource for the remote-store tests (idempotent; never starts the system instance).
virtuoso:
	scripts/virtuoso.sh install

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

build: $(STAMP)
	$(BIN)/rivalgraph build --store $(STORE)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf .rivalgraph build dist .pytest_cache .mypy_cache .ruff_cache
