# Two commands for a fresh clone (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EVAL ?= ../shared/eval

.PHONY: run test lint bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

## run: refresh the default store from data/sources.toml (the sample corpus), export it,
## and serve the dashboard on http://127.0.0.1:8050
run: $(VENV)/.runtime
	$(BIN)/python -m pipeline refresh
	$(BIN)/python -m pipeline export -o data/figures.csv
	$(BIN)/python -m dashboard --host 127.0.0.1 --port 8050

## test: install the test tools (Chromium, a local PostgreSQL) and run the whole test suite
test: $(VENV)/.dev
	-bash scripts/install-chromium.sh
	-bash scripts/start-postgres.sh
	$(BIN)/python -m pytest

## lint: check style and common mistakes
lint: $(VENV)/.dev
	$(BIN)/ruff check extract pipeline dashboard tests benchmarks scripts

## bench: accuracy on the sample corpus, and speed and accuracy on $(EVAL) when present
bench: $(VENV)/.dev
	$(BIN)/python benchmarks/sample_accuracy.py
	for c in data/reports data/reports_check*; do $(BIN)/python benchmarks/sample_accuracy.py --corpus $$c; done
	$(BIN)/python benchmarks/eval_accuracy.py --eval $(EVAL)
	$(BIN)/python benchmarks/main_event_accuracy.py --eval $(EVAL)
	$(BIN)/python benchmarks/place_accuracy.py --eval $(EVAL)
	$(BIN)/python benchmarks/reprint_accuracy.py
	$(BIN)/python benchmarks/claims_speed.py
# claims_scale: the store is built once into /tmp (reused while its parameters hold); a
# store of 100,000 figures here, as 1,000,000 (the issue's size) takes many minutes to
# build: run it with --figures 1000000 for the full size
	$(BIN)/python benchmarks/claims_scale.py --figures 100000 --cache /tmp/casualty-bench/claims_scale-100k.sqlite
	$(BIN)/python benchmarks/totals_speed.py --eval $(EVAL)
# dask_refresh: a refresh in one process against --workers 2; 2,000 documents here, the
# issue's sizes (--documents 20000 --large 100000) take most of an hour on 2 cores
	$(BIN)/python benchmarks/dask_refresh.py --documents 2000
	$(BIN)/python benchmarks/pathological.py
	$(BIN)/python benchmarks/refresh_speed.py
	$(BIN)/python benchmarks/dashboard_speed.py
# redraw_speed: a filter change to the by-date chart redrawn in headless Chromium, on the
# sample store and on dashboard_speed's store of 1,000,000 figures (kept in /tmp)
	$(BIN)/python benchmarks/redraw_speed.py
# evidence_speed and download_speed build a store of 1,000,000 figures once into
# /tmp/casualty-bench/ (minutes) and reuse it
	$(BIN)/python benchmarks/evidence_speed.py
	$(BIN)/python benchmarks/download_speed.py

## screenshot: regenerate docs/dashboard.png from the sample store in headless Chromium
screenshot: $(VENV)/.dev
	$(BIN)/python scripts/screenshot.py docs/dashboard.png

clean:
	rm -rf $(VENV) data/figures.csv .pytest_cache
