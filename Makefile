# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper of theirs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
ADMIN_ADDR ?= 127.0.0.1:8000
SITE_PORT ?= 8080
# Absolute links (feeds, sitemap, e-mails) follow the ports actually used: `make run SITE_PORT=9090` works.
SITE_HOST ?= 127.0.0.1
export PORTAL_PUBLIC_URL ?= http://$(SITE_HOST):$(SITE_PORT)
export PORTAL_ADMIN_BASE_URL ?= http://$(ADMIN_ADDR)

.PHONY: run test test-postgres test-all lint venv test-deps site clean bench

$(VENV)/.installed-run: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed-run

venv: $(VENV)/.installed-run

## make run: install, migrate, seed the demo school, build the static site, serve admin (:8000) and site (:8080),
## and run the scheduler (scheduled publishing, periodic jobs)
run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py build_site
	@echo ""
	@echo "  Quản trị (back office): $(PORTAL_ADMIN_BASE_URL)/admin/"
	@echo "  Trang công khai (static site): $(PORTAL_PUBLIC_URL)/"
	@echo "  Tài khoản mẫu, mật khẩu truong-hoc-2026: hieutruong, phohieutruong, totruong1, giaovien1,"
	@echo "  gvcn1a, hocsinh1a, congdoan, quantri, vanthu, thuthu"
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py serve_site --port $(SITE_PORT) & \
	  $(PY) manage.py run_scheduler & \
	  $(PY) manage.py runserver $(ADMIN_ADDR)

## make test: lint, format check, migrations check, the whole pytest suite
test: $(VENV)/.installed-test test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal_site.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/compile_translations.py --check
	$(PY) -m pytest $(PYTEST_ARGS)

## make test-postgres: the same suite against a private, throw-away PostgreSQL server (Debian's package;
## installed when missing and run as root). `make test` stays SQLite-only so a newcomer needs nothing else.
test-postgres: $(VENV)/.installed-test test-deps
	bash scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

## make test-all: what CI runs (.ci/run): `make test`, then the suite on PostgreSQL.
test-all: test test-postgres

test-deps:
	@bash scripts/install-test-deps.sh

## make bench: generated schools of ~1,000 / 10,000 / 50,000 pages measured side by side on SQLite, and on a
## private throw-away PostgreSQL (scripts/with-postgres.sh) up to 10,000; not part of `make test`; installs
## nginx, wrk and hugo with apt-get; writes docs/benchmarks.md. Smaller run, elsewhere:
## make bench BENCH_ARGS="--sizes 300,1000 --out docs/benchmarks-smoke.md"  (python -m bench.run --help)
bench: $(VENV)/.installed-test
	PORTAL_BENCH_COMMAND='make bench$(if $(BENCH_ARGS), BENCH_ARGS="$(BENCH_ARGS)")' $(PY) -m bench.run $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var db.sqlite3
