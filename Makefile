# The one source of truth for set-up, run, test, lint and bench (CI calls `make test`).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint format db check bench browser clean catalogues

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

db: $(VENV)/.runtime  ## build (or refresh) data/eig.duckdb from the CSVs
	$(PY) -m eigdata ensure

check: $(VENV)/.runtime  ## validate the CSVs in data/ without building
	$(PY) -m eigdata check

run: db browser  ## serve the dashboard on the shipped data (Chromium: chart images)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

browser:  ## Debian chromium: browser tests and chart images (never a downloaded browser)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: $(VENV)/.dev browser  ## the whole test suite, one worker per core (pytest-xdist)
	$(PY) -m pytest -n auto --dist loadfile --durations=15

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

catalogues: $(VENV)/.runtime  ## add the texts newly wrapped in _() to eigdata/i18n/{fr,en}.po
	$(PY) -m eigdata.i18n.catalogues

bench: $(VENV)/.dev
	$(PY) -m bench

clean:
	rm -rf $(VENV) data/eig.duckdb data/.eig.duckdb.*
