# The two commands of the README, and the helpers behind them.
PORT ?= 8069
export PORT PYTEST_ARGS TEST_DB TEST_JOBS TODAY WITHOUT_DEMO WORKERS CRON_WORKERS GEVENT_PORT DB
export BENCH_SCALE BENCH_DB BENCH_RUNS BENCH_REUSE LOAD_CLIENTS LOAD_REQUESTS

# Options are checked before anything runs: bad input creates nothing and
# stops with one line (exit code 2).
OPTION_ERROR := $(shell TODAY='$(TODAY)' WITHOUT_DEMO='$(WITHOUT_DEMO)' TEST_JOBS='$(TEST_JOBS)' \
	WORKERS='$(WORKERS)' CRON_WORKERS='$(CRON_WORKERS)' GEVENT_PORT='$(GEVENT_PORT)' PORT='$(PORT)' DB='$(DB)' \
	bash tools/dev.sh check 2>&1)
ifneq ($(OPTION_ERROR),)
$(error $(OPTION_ERROR))
endif

.PHONY: run test setup lint i18n wheel bench load

run:  ## serve Odoo with the addon and demo data (database burnout_demo); WORKERS=2: multi-process
	@bash tools/dev.sh run

bench:  ## build the benchmark database burnout_bench and print the scale table (BENCH_SCALE)
	@bash tools/dev.sh bench

load:  ## bounded load (10 clients x 50 requests) on a running `make run WORKERS=2 DB=burnout_bench`
	@bash tools/dev.sh load

test:  ## run every test of the addon on a database of its own
	@bash tools/dev.sh test

setup:  ## only prepare the virtualenv, Odoo source and PostgreSQL
	@bash tools/dev.sh setup

lint:  ## run the pre-commit checks on the whole tree
	@bash tools/dev.sh lint

i18n:  ## export i18n/hr_burnout_prevention.pot and merge it into nl.po and fr.po
	@bash tools/dev.sh i18n

wheel:  ## build the addon's wheel with whool into dist/ (README: Install with pip)
	@bash tools/dev.sh wheel
