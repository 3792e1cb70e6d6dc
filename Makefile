# Wegwijzer. `make run` starts the assistant on http://localhost:5005; `make test` runs
# every test. Both set up what they need first, and only redo what changed.

PYTHON ?= python3.10
VENV   := .venv
BIN    := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PIPELINE  := bot/nlp/pipeline/meta.json
MODEL     := models/wegwijzer.tar.gz
# Only what the model is trained from: endpoints, credentials and logging are read at run time.
TRAINING  := config/config.yml $(shell find domain data -name '*.yml') $(wildcard bot/nlp/*.py)
CHROMIUM  := /usr/bin/chromium
REDIS     := /usr/bin/redis-server
AXE       := .cache/axe/node_modules/axe-core/axe.min.js

.PHONY: help install pipeline model test run run-redis benchmark load clean
.DEFAULT_GOAL := help

help:
	@echo "make run        set up, then start the assistant on http://localhost:5005"
	@echo "make run-redis  the same with Redis: two Rasa servers (5005, 5006) sharing conversations"
	@echo "make test       set up, then run every test"
	@echo "make model      build the entity pipeline and train the model (both done by run and test)"
	@echo "make benchmark  print the measured figures"
	@echo "make load       the load benchmark against a minimal Rasa assistant (about 8 minutes)"
	@echo "make clean      remove what make built"

# The virtualenv and the project in it, redone only when pyproject.toml changes.
$(INSTALLED): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.10 is needed and '$(PYTHON)' is not found (with pyenv: pyenv install 3.10.13)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.2"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(INSTALLED)

# The spaCy entity pipeline, generated from CLDR data (never downloaded).
# (the phrase data, bot/nlp/data/{danger,statements,same_words}.yml, is read at run time: no rebuild, no retraining)
$(PIPELINE): $(INSTALLED) $(wildcard bot/nlp/*.py) bot/nlp/data/countries.yml
	$(BIN)/python -m bot.nlp.build

pipeline: $(PIPELINE)

# The Rasa model, trained again when its inputs change. Rasa's cache knows a component by
# its name and options, not its code: when our components' code changed, --force retrains
# them all rather than restore what the old code trained.
$(MODEL): $(PIPELINE) $(TRAINING)
	$(BIN)/rasa train --config config/config.yml --domain domain --data data --out models --fixed-model-name wegwijzer $(if $(filter bot/nlp/%.py,$?),--force)
	touch $@

model: $(MODEL)

run: $(MODEL)
	$(BIN)/python -m bot.serve

# Debian's Redis, for several Rasa servers sharing conversations (run without persistence).
$(REDIS):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null

run-redis: $(MODEL) $(REDIS)
	$(BIN)/python -m bot.serve --redis --rasa-servers 2

# The browser tests use Debian's chromium (no browser download) and axe-core from npm;
# the resilience tests Debian's redis-server.
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.10.3

test: $(MODEL) $(CHROMIUM) $(AXE) $(REDIS)
	$(BIN)/python -m pytest

benchmark: install
	$(BIN)/python benchmarks/rules_startup.py

# 20 people talking at once, then as fast as the servers go; the same against a minimal
# Rasa assistant trained in a temporary folder (benchmarks/load.py --help for the options).
load: $(MODEL)
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) models .rasa .cache bot/nlp/pipeline .pytest_cache .hypothesis
