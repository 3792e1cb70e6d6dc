# Wegwijzer. `make run` starts the assistant on http://localhost:5005; `make test` runs
# every test. Both set up what they need first, and only redo what changed.

PYTHON ?= python3.10
VENV   := .venv
BIN    := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: help install test run benchmark clean
.DEFAULT_GOAL := help

help:
	@echo "make run        set up, then start the assistant on http://localhost:5005"
	@echo "make test       set up, then run every test"
	@echo "make benchmark  print the measured figures"
	@echo "make clean      remove what make built"

# The virtualenv and the project in it, redone only when pyproject.toml changes.
$(INSTALLED): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.10 is needed and '$(PYTHON)' is not found (with pyenv: pyenv install 3.10.13)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.2"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

test: install
	$(BIN)/python -m pytest

benchmark: install
	$(BIN)/python benchmarks/rules_startup.py

clean:
	rm -rf $(VENV) models .pytest_cache .hypothesis
