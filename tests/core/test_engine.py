"""The engine: positions from the reader, waivers, and the fail level of each plan's own folder."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, COMPLETE

from cpptool.core.engine import CheckOptions, check_file, check_paths


def test_each_tab_is_reported_on_its_own_line(write):
    plan = write("format: 1\nchild:\n\tname: A\nconference:\n\ttype: initial\n")
    result = check_file(plan, opts=CheckOptions(as_of=AS_OF))
    tabs = [(f.line, f.col) for f in result.findings if f.code == "CPP-E003"]
    assert tabs == [(3, 1), (5, 1)]


def _with_waivers(text: str) -> str:
    return text.replace("waivers: []", "waivers:\n"
                        "  - {rule: CPP-S005, agreed_by: TM, date: 2026-11-03}\n"
                        "  - {rule: CPP-Q001, reason: test, agreed_by: TM, date: 2026-11-03}")


def test_waiver_rules_switched_off_raise_nothing(cli, tmp_path):
    text = COMPLETE.read_text(encoding="utf-8")
    assert "waivers: []" in text
    (tmp_path / "plan.yaml").write_text(_with_waivers(text), encoding="utf-8")
    (tmp_path / "cpptool.yaml").write_text("rules:\n  CPP-X001: off\n  CPP-X002: off\n", encoding="utf-8")
    code, out, err = cli("check", "--as-of", "2026-11-23", "--format", "json", str(tmp_path / "plan.yaml"))
    assert code == 0, err
    codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
    assert "CPP-X001" not in codes and "CPP-X002" not in codes


def test_waiver_rules_on_report_both_waivers(cli, tmp_path):
    (tmp_path / "plan.yaml").write_text(_with_waivers(COMPLETE.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", str(tmp_path / "plan.yaml"))
    codes = sorted(f["code"] for f in json.loads(out)["files"][0]["findings"])
    assert codes == ["CPP-X001", "CPP-X002"]
    assert code == 1


def _flawed_in(folder, fail_level: str | None):
    folder.mkdir()
    # An open action past its due date: a warning (CPP-T020), not an error.
    text = COMPLETE.read_text(encoding="utf-8").replace("    due: 2026-11-27\n", "    due: 2026-11-10\n", 1)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    if fail_level:
        (folder / "cpptool.yaml").write_text(f"fail_level: {fail_level}\n", encoding="utf-8")
    return folder / "plan.yaml"


def test_fail_level_is_per_plan(tmp_path, cli):
    """A warning fails a plan whose folder sets fail_level: warning, and not one whose folder doesn't."""
    strict = _flawed_in(tmp_path / "strict", "warning")
    lenient = _flawed_in(tmp_path / "lenient", None)
    results = {r.file: r for r in check_paths([lenient, strict], CheckOptions(as_of=AS_OF))}
    assert results[str(strict)].fail_level == "warning"
    assert results[str(lenient)].fail_level == "error"
    levels = {f.level for f in results[str(lenient)].active()}
    assert "error" not in levels and levels, levels
    assert results[str(strict)].failed() and not results[str(lenient)].failed()
    # The order of the paths no longer decides the exit code.
    assert cli("check", "--as-of", "2026-11-23", str(lenient))[0] == 0
    assert cli("check", "--as-of", "2026-11-23", str(lenient), str(strict))[0] == 1
    assert cli("check", "--as-of", "2026-11-23", str(strict), str(lenient))[0] == 1
    assert cli("check", "--as-of", "2026-11-23", "--fail-level", "error", str(strict))[0] == 0
