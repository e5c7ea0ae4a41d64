# 地域未来マップ — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
PORT   ?= 8501
# The app (requirements.txt), then the test tools on top (requirements-test.txt): both generated from
# pyproject.toml by `make lock`, never edited by hand.
APP    := $(VENV)/.installed-app
DEV    := $(VENV)/.installed-test

.PHONY: setup assets run check lock lock-check js-check test test-fast data bench clean

$(APP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(DEV): $(APP) requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

# eslint for our JavaScript (eslint.config.mjs), from the npm registry into ./node_modules (git-ignored), as package-lock.json pins it.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Leaflet is copied from the installed pip package into ./static (git-ignored), never from a CDN;
# the static layer files are written once here so the app's first page view is fast.
assets: $(APP)
	$(PY) -m layers.static_files

# Everything a developer needs: the app, the test tools, eslint and the static files.
setup: $(DEV) node_modules/.installed assets

run: $(APP) assets
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Lint, format, types and import contracts (pyproject.toml), our JavaScript, and the locks against pyproject.toml.
check: $(DEV) js-check lock-check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

js-check: node_modules/.installed
	node_modules/.bin/eslint .

# The locks, compiled from pyproject.toml (universal: one pin per package, with markers where a platform
# needs one). The versions already locked are kept where they still fit; `make lock UPGRADE=1` takes the newest.
LOCK_FLAGS := --universal --quiet --annotation-style line --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
LOCK_CMDS  := $(abspath $(UV)) pip compile pyproject.toml $(LOCK_FLAGS) --extra postgres -o requirements.txt \
	&& $(abspath $(UV)) pip compile pyproject.toml $(LOCK_FLAGS) --extra test -c requirements.txt -o requirements-test.txt

lock: $(DEV)
	$(LOCK_CMDS)

# The same compile in a scratch folder from copies of pyproject.toml and the locks: any difference means a
# lock was edited by hand or pyproject.toml changed without `make lock`. Needs PyPI (reachable here and in CI).
lock-check: $(DEV)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp pyproject.toml requirements.txt requirements-test.txt "$$tmp"/ && (cd "$$tmp" && $(LOCK_CMDS)) || exit 1; \
	if diff -u requirements.txt "$$tmp"/requirements.txt && diff -u requirements-test.txt "$$tmp"/requirements-test.txt; \
	then echo "requirements.txt and requirements-test.txt agree with pyproject.toml"; \
	else echo "the locks above do not match pyproject.toml: run 'make lock' and commit them" >&2; exit 1; fi

# The whole suite on two workers (pytest-xdist; a test file per worker at a time, so a file's fixtures and its
# order stay together): on this 2-core machine 6.5 min instead of 13.5 one test at a time (`pytest` alone).
test: setup check
	$(PY) -m pytest -n 2 --dist loadfile

# The quick tier while you work: no browser, no AppTest, on two workers (pytest-xdist, a test file per worker
# at a time); `make test` runs everything the same way.
test-fast: setup
	$(PY) -m pytest -m "not browser and not apptest" -n 2 --dist loadfile

# Rebuild the committed processed data from ../shared/data (maintainers only).
data: $(APP)
	$(PY) scripts/build_boundaries.py
	$(PY) scripts/build_layers.py
	$(PY) scripts/build_population.py
	$(PY) scripts/build_industry.py
	$(PY) scripts/build_labour.py

bench: setup
	$(PY) bench/bench_rerun.py

clean:
	rm -rf $(VENV) static var derived node_modules .pytest_cache
