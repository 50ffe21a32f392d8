"""`cpptool migrate`: format 1 plans become format 2 in place, and check exactly as before."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from conftest import EXAMPLES
from cpptool.core.engine import CheckOptions, check_file

AS_OF = CheckOptions(as_of=dt.date(2026, 11, 23))
FORMAT_1 = sorted(p for p in EXAMPLES.glob("*/*.yaml")
                  if p.parent.name != "ci" and re.search(r"^format: 1\b", p.read_text(encoding="utf-8"), re.M))


def test_some_examples_stay_format_1_to_show_migrate_works():
    assert len(FORMAT_1) >= 5


@pytest.mark.parametrize("example", FORMAT_1, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_format_1_plan_checks_the_same_before_and_after_migrate(cli, tmp_path, example):
    plan = tmp_path / example.parent.name / example.name
    plan.parent.mkdir()
    shutil.copy(example, plan)
    before = check_file(plan, opts=AS_OF)
    code, out, err = cli("migrate", plan)
    assert code == 0, err
    assert out == "" and "migrated 1 of 1 plan to plan format 2" in err
    assert re.search(r"^format: 2$", plan.read_text(encoding="utf-8"), re.M)
    after = check_file(plan, opts=AS_OF)
    # migrate moves no lines: the same findings, at the same YAML paths and the same lines
    assert [(f.code, f.path, f.line) for f in after.findings] == [(f.code, f.path, f.line) for f in before.findings]
    assert after.content_checked == before.content_checked


def test_dry_run_prints_a_unified_diff_and_writes_nothing(cli, tmp_path):
    plan = tmp_path / "cp-2026-0412.yaml"
    shutil.copy(EXAMPLES / "plans" / "outline-complete.yaml", plan)
    before = plan.read_bytes()
    code, out, err = cli("migrate", "--dry-run", plan)
    assert code == 0, err
    assert out.startswith(f"--- a/{plan}\n+++ b/{plan}\n@@ ")
    assert "-format: 1\n+format: 2\n" in out
    assert "would migrate 1 of 1 plan" in err
    assert plan.read_bytes() == before


def test_a_folder_is_searched_for_plans_and_current_plans_are_left_alone(cli, tmp_path):
    shutil.copy(EXAMPLES / "plans" / "outline-complete.yaml", tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text((EXAMPLES / "plans" / "outline-complete.yaml").read_text()
                                     .replace("format: 1", "format: 2"))
    (tmp_path / "closures.yaml").write_text("closures: []\n")
    code, out, err = cli("migrate", tmp_path)
    assert code == 0, err
    assert "migrated 1 of 2 plans" in err and "b.yaml: already plan format 2" in err
    assert (tmp_path / "closures.yaml").read_text() == "closures: []\n"


def test_a_missing_plan_is_a_usage_error(cli, tmp_path):
    code, _, err = cli("migrate", tmp_path / "nope.yaml")
    assert code == 2 and err.startswith("cpptool: error: no such file")


def test_a_file_named_directly_that_is_not_a_plan_is_refused(cli, tmp_path):
    for name, text in [("broken.yaml", "a: [\n"), ("list.yaml", "- 1\n- 2\n")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        code, _, err = cli("migrate", str(tmp_path / name))
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert (tmp_path / name).read_text(encoding="utf-8") == text
