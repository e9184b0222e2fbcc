# The two commands of the README, and the helpers behind them.
PORT ?= 8069
export PORT PYTEST_ARGS TEST_DB TEST_JOBS TODAY WITHOUT_DEMO

# Options are checked before anything runs: bad input creates nothing and
# stops with one line (exit code 2).
OPTION_ERROR := $(shell TODAY='$(TODAY)' WITHOUT_DEMO='$(WITHOUT_DEMO)' TEST_JOBS='$(TEST_JOBS)' bash tools/dev.sh check 2>&1)
ifneq ($(OPTION_ERROR),)
$(error $(OPTION_ERROR))
endif

.PHONY: run test setup lint i18n wheel

run:  ## serve Odoo with the addon and demo data (database burnout_demo)
	@bash tools/dev.sh run

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
