# Everything a fresh clone needs: `make demo` (the main job on the example cases) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AS_OF ?= $(shell date +%F)
CASES := $(sort $(patsubst %/case.yaml,%,$(wildcard cases.example/*/case.yaml cases.example/*/*/case.yaml)))

.PHONY: install demo test test-fast lint bench schemas clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,charts]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/reunify validate cases.example --as-of $(AS_OF)
	for c in $(CASES); do $(BIN)/reunify classify "$$c" --as-of $(AS_OF) && $(BIN)/reunify checklist "$$c" --as-of $(AS_OF) || exit 1; done
	$(BIN)/reunify status cases.example --as-of $(AS_OF)
	$(BIN)/reunify audit cases.example --as-of $(AS_OF)
	$(BIN)/reunify outcomes cases.example --as-of $(AS_OF)
	mkdir -p demo-out
	$(BIN)/reunify outcomes cases.example --as-of $(AS_OF) --format html -o demo-out/outcomes.html
	$(BIN)/reunify status cases.example --as-of $(AS_OF) --format html -o demo-out/status.html
	for c in $(CASES); do $(BIN)/reunify render "$$c" --as-of $(AS_OF) --to markdown --to docx --to html || exit 1; done

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not integration"

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/caseload.py

schemas: $(STAMP)
	$(BIN)/reunify schema -o schemas

clean:
	rm -rf $(VENV) .pytest_cache build dist demo-out
