# 地域未来マップ — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: setup run check test data bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Leaflet is copied from the installed pip package into ./static (git-ignored), never from a CDN;
# the static layer files are written once here so the app's first page view is fast.
setup: $(STAMP)
	$(PY) -m layers.static_files

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Lint, format, types and import contracts (pyproject.toml), then the whole suite.
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: setup check
	$(PY) -m pytest

# Rebuild the committed processed data from ../shared/data (maintainers only).
data: $(STAMP)
	$(PY) scripts/build_boundaries.py
	$(PY) scripts/build_layers.py
	$(PY) scripts/build_population.py
	$(PY) scripts/build_industry.py
	$(PY) scripts/build_labour.py

bench: setup
	$(PY) bench/bench_rerun.py

clean:
	rm -rf $(VENV) static var .pytest_cache
