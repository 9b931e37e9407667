# One command each: `make run` starts the dashboard on the sample school, `make test` runs every test.
# Both create .venv on first use, so they work on a fresh machine with only Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: run test lint types bench messages venv clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres]"
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --browser.gatherUsageStats false

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

types: $(STAMP)
	$(BIN)/mypy

messages: $(STAMP)  # extract every marked string and merge it into the catalogues
	$(BIN)/pybabel extract -F babel.cfg -k _ -k n_:1,2 -k N_ --no-location --sort-output -o fora_model/locale/fora_model.pot .
	$(BIN)/pybabel update -i fora_model/locale/fora_model.pot -d fora_model/locale -D fora_model --no-fuzzy-matching

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_analyses.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache dist build
