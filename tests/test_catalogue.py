"""The rule catalogue: every rule has a unique code, docs, examples that work, cases and a source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import COMPLETE, OUTLINE, load_yaml, yaml_text
from cpptool.core.engine import CheckOptions, check_file
from cpptool.core.registry import FAMILIES, load_rules
from cpptool.core.requirements import requirements

RULES = load_rules()
CASES = Path(__file__).parent / "rules" / "cases"
DESCRIPTIVE = re.compile(r"^(\(|\\x)")  # examples that describe bytes or sizes a text cannot hold


def test_codes_are_unique_and_well_formed():
    assert len(RULES) == len({r.code for r in RULES.values()})
    assert len(RULES) == len({r.name for r in RULES.values()})
    for code, rule in RULES.items():
        assert re.fullmatch(r"CPP-[A-Z]\d{3}", code), code
        assert rule.family in FAMILIES, code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), code


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_docs_source_fix_and_examples(code):
    rule = RULES[code]
    assert rule.summary.endswith("."), code
    assert len(rule.docs) > 20, code
    assert rule.sources, code
    assert rule.fix, code
    assert rule.failing.strip(), code
    assert rule.level in ("error", "warning", "info")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_cites_existing_requirement_ids(code):
    known = requirements()
    for rid in RULES[code].requirements:
        assert rid in known, f"{code} cites unknown requirement {rid}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_passing_and_failing_cases(code):
    file = CASES / f"{code}.yaml"
    assert file.is_file(), f"missing {file.name}"
    spec = load_yaml(file)
    assert spec["rule"] == code
    expects = [bool(case.get("expect")) for case in spec["cases"]]
    assert True in expects and False in expects, f"{code} needs passing and failing cases"
    for case in spec["cases"]:
        for expected in case.get("expect") or []:
            assert expected.split(" ")[0] == code


def _example_file(rule, example: str, tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    if rule.family == "E":
        path.write_text(example if example.strip() else COMPLETE.read_text(), encoding="utf-8")
        return path
    patch = load_yaml_text(example) or {}
    base = OUTLINE if patch.get("stage") == "outline" else COMPLETE
    data = load_yaml(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def load_yaml_text(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


@pytest.mark.parametrize("code", sorted(RULES))
def test_docs_examples_behave_as_documented(code, tmp_path):
    """The failing example raises the rule; the passing one (over a complete plan) does not."""
    rule = RULES[code]
    opts = CheckOptions(as_of=__import__("datetime").date(2026, 11, 23))
    if not DESCRIPTIVE.match(rule.failing):
        failing = check_file(_example_file(rule, rule.failing, tmp_path), opts=opts)
        assert code in {f.code for f in failing.findings}, f"{code}: failing example does not fail"
    if not DESCRIPTIVE.match(rule.passing):
        passing = check_file(_example_file(rule, rule.passing, tmp_path), opts=opts)
        assert code not in {f.code for f in passing.findings if not f.waived}, \
            f"{code}: passing example fails"
