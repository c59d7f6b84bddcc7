# The two commands of the README. Each sets itself up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The browser tests drive Debian's Chromium; without it they are skipped (REQUIRE_BROWSER=1
# makes them fail instead).
CHROMIUM := /usr/bin/chromium

.PHONY: run serve nginx worker test lint install screenshots bench

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

run: export DJANGO_DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo --url http://127.0.0.1:$(PORT)/
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: nginx in front of gunicorn (interview_practice/serve.py) with the settings the
# environment gives (DEBUG off unless DJANGO_DEBUG says otherwise; DJANGO_SECRET_KEY
# required). Migrations are a separate deploy step (`$(BIN)/python manage.py migrate`), run
# once, not by every server.
serve: install nginx
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m interview_practice.serve

nginx:
	command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }

# A Celery worker that scores answers in the background, with the beat that sweeps up any
# left pending (docs/deploying.md): needs CELERY_BROKER_URL, and the same settings as the
# app servers. Run one beat only: with several workers, start the others without --beat.
worker: install
	$(BIN)/celery -A interview_practice worker --beat --loglevel=INFO

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=interview_practice.settings_test \
		$(BIN)/python manage.py makemigrations --check --dry-run

test: lint
	@status=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	test -x $(CHROMIUM) || echo "Browser tests SKIPPED: no $(CHROMIUM) (apt-get install chromium to run them)"; \
	exit $$status

# The browser tests only, saving their screenshots into static/img/ (the README and the
# front page show them).
screenshots: install
	SCREENSHOT_DIR=static/img REQUIRE_BROWSER=1 $(BIN)/python -m pytest sessions_app/tests/browser $(PYTEST_ARGS)

# The product under load on PostgreSQL (local, trust auth) with wrk: see docs/performance.md.
bench: install nginx
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py
