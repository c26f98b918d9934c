# `make demo` and `make test` work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-without-posix test-busy torture bench i18n dist clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/circle demo

# One worker per core: the suite is mostly waiting on Argon2id and on Textual's event loop.
# loadgroup keeps the tests marked xdist_group(NAME) on one worker, so what they share is built once.
test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The whole CLI and app suites as on Windows: POSIX-only modules (fcntl, termios, pwd...) cannot be imported
# (tests/without_posix/sitecustomize.py). `make test` runs a part of them so.
test-without-posix: $(STAMP)
	PYTHONPATH=tests/without_posix $(BIN)/python -m pytest -n auto tests/cli tests/app

# The app suites as on a machine too busy for Textual's refresh timer to fire while a test waits
# (tests/busy_machine.py): a test that reads the screen mid-change fails here every time, not now and then in CI.
test-busy: $(STAMP)
	PYTHONPATH=. $(BIN)/python -m pytest -n auto --dist loadgroup -p tests.busy_machine \
		tests/app tests/snapshots tests/fuzz/test_fuzz_hostile_text_in_app.py

# The crash torture at length: 500 random kills of a live meeting (`make test` runs 20).
torture: $(STAMP)
	CIRCLE_TORTURE_KILLS=500 $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/torture/test_crash_torture.py

# `make bench` runs them all; `make bench BENCH="startup trends"` runs those named (`python -m benchmarks --list`).
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH)

# The catalogs (docs/TRANSLATING.md): gather the words the code marks into circle.pot, carry the new and
# changed ones into each language's .po (marked fuzzy for a translator to check), and compile each to the
# .mo that ships. Locations name the file only, so moving a line does not change every catalog.
# Then write each language's names of days and months from Babel, so that circle need not load Babel to write a day.
LOCALES := circle/language/locale
i18n: $(STAMP)
	$(BIN)/pybabel extract -F pyproject.toml -k N_ --add-location=file --no-wrap \
		--project circle --copyright-holder "the circle authors" -o $(LOCALES)/circle.pot circle
	$(BIN)/pybabel update -D circle -i $(LOCALES)/circle.pot -d $(LOCALES) --no-wrap --ignore-obsolete
	$(BIN)/pybabel compile --statistics -D circle -d $(LOCALES)
	$(BIN)/python -m circle.language.write_days

# A wheel and an sdist for installing without a clone. `build` makes the wheel from the sdist,
# so a file the sdist leaves out (the themes, say) is missing from the wheel too, and the wheel's test sees it.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf $(VENV) .pytest_cache build dist
