# Everything a fresh clone needs: `make demo` (the main job on the example cases) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AS_OF ?= $(shell date +%F)

.PHONY: install demo test test-fast golden golden-write lint bench schemas docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,docx]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/reunify validate cases.example --as-of $(AS_OF)
	for c in cases.example/*/; do $(BIN)/reunify classify "$$c" --as-of $(AS_OF) && $(BIN)/reunify checklist "$$c" --as-of $(AS_OF) || exit 1; done
	$(BIN)/reunify status cases.example --as-of $(AS_OF)
	$(BIN)/reunify audit cases.example --as-of $(AS_OF)
	for c in cases.example/*/; do $(BIN)/reunify render "$$c" --as-of $(AS_OF) --to markdown --to docx --to html || exit 1; done

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not integration"

# The golden files (tests/golden/, tests/errors/): show the diff of every file the code would rewrite, then ask;
# `make golden GOLDEN=write` or `make golden-write` writes without asking.
golden: $(STAMP)
	$(BIN)/python -m tests.update_golden $(if $(filter write,$(GOLDEN)),--write)

golden-write: $(STAMP)
	$(BIN)/python -m tests.update_golden --write

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/summary.py

schemas: $(STAMP)
	$(BIN)/reunify schema -o schemas

# The generated parts of docs/ (rules, option tables, format reference, examples); tests/test_docs.py checks them.
docs: $(STAMP)
	$(BIN)/python docs/generate.py

clean:
	rm -rf $(VENV) .pytest_cache build dist
