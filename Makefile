# Everything a fresh clone needs: `make demo` (the main job on the example cases) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AS_OF ?= $(shell date +%F)
CASES := $(sort $(patsubst %/case.yaml,%,$(wildcard cases.example/*/case.yaml cases.example/*/*/case.yaml)))

.PHONY: install demo test test-fast golden golden-write lint bench schemas docs examples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,docx,charts]"
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

# The README's examples, committed: the outcome page, the team manager's page, a risk picture (PNG) and the
# risk-classification report it belongs to (Markdown, where GitHub draws the Mermaid chart, and HTML).
EXAMPLES_AS_OF := 2026-11-24
examples: $(STAMP)
	mkdir -p docs/examples
	$(BIN)/reunify outcomes cases.example --as-of $(EXAMPLES_AS_OF) --format html -o docs/examples/outcomes.html
	$(BIN)/reunify status cases.example --as-of $(EXAMPLES_AS_OF) --format html -o docs/examples/status.html
	$(BIN)/reunify render cases.example/RU-2025-0087 --as-of $(EXAMPLES_AS_OF) -r risk-classification --to markdown --to html -o docs/examples
	$(BIN)/python -c "import datetime as d, pathlib as p; from reunify.case.load import load_case; \
	from reunify.reports import charts, pictures; \
	data = pictures.risk_data(load_case(p.Path('cases.example/RU-2025-0087')), d.date.fromisoformat('$(EXAMPLES_AS_OF)')); \
	p.Path('docs/examples/risk-over-time.png').write_bytes(charts.risk_over_time(data, 'png'))"

schemas: $(STAMP)
	$(BIN)/reunify schema -o schemas

# The generated parts of docs/ (rules, option tables, format reference, examples); tests/test_docs.py checks them.
docs: $(STAMP)
	$(BIN)/python docs/generate.py

clean:
	rm -rf $(VENV) .pytest_cache build dist demo-out
