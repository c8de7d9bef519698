# The two commands: `make run` (dashboard on the demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MODEL := data/models/tension-model.skops
DEMO_STORE := data/demo_store
PORT ?= 8501

.PHONY: run test venv model retrain demo lint format bench stress browser-deps clean

run: demo
	TENSION_STORE=$(DEMO_STORE) $(BIN)/streamlit run dashboard.py --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

test: $(MODEL) $(INSTALLED)
	$(BIN)/python -m pytest

venv: $(INSTALLED)

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

model: $(MODEL)

# The trained model ships with the repo; it is rebuilt only when missing (or by `make retrain`).
$(MODEL): | $(INSTALLED)
	$(BIN)/python -m scoring train

retrain: $(INSTALLED)
	$(BIN)/python -m scoring train

demo: $(DEMO_STORE)/tension.sqlite

$(DEMO_STORE)/tension.sqlite: $(MODEL)
	rm -rf $(DEMO_STORE).tmp
	$(BIN)/python -m scoring ingest data/demo/*.jsonl data/demo/pages --store $(DEMO_STORE).tmp
	rm -rf $(DEMO_STORE) && mv $(DEMO_STORE).tmp $(DEMO_STORE)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(MODEL)
	$(BIN)/python -m bench

stress: $(MODEL)
	$(BIN)/python -m pytest -m slow -s tests

# Debian Chromium (never a downloaded browser) for the browser test and PDF reports.
browser-deps:
	command -v chromium >/dev/null || (apt-get update -qq && \
		apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null)

clean:
	rm -rf $(DEMO_STORE) $(DEMO_STORE).tmp
