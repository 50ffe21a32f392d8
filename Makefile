# Two commands matter on a fresh machine: `make demo` and `make test`.
# Both create .venv with python3 and install cpptool into it first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cpptool-installed

.PHONY: demo test bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== cpptool check: a complete detailed plan (expect no errors) =="
	@# The example plans are dated November 2026, so judge them as of then, not today.
	$(BIN)/cpptool check --as-of 2026-11-23 examples/plans/detailed-complete.yaml
	@echo
	@echo "== cpptool check: a flawed plan (expect findings and exit code 1) =="
	$(BIN)/cpptool check --as-of 2026-11-23 examples/flawed/detailed-flawed.yaml; test $$? -eq 1
	@echo
	@echo "== cpptool dates: 10 working days after 28 April 2023 (skips two May bank holidays) =="
	$(BIN)/cpptool dates add 2023-04-28 10 --calendar england-and-wales --explain

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python bench/run.py

schema: $(STAMP)
	$(BIN)/python -m cpptool.core.schema > schemas/plan.schema.json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
