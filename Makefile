# Two commands matter on a fresh machine: `make demo` and `make test`.
# Both create .venv with python3 and install cpptool into it first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.cpptool-installed
# Wheels of cpptool's dependencies, so that tests/test_hooks.py can run real pre-commit offline.
WHEELHOUSE := $(VENV)/wheelhouse

.PHONY: demo test bench fuzz schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@# The dependencies come from pyproject.toml (pip wheel .); setuptools and wheel build cpptool.
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-build-isolation \
		-w $(WHEELHOUSE) . 'setuptools>=77' wheel
	rm -f $(WHEELHOUSE)/cpptool-*.whl
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
	@echo
	@echo "== cpptool new: start an outline plan for a fictional child, dates worked out =="
	mkdir -p build
	$(BIN)/cpptool new build/demo-new-plan.yaml --force --profile north-yorkshire \
		--set child_name="Alex Notreal" --set categories=NEG --set conference_date=2026-11-23 \
		--set lead_name="Sam Example" --set "member=Jo Notreal;Mother;parent" \
		--set "member=Pat Sample;Class teacher;professional;Exampleton Primary School"
	grep -E "first_core_group|first_review_conference|frequency:" build/demo-new-plan.yaml
	@echo "-- checking it: only its TO DO placeholders are reported (exit code 1) --"
	$(BIN)/cpptool check --as-of 2026-11-23 build/demo-new-plan.yaml > build/demo-new-check.txt; test $$? -eq 1
	tail -n 1 build/demo-new-check.txt
	@echo
	@echo "== cpptool render: the written agreement as a Word document (build/demo-agreement.docx) =="
	@mkdir -p build
	$(BIN)/cpptool render --as-of 2026-11-23 examples/plans/detailed-complete.yaml -o build/demo-agreement.docx --force

test: $(STAMP)
	$(BIN)/python -m pytest -q

# A long fuzz of mutated plans (make test runs a short one).
fuzz: $(STAMP)
	CPPTOOL_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python bench/run.py

# The plan model's JSON schema, and its shape for the plain reading (cpptool/core/plan_objects.py).
schema: $(STAMP)
	$(BIN)/python -m cpptool.core.schema > schemas/plan.schema.json.tmp
	mv schemas/plan.schema.json.tmp schemas/plan.schema.json
	$(BIN)/python -m cpptool.core.schema --shape > cpptool/core/plan_shape.py.tmp
	mv cpptool/core/plan_shape.py.tmp cpptool/core/plan_shape.py
	$(BIN)/python -m cpptool.core.schema --shipped > cpptool/data/shipped.json.tmp
	mv cpptool/data/shipped.json.tmp cpptool/data/shipped.json
	$(BIN)/python -m cpptool.core.schema --template report.html.j2 > cpptool/core/compiled/report_html.py.tmp
	mv cpptool/core/compiled/report_html.py.tmp cpptool/core/compiled/report_html.py
	$(BIN)/python -m cpptool.core.schema --template plan.html.j2 > cpptool/core/compiled/plan_html.py.tmp
	mv cpptool/core/compiled/plan_html.py.tmp cpptool/core/compiled/plan_html.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
