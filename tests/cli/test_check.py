"""`cpptool check`: exit codes, formats, and one clear line for every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import COMPLETE, EXAMPLES, OUTLINE, ROOT, load_yaml, yaml_text


def test_complete_plans_pass(cli):
    code, out, err = cli("check", "--as-of", "2026-11-23", COMPLETE, OUTLINE)
    assert code == 0, out + err
    assert "2 plans checked: no findings" in out


def test_flawed_plan_fails_with_location(cli):
    flawed = EXAMPLES / "flawed" / "structure-flawed.yaml"
    code, out, _ = cli("check", "--as-of", "2026-11-23", flawed)
    assert code == 1
    assert f"{flawed}:15:9" in out
    assert "CPP-S003" in out
    assert "content rules were not run" in out


def test_folder_is_searched_recursively(cli):
    code, out, _ = cli("check", "--format", "json", "--as-of", "2026-11-23", EXAMPLES)
    doc = json.loads(out)
    files = sorted(f["file"].replace(str(EXAMPLES), "") for f in doc["files"])
    plans = sorted("/" + str(p.relative_to(EXAMPLES)) for p in EXAMPLES.glob("*/*.yaml")
                   if p.name != "expected.yaml" and p.parent.name != "ci")
    assert files == plans and len(files) == 14
    assert code == 1


def test_non_plan_yaml_in_folders_is_skipped(cli, tmp_path):
    (tmp_path / "cpptool.yaml").write_text("profile: england\n")
    (tmp_path / "closures.yaml").write_text("closures: []\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "plan.yaml").write_text(COMPLETE.read_text())
    code, out, _ = cli("check", "--format", "json", "--as-of", "2026-11-23", tmp_path)
    assert [f["file"] for f in json.loads(out)["files"]] == [str(tmp_path / "sub" / "plan.yaml")]


def test_json_format_is_versioned_and_complete(cli):
    flawed = EXAMPLES / "flawed" / "detailed-flawed.yaml"
    code, out, _ = cli("check", "--format", "json", "--as-of", "2026-11-23", flawed)
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["tool"]["name"] == "cpptool"
    finding = next(f for f in doc["files"][0]["findings"] if f["code"] == "CPP-S005")
    assert finding["path"] == "actions[3].owner"
    assert finding["level"] == "error"
    assert finding["line"] > 1 and finding["column"] > 1
    assert set(finding) == {"code", "name", "level", "message", "line", "column", "path",
                            "requirements", "sources", "fix", "waived"}
    assert doc["summary"]["error"] >= 2
    assert code == 1


def test_yaml_syntax_error_is_a_finding_exit_1(cli, write):
    code, out, _ = cli("check", "--as-of", "2026-11-23", write("format: 1\nstage: [outline\n"))
    assert code == 1
    assert "CPP-E001" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "missing.yaml"], "no such file or folder: missing.yaml"),
        (["check", "--format", "xml", str(COMPLETE)], "unknown format 'xml'"),
        (["check", "--fail-level", "fatal", str(COMPLETE)], "--fail-level must be one of"),
        (["check", "--as-of", "2026-02-30", str(COMPLETE)], "2026-02-30"),
        (["check", "--profile", "atlantis", str(COMPLETE)], "unknown profile 'atlantis'"),
        (["check", "--config", "nowhere.yaml", str(COMPLETE)], "configuration file not found"),
    ],
)
def test_usage_errors_exit_2_with_one_line(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_unknown_option_exits_2(cli):
    code, _, err = cli("check", "--as-of", "2026-11-23", "--bogus", str(COMPLETE))
    assert code == 2
    assert "No such option" in err


def test_unreadable_file_exits_2(cli, write, monkeypatch):
    from pathlib import Path

    path = write(COMPLETE.read_text())

    import os

    from cpptool.core import files

    real_open = os.open

    def denied(file, *args, **kwargs):
        if Path(file) == Path(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", denied)  # tests run as root, where chmod 000 does not stop a read
    code, _, err = cli("check", "--as-of", "2026-11-23", path)
    assert code == 2
    assert err.strip() == f"cpptool: error: cannot read {path}: Permission denied"


def test_fail_level_warning(cli, write):
    data = load_yaml(COMPLETE)
    data["waivers"] = [{"rule": "CPP-S005", "path": "actions[0].owner", "reason": "Old."}]
    path = write(yaml_text(data))
    assert cli("check", "--as-of", "2026-11-23", path)[0] == 0
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--fail-level", "warning", path)
    assert code == 1
    assert "CPP-X002" in out


def test_fail_level_from_config(cli, write, tmp_path):
    data = load_yaml(COMPLETE)
    data["waivers"] = [{"rule": "CPP-S005", "path": "actions[0].owner", "reason": "Old."}]
    path = write(yaml_text(data))
    (tmp_path / "cpptool.yaml").write_text("fail_level: warning\n")
    assert cli("check", "--as-of", "2026-11-23", path)[0] == 1


def test_bad_config_exits_2(cli, write, tmp_path):
    path = write(COMPLETE.read_text())
    (tmp_path / "cpptool.yaml").write_text("rules:\n  CPP-ZZZ9: off\n")
    code, _, err = cli("check", "--as-of", "2026-11-23", path)
    assert code == 2
    assert "unknown rule 'CPP-ZZZ9'" in err
    assert str(tmp_path / "cpptool.yaml") in err


def test_rule_turned_off_in_config(cli, write, tmp_path):
    data = load_yaml(COMPLETE)
    data["lead_social_worker"] = "nobody"
    path = write(yaml_text(data))
    assert cli("check", "--as-of", "2026-11-23", path)[0] == 1
    (tmp_path / "cpptool.yaml").write_text("rules:\n  unknown-reference: off\n")
    assert cli("check", "--as-of", "2026-11-23", path)[0] == 0


def test_output_file_written_atomically(cli, tmp_path):
    out_file = tmp_path / "report.json"
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", "-o", out_file, COMPLETE)
    assert code == 0
    assert out == ""
    assert json.loads(out_file.read_text())["summary"]["files"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_refuses_to_overwrite_a_plan(cli, write):
    path = write(COMPLETE.read_text())
    before = path.read_text()
    code, _, err = cli("check", "--as-of", "2026-11-23", "-o", path, path)
    assert code == 2
    assert "is one of the plans being checked" in err
    assert path.read_text() == before


def test_show_source_only_when_asked(cli):
    flawed = EXAMPLES / "flawed" / "detailed-flawed.yaml"
    _, plain, _ = cli("check", "--as-of", "2026-11-23", flawed)
    _, shown, _ = cli("check", "--as-of", "2026-11-23", "--show-source", flawed)
    assert "owner: health" not in plain
    assert "owner: health" in shown


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "cpptool", "--version"], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0
    assert out.stdout.startswith("cpptool ")


def test_internal_error_is_one_line_without_plan_text(cli, monkeypatch):
    import cpptool.core.engine as engine

    def boom(*a, **k):
        raise RuntimeError("Riley Fictional secret")

    monkeypatch.setattr(engine, "check_paths", boom)
    code, _, err = cli("check", "--as-of", "2026-11-23", COMPLETE)
    assert code == 2
    assert err.startswith("cpptool: internal error: RuntimeError at ")
    assert "Riley" not in err
    assert len(err.strip().splitlines()) == 1


def test_plans_only_skips_named_files_that_are_not_plans(cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(COMPLETE.read_text())
    closures = tmp_path / "closures.yaml"
    closures.write_text("closures: []\n")
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", plan, closures)
    assert len(json.loads(out)["files"]) == 2 and code == 1  # named: checked, and not a plan
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", "--plans-only", plan, closures)
    assert [f["file"] for f in json.loads(out)["files"]] == [str(plan)] and code == 0
