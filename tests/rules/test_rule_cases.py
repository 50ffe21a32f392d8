"""Per-rule cases live in tests/rules/cases/<CODE>.yaml; this one test runs them all.

A case starts from a base plan (the complete detailed or outline example, or raw text), changes it,
checks it, and lists exactly the findings of that rule it must produce as "CODE yaml.path".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import AS_OF, COMPLETE, OUTLINE, load_yaml, yaml_text
from cpptool.core.engine import CheckOptions, check_file
from cpptool.core.yamlpath import parse_path

CASES = Path(__file__).parent / "cases"
BASES = {"detailed": COMPLETE, "outline": OUTLINE}


def _all_cases():
    for file in sorted(CASES.glob("*.yaml")):
        spec = load_yaml(file)
        for i, case in enumerate(spec["cases"]):
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{i}-{case['name']}")


def set_path(data, path, value):
    *parents, last = parse_path(path)
    node = data
    for item in parents:
        node = node[item]
    if isinstance(last, int) and last == len(node):
        node.append(value)
    else:
        node[last] = value


def delete_path(data, path):
    *parents, last = parse_path(path)
    node = data
    for item in parents:
        node = node[item]
    del node[last]


def build_case_file(case: dict, folder: Path) -> Path:
    file = folder / case.get("file", "plan.yaml")
    if "text" in case:
        file.write_text(case["text"], encoding="utf-8")
    elif "hex" in case:
        file.write_bytes(bytes.fromhex(case["hex"]))
    else:
        data = load_yaml(BASES[case.get("base", "detailed")])
        data.update(case.get("patch") or {})
        for path, value in (case.get("set") or {}).items():
            set_path(data, path, value)
        for path in case.get("delete") or []:
            delete_path(data, path)
        file.write_text(yaml_text(data), encoding="utf-8")
    if "pad_to" in case:  # grow the file with comment lines, e.g. past the size limit
        size = file.stat().st_size
        line = "# " + "x" * 78 + "\n"
        with file.open("a", encoding="utf-8") as fh:
            fh.write(line * ((case["pad_to"] - size) // len(line) + 1))
    if "config" in case:
        (folder / "cpptool.yaml").write_text(yaml_text(case["config"]), encoding="utf-8")
    return file


def run_case(code: str, case: dict, folder: Path) -> list[str]:
    file = build_case_file(case, folder)
    as_of = case.get("as_of", AS_OF)
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    opts = CheckOptions(profile=case.get("profile"), as_of=as_of)
    result = check_file(file, "plan.yaml", opts)
    return sorted(f"{f.code} {f.path}" for f in result.findings if f.code == code and not f.waived)


@pytest.mark.parametrize("code, case", list(_all_cases()))
def test_rule_case(code, case, tmp_path):
    assert run_case(code, case, tmp_path) == sorted(case.get("expect") or [])
