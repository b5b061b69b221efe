# Samenplan: `make demo` runs the app on demo data; `make test` runs everything CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# PORT goes along, so that links in the demo's e-mails point at the port it runs on.
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev PORT=$(PORT)
TEST := DJANGO_SETTINGS_MODULE=config.settings.test
# Browser tests (slow): CI runs them once, on PostgreSQL (E2E=0 skips them), on two
# workers, each with its own live server, browser and test database.
E2E ?= 1
E2E_WORKERS ?= 2
# Unit tests (UNIT=0 skips them): CI runs them on PostgreSQL as the runtime role instead
# (test-pg-runtime), which covers every one of them.
UNIT ?= 1

.PHONY: install assets demo serve test test-fast test-pg-runtime lint check-deploy browser schermafdrukken clean

install: $(VENV)/.installed assets

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

assets: static/vendor/.built

static/vendor/.built: package.json package-lock.json scripts/build-assets.mjs
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	touch $@

demo: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py seed_demo
	@echo "Samenplan draait op http://127.0.0.1:$(PORT) (stoppen met Ctrl+C)"
	@# Beside the server: the job worker (e-mail) and the planner (daily jobs); the trap
	@# stops both when the server stops.
	@$(DEV) $(PY) manage.py werker --queue-name '*' --no-reload & worker=$$!; \
	$(DEV) $(PY) manage.py planner & planner=$$!; \
	trap 'kill $$worker $$planner 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production stack on PostgreSQL: gunicorn, job worker and planner (scripts/serve.sh).
serve: install
	PY=$(PY) PORT=$(PORT) ./scripts/serve.sh

# Debian's Chromium for the browser tests (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Chromium ontbreekt: installeren met apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# ruff (with complexity at most 10, see pyproject.toml); every view and service signature
# carries type hints.
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m ruff check --select ANN001,ANN201,ANN202 $$(git ls-files '*/views.py' '*/views/*.py' '*/services.py' '*/services/*.py' ':!:tests')

# Production refuses to start without a PostgreSQL DATABASE_URL; the check only parses it.
check-deploy: install
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=samenplan.example SAMENPLAN_BASE_URL=https://samenplan.example \
	DATABASE_URL="$${DATABASE_URL:-postgres://samenplan_app@127.0.0.1:5432/samenplan}" \
	$(PY) manage.py check --deploy --fail-level WARNING --settings=config.settings.production

test: install browser lint check-deploy
	$(TEST) $(PY) manage.py makemigrations --check --dry-run
	@if [ "$(UNIT)" = "1" ]; then $(PY) -m pytest --create-db -m "not e2e" -n auto; else echo "Unit-tests overgeslagen (UNIT=0)"; fi
	@if [ "$(E2E)" = "1" ]; then $(PY) -m pytest --create-db -m e2e -n $(E2E_WORKERS); else echo "Browsertests overgeslagen (E2E=0)"; fi

# While working: the unit tests only, on SQLite, in parallel (no browser, lint or deploy check).
test-fast: install
	env -u DATABASE_URL $(PY) -m pytest -m "not e2e" -n auto

# The PostgreSQL unit tests as production's runtime role (no TRUNCATE, no trigger switching,
# no ownership); needs a superuser on 127.0.0.1:5432. CI runs it after `make test`.
test-pg-runtime: install
	./scripts/ci_runtime_role.sh

# The README's screenshots (docs/schermafdrukken/), made from a fresh demo in a temporary
# database (scripts/schermafdrukken.py).
schermafdrukken: install browser
	$(PY) scripts/schermafdrukken.py

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var
