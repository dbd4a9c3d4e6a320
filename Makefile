# The front door: `make run` opens the app on the sample newsletter, `make test` runs every check.
# Another interpreter in a venv of its own: make test PYTHON=python3.13 VENV=.venv-3.13
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Reinstall whenever the project's declared dependencies change.
INSTALLED := $(VENV)/.installed

.PHONY: run test lint typecheck bench screenshot guide-screenshots sample clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

run: $(INSTALLED)
	$(BIN)/newsletter-composer

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(INSTALLED)
	$(BIN)/mypy

test: lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(INSTALLED)
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_checks.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bench_preview.py
	$(BIN)/python bench/bench_images.py
	$(BIN)/python bench/bench_export.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bench_spelling.py

# Renders the window offscreen on the sample: docs/screenshot.png, shown in README.
screenshot: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py

# Draws the user guide's pictures from the window, in English and Swedish, into
# resources/guide/images/, and copies the guide to docs/ for reading on the web.
guide-screenshots: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/guide.py screenshots --language en
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/guide.py screenshots --language sv
	$(BIN)/python tools/guide.py docs

sample: $(INSTALLED)
	$(BIN)/newsletter-composer sample -o build/sample.newsletter

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
