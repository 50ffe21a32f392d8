"""schemas/plan.schema.json is generated from the plan model and must not drift from it."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT, load_yaml
from cpptool.core.schema import schema_text

SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"


def test_schema_file_matches_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "schemas/plan.schema.json is stale: run `make schema`"


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("plan", sorted((EXAMPLES / "plans").glob("*.yaml")), ids=lambda p: p.name)
def test_complete_examples_are_valid_against_the_schema(plan):
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        _jsonable(load_yaml(plan)))


def test_schema_rejects_what_the_model_rejects():
    schema = json.loads(SCHEMA_FILE.read_text())
    data = _jsonable(load_yaml(EXAMPLES / "plans" / "outline-complete.yaml"))
    data["child"]["date_of_brith"] = "2019-01-01"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert any("date_of_brith" in e.message for e in errors)


def test_cpptool_schema_prints_the_schema(cli):
    code, out, err = cli("schema")
    assert code == 0 and err == ""
    assert out == SCHEMA_FILE.read_text(encoding="utf-8")
    assert json.loads(out)["title"] == "cpptool child protection plan"


def test_a_placeholder_is_valid_where_a_yes_no_answer_is_not_known_yet():
    schema = json.loads(SCHEMA_FILE.read_text())
    data = _jsonable(load_yaml(EXAMPLES / "plans" / "outline-complete.yaml"))
    data["conference"]["decision"]["threshold_met"] = "TO DO: did the conference find the threshold met? (true or false)"
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    data["conference"]["decision"]["threshold_met"] = "maybe"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
