# annotui: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The suite starts dozens of Python processes (commands, benches, killed writers, Dask
# workers): each reads compiled modules instead of compiling them again, even where the
# environment says not to write them (PYTHONDONTWRITEBYTECODE). They are kept in the virtual
# environment's folder (PYTHONPYCACHEPREFIX), never beside the sources; the installed
# packages are compiled there once, when they are installed.
PYCACHE := $(CURDIR)/$(VENV)/pycache

.PHONY: run test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	PYTHONPYCACHEPREFIX=$(PYCACHE) $(BIN)/python -m compileall -q -j 0 \
		"$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
		> /dev/null || true
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/annotui $(ARGS)

# One test process more than there are cores: the tests wait on disks and subprocesses
# often enough that a third process on two cores ends the suite sooner (timed tests count
# CPU time, not wall time, so the extra process does not disturb them).
TEST_PROCESSES ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPYCACHEPREFIX=$(PYCACHE) $(BIN)/python -m compileall -q -j 0 annotate store tui tests
	env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(PYCACHE) \
		$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every tests/bench/*_bench.py in turn (not part of `make test`); BENCH_ARGS go to each.
bench: $(STAMP)
	@status=0; for script in tests/bench/*_bench.py; do \
		echo "== $$script"; $(BIN)/python $$script $(BENCH_ARGS) || status=1; \
	done; exit $$status

clean:
	rm -rf $(VENV) build *.egg-info
