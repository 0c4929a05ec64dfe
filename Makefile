# coproduce: `make run` to try it, `make test` to test it, `make help` for the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server the suite's second pass runs against (trust auth on this machine).
PG_URL ?= postgres://postgres@127.0.0.1:5432/coproduce
STATIC := build/static
GOVUK := node_modules/govuk-frontend/dist/govuk

.PHONY: help install assets migrate demo run worker test test-fast test-sqlite test-postgres test-api browser-deps lint typecheck check-migrations screenshots lock clean bench-live bench-themes bench-names bench-scale bench-report bench-methods bench-faults bench-appraisal bench-consensus report-pages

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/lock.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed assets ## Create .venv, install pinned dependencies and build the front end

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STATIC)/govuk/govuk-frontend.min.js: node_modules/.installed
	mkdir -p $(STATIC)/govuk
	cp -r $(GOVUK)/assets $(STATIC)/govuk/
	cp $(GOVUK)/govuk-frontend.min.js $@

$(STATIC)/%.js: coproduce/frontend/%.js
	mkdir -p $(STATIC)
	cp $< $@

build/axe.min.js: node_modules/.installed
	mkdir -p build
	cp node_modules/axe-core/axe.min.js $@

$(STATIC)/coproduce.css: node_modules/.installed coproduce/frontend/coproduce.scss
	mkdir -p $(STATIC)
	npx sass --load-path=node_modules --style=compressed --no-source-map coproduce/frontend/coproduce.scss $@

ASSETS := $(STATIC)/coproduce.css $(STATIC)/coproduce.js $(STATIC)/coproduce-body.js \
	$(STATIC)/govuk/govuk-frontend.min.js build/axe.min.js

assets: $(ASSETS) ## Build GOV.UK Frontend and our stylesheet into build/static

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

demo: migrate ## Load the demo programme (Bexley and a second area); safe to run again
	$(PY) manage.py load_demo

# DEBUG is off unless set; these development targets (and the steps they run first) turn it on, unless
# the environment says otherwise.
run migrate demo worker report-pages typecheck: export DEBUG ?= 1
run: demo ## Install, migrate, load the demo, then serve the site and run the task worker
	@echo ""
	@echo "  coproduce is at http://$(HOST):$(PORT)/  (back office: http://$(HOST):$(PORT)/manage/)"
	@echo "  Demo sign-ins (password for all: coproduce-demo):"
	@echo "    lead        programme lead, both areas"
	@echo "    facilitator facilitator, Bexley"
	@echo "    commissioner commissioner, Bexley"
	@echo "    centre      children's-centre manager, Bexley"
	@echo "    vcs         VCS member, Bexley"
	@echo "    viewer      viewer, Riverside"
	@echo "  Participants join an event at http://$(HOST):$(PORT)/join/ with the event's code."
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py worker & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

worker: install ## Run the background-task worker on its own
	$(PY) manage.py worker

.PHONY: backup restore
backup: ## Back up the database (SQLite or PostgreSQL, from DATABASE_URL) into backups/
	$(PY) manage.py backup

restore: ## Replace the database with a backup: make restore FILE=backups/coproduce-….sqlite3 (asks first)
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/coproduce-….sqlite3"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

# Debian packages the suite needs: Chromium for the browser tests, Pango for WeasyPrint's PDFs, DejaVu fonts
# for the PDFs' text, and poppler-utils (pdftoppm) to render PDF pages to PNG for docs/screenshots.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils

browser-deps: ## Install the Debian packages the tests need (needs root; only the missing ones)
	@missing="$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The tests need these Debian packages: sudo apt-get install $$missing"; exit 1; fi; fi

check-migrations: install ## Fail if a model change has no migration
	COPRODUCE_TESTING=1 $(PY) manage.py makemigrations --check --dry-run

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## mypy
	$(BIN)/mypy coproduce

test-sqlite: install browser-deps ## Run the suite on SQLite
	COPRODUCE_TESTING=1 $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: install browser-deps ## Run the suite on PostgreSQL ($$PG_URL)
	@bash scripts/ensure-postgres.sh "$(PG_URL)"
	COPRODUCE_TESTING=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: install ## The suite on SQLite without the tests marked slow (model, browser, large data): for while you work
	COPRODUCE_TESTING=1 $(BIN)/pytest -n 2 -m "not slow" $(PYTEST_ARGS)

test: check-migrations lint typecheck test-sqlite test-postgres test-api ## Everything CI checks: migrations, lint, types, the suite on SQLite then PostgreSQL, schemathesis on the API

# make test-api: schemathesis against the demo's API, served by runserver on a free loopback port over a
# throwaway SQLite database holding the demo and its theme analyses (run here, with the quick TF-IDF
# embedder), with a token of the demo's programme lead (who may write in both areas).
# Every check: no server error, no undocumented status code, no schema-valid request rejected, …
TEST_API_EXAMPLES ?= 10
test-api: install ## schemathesis against the demo's API (/api/openapi.json) with every check
	@set -euo pipefail; \
	dir="$$(mktemp -d /tmp/coproduce-test-api.XXXXXX)"; server=""; \
	trap 'if [ -n "$$server" ]; then kill "$$server" 2>/dev/null || true; wait "$$server" 2>/dev/null || true; fi; rm -rf "$$dir"' EXIT; \
	trap 'exit 130' INT TERM; \
	export DATABASE_URL="sqlite:///$$dir/db.sqlite3" DEBUG=0 SECRET_KEY=test-api-only ALLOWED_HOSTS=127.0.0.1 \
	  LOG_LEVEL=ERROR THEMES_EMBEDDER=tfidf; \
	$(PY) manage.py migrate --no-input -v0; \
	$(PY) manage.py createcachetable; \
	$(PY) manage.py load_demo >/dev/null; \
	$(PY) manage.py db_worker --batch --queue-name '*' >/dev/null 2>&1; \
	token="$$($(PY) manage.py api_token lead --name "make test-api")"; \
	port="$$($(PY) -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"; \
	base="http://127.0.0.1:$$port"; \
	$(PY) manage.py runserver --noreload "127.0.0.1:$$port" >"$$dir/server.log" 2>&1 & server=$$!; \
	for attempt in $$(seq 150); do \
	  $(PY) -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
	    "$$base/api/openapi.json" 2>/dev/null && break; \
	  if [ "$$attempt" = 150 ] || ! kill -0 "$$server" 2>/dev/null; then \
	    echo "the server did not answer $$base/api/openapi.json"; cat "$$dir/server.log"; exit 1; fi; \
	  sleep 0.2; \
	done; \
	cd "$$dir"; \
	$(CURDIR)/$(BIN)/schemathesis --config-file $(CURDIR)/tests/api/schemathesis.toml \
	  run "$$base/api/openapi.json" --checks all -H "Authorization: Bearer $$token" \
	  --max-examples $(TEST_API_EXAMPLES) --seed 1 --no-color $(SCHEMATHESIS_ARGS) \
	  || { echo "server log: (last 40 lines)"; tail -n 40 "$$dir/server.log"; exit 1; }

# The load test's own database, dropped and created afresh by each run.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/coproduce_bench
REPORT_BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/coproduce_report_bench
BENCH_ENV := DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 DATABASE_URL=$(BENCH_PG_URL) \
	PARTICIPANT_RATE=5000/m LOG_LEVEL=ERROR DB_CONN_MAX_AGE=60

bench-live: install ## Load test: 300 phones vote on 20 statements over two minutes, on PostgreSQL
	@bash scripts/ensure-postgres.sh "$(PG_URL)"
	$(BENCH_ENV) $(PY) manage.py collectstatic --no-input -v0
	$(BENCH_ENV) $(PY) benchmarks/live.py $(BENCH_ARGS)

bench-themes: install ## Theme clustering vs human labels and BERTopic (Banking77, ThemeFinder); writes docs/benchmarks.md
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/lock.txt -r requirements/bench.txt
	$(PY) benchmarks/themes.py $(BENCH_THEMES_ARGS)

bench-names: install ## Theme titles vs the names people gave (Banking77, ThemeFinder), beside the old keyword triples; writes docs/benchmarks-names.md
	$(PY) benchmarks/names.py $(BENCH_NAMES_ARGS)

bench-scale: install ## Theme engine on 12,500 to 100,000 comments (time, peak memory, growth, 1% re-analysis); writes docs/benchmarks-scale.md
	$(PY) benchmarks/scale.py $(BENCH_SCALE_ARGS)

bench-report: install browser-deps ## The case-study report of an area with 10,000 comments and 500 survey responses, timed; writes docs/benchmarks-report.md
	@bash scripts/ensure-postgres.sh "$(PG_URL)"
	DEBUG=0 SECRET_KEY=bench-only ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=ERROR THEMES_EMBEDDER=tfidf \
	  DATABASE_URL=$(REPORT_BENCH_PG_URL) $(PY) benchmarks/report.py $(BENCH_ARGS)

bench-methods: install ## Open Space schedules against their proven bounds, and a 40×60 speed-dating rotation
	COPRODUCE_TESTING=1 $(PY) benchmarks/methods.py

bench-appraisal: install ## Options appraisal: 10 options × 12 criteria × 60 partners, rank acceptability from 10,000 weight sets; writes docs/benchmarks-appraisal.md
	$(PY) benchmarks/appraisal.py $(BENCH_APPRAISAL_ARGS)

bench-consensus: install ## Opinion groups vs Pol.is's own on three Pol.is conversations (ARI, groups, seconds); writes docs/benchmarks-consensus.md
	$(PY) benchmarks/consensus.py $(BENCH_CONSENSUS_ARGS)

bench-faults: install ## Faults on loopback: a 10 s SQLite write lock, the worker killed mid-run, PostgreSQL restarted; writes docs/benchmarks-faults.md
	@bash scripts/ensure-postgres.sh "$(PG_URL)"
	$(PY) benchmarks/faults.py $(BENCH_ARGS)

screenshots: install browser-deps report-pages ## Re-take docs/screenshots/ with the browser tests
	SCREENSHOT_DIR=docs/screenshots COPRODUCE_TESTING=1 $(BIN)/pytest tests/browser -p no:randomly -q

REPORT_PAGES_DB := build/report-pages.sqlite3
report-pages: install browser-deps ## The Bexley demo's case-study PDF (build/bexley-report.pdf) and its pages as PNGs in docs/screenshots/
	rm -f $(REPORT_PAGES_DB)
	DATABASE_URL=sqlite:///$(REPORT_PAGES_DB) $(PY) manage.py migrate -v0
	DATABASE_URL=sqlite:///$(REPORT_PAGES_DB) $(PY) manage.py createcachetable
	DATABASE_URL=sqlite:///$(REPORT_PAGES_DB) $(PY) manage.py load_demo >/dev/null
	DATABASE_URL=sqlite:///$(REPORT_PAGES_DB) $(PY) manage.py report_pdf bexley build/bexley-report.pdf --analyse 6
	rm -f docs/screenshots/report-bexley-page-*.png
	pdftoppm -r 60 -png build/bexley-report.pdf docs/screenshots/report-bexley-page

lock: ## Re-resolve requirements/lock.txt from pyproject.toml
	rm -rf /tmp/coproduce-lock && $(PYTHON) -m venv /tmp/coproduce-lock
	/tmp/coproduce-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/coproduce-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements/lock.txt

clean: ## Remove the virtualenv, node_modules and built files
	rm -rf $(VENV) node_modules build staticfiles
