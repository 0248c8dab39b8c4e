# Intreccio — the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt pyproject.toml | cksum | cut -d' ' -f1)
DEMO_SIZE ?= small
DEMO_SEED ?= 1

.PHONY: demo test run worker bench lint format check-imports messages lock vendor clean security

$(STAMP): requirements/dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

## make demo: set up, migrate SQLite, seed the demo territory if empty, serve at http://127.0.0.1:8000 with the worker
demo: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --size $(DEMO_SIZE) --seed $(DEMO_SEED) --if-empty
	$(BIN)/python manage.py show_demo_accounts
	./scripts/serve.sh

## make test: the whole suite (SQLite by default; PostgreSQL when DATABASE_URL points to one)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

run: $(STAMP)
	./scripts/serve.sh

bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes small medium

## make security: the security tests, the backup/restore drill and security-report.json
security: $(STAMP)
	SECURITY_REPORT_DIR=$(CURDIR)/var/security $(BIN)/python -m pytest -q tests/security intreccio/audit $(PYTEST_ARGS)
	$(BIN)/python scripts/backup_drill.py --output var/backup-drill.json
	$(BIN)/python scripts/security_report.py --figures var/security --drill var/backup-drill.json

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The operator interface's English catalogue (locale/en), filled from
# scripts/translations_en.py. The portal is left out: its catalogues
# (intreccio/portal/locale/en, locale/<fr|es|ar|uk|ro|sq>) are kept by hand and
# makemessages would drop the directory strings they carry. Italian is the
# source language and has no catalogue. The last step fails if any string
# still lacks its English translation.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=static --ignore=intreccio/portal --no-obsolete
	$(BIN)/python scripts/translate_en.py
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv --ignore=node_modules
	$(BIN)/python scripts/translate_en.py --check

lock:
	./scripts/lock.sh

vendor:
	npm ci --no-audit --no-fund --ignore-scripts
	node scripts/vendor.mjs

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static var/audit-anchor-*.jsonl var/security
