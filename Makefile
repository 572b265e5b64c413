# Mitreden: `make run` and `make test` set everything up themselves and are idempotent.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run test bench setup setup-dev translations migrate demo lint format check-browser clean help

help:
	@echo "make run    - set up, migrate, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - set up and run lint, format check and the whole test suite"
	@echo "make bench  - generate benchmark data (once) and measure the app under load (docs/PERFORMANCE.md)"

$(BIN)/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed translations

setup-dev: $(VENV)/.installed-dev node_modules/.installed translations

# Each catalog is compiled when its .po changed, so a second `make test` running at the same
# time (CI runs SQLite and PostgreSQL side by side) never rewrites a file the first one reads.
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
translations: $(CATALOGS:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	@$(BIN)/pybabel compile --statistics -d translations -l $* 2>&1 | grep -v "^compiling" || true

migrate: setup
	$(BIN)/flask db upgrade

demo: migrate
	$(BIN)/flask seed-demo

# The mail sender runs in the background next to the server and stops with it.
run: demo
	@echo "Mitreden runs on http://127.0.0.1:$(PORT) (demo accounts: see README.md)"
	@echo "Mails are delivered by 'flask mail send --watch' into instance/mail (see README.md)"
	@$(BIN)/flask mail send --watch --interval 10 & sender=$$!; \
	trap 'kill $$sender 2>/dev/null; wait $$sender 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile - wsgi:app

# The load driver (locust) lives in its own virtualenv, so the app's stays free of its packages.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: bench/requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@

# SQLite always; PostgreSQL as well when BENCH_DATABASES names it (see docs/PERFORMANCE.md).
BENCH_DATABASES ?= sqlite
bench: setup $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python bench/run.py --databases $(BENCH_DATABASES) $(BENCH_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup-dev lint
	$(BIN)/pytest -q $(PYTEST_ARGS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(BENCH_VENV) node_modules .pytest_cache
