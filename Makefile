# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test quick screenshots audit install install-test lint format messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt

install-test: $(BIN)/python node_modules/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.txt

# axe-core for the browser tests; Lighthouse and the Nu HTML Checker for `make audit`.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

# Browser tests run when a Chromium is found (CHROMIUM_PATH, or `chromium` on the PATH);
# with CI=true a missing Chromium fails them instead of skipping.
test: install-test lint
	$(BIN)/pytest

# The daily loop, about a minute: every test that needs no server, browser or other process.
quick: install-test
	$(BIN)/pytest -m "not slow"

# The README's pictures in docs/screenshots/. CI=true makes a missing Chromium an error, not a skip.
screenshots: install-test
	CI=true $(BIN)/pytest -m screenshots tests/browser

# Lighthouse (home and a procedure page) and the Nu HTML Checker (every public page).
audit: install-test
	$(BIN)/pytest -m audit tests/browser

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# After changing the site's text: gather it into locale/<language>/LC_MESSAGES/django.po
# for translators, and compile their translations (django.mo, kept in the repository).
# Needs GNU gettext (apt-get install gettext).
messages: install
	$(BIN)/python manage.py makemessages --all
	$(BIN)/python manage.py compilemessages --ignore ".venv" --ignore "node_modules"

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Requests per second for cached and uncached pages beside a static file, queries per page,
# and render times with 10 and 1,000 procedures (benchmarks/run.py). Takes about two minutes.
.PHONY: bench
bench: install
	@command -v wrk > /dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } || \
		{ echo "make bench needs wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m benchmarks.run

# Search latency with 1,000 pages on SQLite and PostgreSQL (benchmarks/search.py), about a minute.
.PHONY: bench-search
bench-search: install-test
	$(BIN)/python -m benchmarks.search
