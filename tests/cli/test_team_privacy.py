"""`cpptool due` and `cpptool report` quote no plan text without --names.

Every free-text value of the plans is replaced with a canary (tests/test_privacy.py's Canaries,
driven by the plan schema): the child's name, the workers' names, what each action says, the
reasons, the places. The outputs hold dates, file names, ids and cpptool's own words, so no
canary may appear in any of them; with --names only the names may.
"""

from __future__ import annotations

import re

import pytest

from conftest import COMPLETE, EXAMPLES, OUTLINE, load_yaml, yaml_text
from test_privacy import SCHEMA, Canaries

AS_OF = "2026-11-23"
CANARY = re.compile(r"CANARY-\d{4}")


@pytest.fixture
def canary_plans(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    canaries = Canaries()
    canaries.keep = {"frequency", "core_group_frequency"}  # parsed, so the visit dates are worked out
    (tmp_path / "plans").mkdir()
    sources = {"cp-2026-0412.yaml": COMPLETE, "cp-2026-0413.yaml": OUTLINE,
               "cp-2026-0414.yaml": EXAMPLES / "profiles" / "jersey-flawed.yaml"}
    names = set()
    for name, source in sources.items():
        data = canaries.fill(load_yaml(source), SCHEMA)
        names |= {data["child"]["name"], data["core_group"][0]["name"]}
        (tmp_path / "plans" / name).write_text(yaml_text(data), encoding="utf-8")
    assert len(canaries.replaced) > 150
    return tmp_path, names


def _outputs(cli, tmp_path, *extra):
    outs = {}
    for fmt in ("text", "csv", "json"):
        code, out, err = cli("due", "--as-of", AS_OF, "--format", fmt, *extra, "plans")
        assert code == 0, err
        outs[fmt] = out + err
    code, _, err = cli("due", "--as-of", AS_OF, "--ics", tmp_path / "due.ics", "--force", *extra, "plans")
    assert code == 0, err
    outs["ics"] = (tmp_path / "due.ics").read_text(encoding="utf-8") + err
    code, _, err = cli("report", "--as-of", AS_OF, "-o", tmp_path / "report.html", "--force", *extra, "plans")
    assert code == 0, err
    outs["report"] = (tmp_path / "report.html").read_text(encoding="utf-8") + err
    return outs


def test_no_plan_text_without_names(cli, canary_plans):
    tmp_path, _ = canary_plans
    for fmt, text in _outputs(cli, tmp_path).items():
        assert len(text) > 1000, fmt  # a real output, with dates in it
        assert CANARY.findall(text) == [], fmt


def test_with_names_only_the_names_appear(cli, canary_plans):
    tmp_path, names = canary_plans
    for fmt, text in _outputs(cli, tmp_path, "--names").items():
        found = set(CANARY.findall(text))
        assert found and found <= names, (fmt, found - names)
