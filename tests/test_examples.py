"""The bundled examples: complete plans pass, flawed plans produce exactly their listed findings."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLES, load_yaml
from cpptool.core.engine import CheckOptions, check_file

AS_OF = CheckOptions(as_of=dt.date(2026, 11, 23))
EXPECTED = load_yaml(EXAMPLES / "flawed" / "expected.yaml")
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/plan.schema.json"


@pytest.mark.parametrize("plan", sorted((EXAMPLES / "plans").glob("*.yaml")), ids=lambda p: p.name)
def test_complete_examples_have_no_findings(plan):
    result = check_file(plan, opts=AS_OF)
    assert [(f.code, f.path, f.message) for f in result.findings] == []


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_flawed_examples_produce_expected_findings(name):
    result = check_file(EXAMPLES / "flawed" / name, opts=AS_OF)
    assert sorted(f"{f.code} {f.path}" for f in result.findings) == sorted(EXPECTED[name])


def test_every_flawed_example_is_listed():
    plans = {p.name for p in (EXAMPLES / "flawed").glob("*.yaml")} - {"expected.yaml"}
    assert plans == set(EXPECTED)


@pytest.mark.parametrize("plan", sorted(EXAMPLES.glob("*/*.yaml")), ids=lambda p: p.name)
def test_examples_carry_the_schema_modeline(plan):
    if plan.name == "expected.yaml":
        return
    assert plan.read_text().splitlines()[0] == SCHEMA_LINE
    assert (plan.parent / "../../schemas/plan.schema.json").resolve().is_file()
