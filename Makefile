# Dorpsloket: `make run` to try it, `make test` to test it. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
APPS := accounts hulpvragen vrijwilligers sociale_kaart koppelingen meldingen importeren uitleen activiteiten rapportage regio privacy
HOST ?= 127.0.0.1
PORT ?= 8000
# The same commands run in docker-compose.yml (see tests/test_compose.py).
CELERY_WORKER := celery -A dorpsloket worker --loglevel INFO
CELERY_BEAT := celery -A dorpsloket beat --loglevel INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

.PHONY: install run worker beat test lint format messages lock migrate demo clean

$(BIN)/python:
	@scripts/make-venv.sh $(PYTHON) $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo_data

run: demo
	@scripts/system-deps.sh run
	@HOST=$(HOST) PORT=$(PORT) CELERY_WORKER="$(CELERY_WORKER)" scripts/run.sh

# Separate processes, as in docker-compose.yml (make run starts the worker with beat inside).
worker: install
	$(BIN)/$(CELERY_WORKER)

beat: install
	$(BIN)/$(CELERY_BEAT)

# The suite runs on both cores (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
test: install
	@scripts/system-deps.sh test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Each app keeps its own catalogue (<app>/locale/nl); project-wide strings (templates/,
# dorpsloket/) live in locale/nl. Compiled .mo files are committed so that running the
# app needs no gettext tools.
messages: install
	$(BIN)/python manage.py makemessages -l nl --no-obsolete --add-location file $(foreach app,$(APPS),--ignore '$(app)/*') --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	for app in $(APPS); do (cd $$app && ../$(BIN)/django-admin makemessages -l nl --no-obsolete --add-location file) || exit 1; done
	for po in locale/nl/LC_MESSAGES/django.po $(foreach app,$(APPS),$(app)/locale/nl/LC_MESSAGES/django.po); do msgfmt --check -o $${po%.po}.mo $$po || exit 1; done

# requirements.lock pins every package with its hashes (uv, resolved for every supported Python
# and platform). `make lock` keeps the pins it can and adds what pyproject.toml now asks for;
# `make lock UPGRADE=1` moves everything to the newest versions allowed.
UV_VERSION := 0.13.9
lock:
	@tmp=$$(mktemp -d) && $(PYTHON) -m venv $$tmp && $$tmp/bin/pip install --quiet "uv==$(UV_VERSION)" \
	  && $$tmp/bin/uv pip compile pyproject.toml --extra dev --universal --generate-hashes \
	     --python-version 3.11 --custom-compile-command "make lock" --quiet \
	     $(if $(UPGRADE),--upgrade) -o requirements.lock; \
	  status=$$?; rm -rf $$tmp; exit $$status

clean:
	rm -rf $(VENV) var db.sqlite3 staticfiles
