"""`cpptool check` with several formats, outputs, CI detection, statistics, exit codes and progress."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURES = ROOT / "tests" / "reporters" / "fixtures"
FLAWED = FIXTURES / "flawed.yaml"
CLEAN = FIXTURES / "clean.yaml"
AS_OF = ("--as-of", "2026-11-23")
ANSI = re.compile(r"\x1b\[")


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch):
    for name in ("GITHUB_ACTIONS", "CI", "GITHUB_STEP_SUMMARY", "CPPTOOL_AS_OF", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def plans(tmp_path, monkeypatch):
    """A folder holding a flawed and a clean plan; the current folder for the test."""
    shutil.copy(FLAWED, tmp_path / "flawed.yaml")
    shutil.copy(CLEAN, tmp_path / "clean.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- several formats, outputs -----------------------------------------------------------------

def test_each_format_goes_to_its_own_output(cli, plans):
    code, out, err = cli("check", *AS_OF, "-f", "sarif", "-o", "r.sarif", "-f", "gitlab", "-o", "gl.json",
                         "-f", "junit", "-o", "junit.xml", "-f", "concise", "flawed.yaml", "clean.yaml")
    assert (code, err) == (1, "")
    assert json.loads((plans / "r.sarif").read_text())["version"] == "2.1.0"
    assert isinstance(json.loads((plans / "gl.json").read_text()), list)
    assert (plans / "junit.xml").read_text().startswith("<?xml")
    assert out.startswith("flawed.yaml:") and "CPP-S005" in out


def test_outputs_pair_with_formats_in_order_even_when_interleaved(cli, plans):
    # Click collects each option in order; the Nth --output belongs to the Nth --format.
    code, out, _ = cli("check", *AS_OF, "-o", "a.json", "-o", "-", "-f", "json", "-f", "concise", "flawed.yaml")
    assert code == 1
    assert json.loads((plans / "a.json").read_text())["version"] == 1
    assert out.startswith("flawed.yaml:")


def test_dash_means_standard_output(cli, plans):
    code, out, _ = cli("check", *AS_OF, "-f", "json", "-o", "-", "-f", "sarif", "-o", "r.sarif", "clean.yaml")
    assert code == 0
    assert json.loads(out)["summary"]["files"] == 1
    assert (plans / "r.sarif").exists()


def test_output_without_format_writes_the_default_text(cli, plans):
    code, out, _ = cli("check", *AS_OF, "-o", "report.txt", "clean.yaml")
    assert (code, out) == (0, "")
    assert "1 plan checked" in (plans / "report.txt").read_text()


@pytest.mark.parametrize("args, message", [
    (["-f", "json", "-f", "concise"], "only one report can go to standard output"),
    (["-f", "json", "-o", "-", "-f", "concise", "-o", "-"], "only one report can go to standard output"),
    (["-f", "json", "-o", "a", "-o", "b"], "each --output needs its own --format"),
    (["-o", "a", "-o", "b"], "each --output needs its own --format"),
    (["-f", "json", "-o", "same", "-f", "sarif", "-o", "same"], "same --output file"),
    (["-f", "yaml"], "unknown format 'yaml'; choose one of: text, concise, json, github, sarif, junit, gitlab"),
    (["-f", "sarif", "--statistics"], "--statistics prints a table to standard output"),
])
def test_format_usage_errors_exit_2(cli, plans, args, message):
    code, out, err = cli("check", *AS_OF, *args, "--exit-zero", "flawed.yaml")
    assert code == 2
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (plans / "a").exists() and not (plans / "same").exists()


def test_output_is_not_written_over_a_plan_for_any_format(cli, plans):
    before = (plans / "clean.yaml").read_text()
    code, _, err = cli("check", *AS_OF, "-f", "json", "-o", "r.json", "-f", "sarif", "-o", "clean.yaml",
                       "clean.yaml")
    assert code == 2 and "is one of the plans being checked" in err
    assert (plans / "clean.yaml").read_text() == before
    assert not (plans / "r.json").exists()


# --- exit codes ---------------------------------------------------------------------------------

def test_exit_codes(cli, plans):
    assert cli("check", *AS_OF, "-f", "concise", "clean.yaml")[0] == 0
    assert cli("check", *AS_OF, "-f", "concise", "flawed.yaml")[0] == 1
    assert cli("check", *AS_OF, "-f", "concise", "--exit-zero", "flawed.yaml")[0] == 0
    assert cli("check", *AS_OF, "--exit-zero", "missing.yaml")[0] == 2
    assert cli("check", *AS_OF, "--exit-zero", "--bogus", "flawed.yaml")[0] == 2


def test_fail_level(cli, plans):
    (plans / "cpptool.yaml").write_text("rules:\n  CPP-S005: off\n")  # leaves a warning and an info
    assert cli("check", *AS_OF, "flawed.yaml")[0] == 0
    assert cli("check", *AS_OF, "--fail-level", "warning", "flawed.yaml")[0] == 1
    assert cli("check", *AS_OF, "--fail-level", "info", "flawed.yaml")[0] == 1
    (plans / "cpptool.yaml").write_text("rules:\n  CPP-S005: off\n  CPP-T020: off\n")  # only the info
    assert cli("check", *AS_OF, "--fail-level", "warning", "flawed.yaml")[0] == 0
    assert cli("check", *AS_OF, "--fail-level", "info", "flawed.yaml")[0] == 1
    assert cli("check", *AS_OF, "--fail-level", "info", "--exit-zero", "flawed.yaml")[0] == 0


def test_as_of_from_the_environment(cli, plans, monkeypatch):
    """CPPTOOL_AS_OF pins the date where no --as-of can be given (pre-commit hooks, CI)."""
    monkeypatch.setenv("CPPTOOL_AS_OF", "2026-11-01")  # before action a1 was due
    _, out, _ = cli("check", "-f", "concise", "flawed.yaml")
    assert "CPP-T020" not in out
    _, out, _ = cli("check", "-f", "concise", "--as-of", "2026-11-23", "flawed.yaml")  # the option wins
    assert "CPP-T020" in out
    monkeypatch.setenv("CPPTOOL_AS_OF", "2026-13-01")
    code, _, err = cli("check", "flawed.yaml")
    assert code == 2 and "--as-of" in err


# --- statistics -----------------------------------------------------------------------------------

def test_statistics_replace_the_default_report(cli, plans):
    (plans / "second.yaml").write_text((plans / "flawed.yaml").read_text())
    args = (*AS_OF, "flawed.yaml", "second.yaml", "clean.yaml")
    code, out, _ = cli("check", "--statistics", *args)
    assert code == 1
    doc = json.loads(cli("check", "-f", "json", *args)[1])
    active = [f for r in doc["files"] for f in r["findings"] if not f["waived"]]
    expected = {}
    for f in active:
        expected[(f["code"], f["name"])] = expected.get((f["code"], f["name"]), 0) + 1
    rows = out.splitlines()
    assert all(re.fullmatch(r"\s*\d+  CPP-[A-Z]\d{3}  [a-z0-9-]+", r) for r in rows), rows
    assert {(r.split()[1], r.split()[2]): int(r.split()[0]) for r in rows} == expected
    assert "CPP-Q009" not in out  # waived findings are not counted


def test_statistics_are_sorted_by_count_then_code():
    from cpptool.core.findings import FileResult, Finding
    from cpptool.reporters import format_statistics

    def f(code, name, waived=None):
        return Finding(code=code, name=name, level="error", message="m", file="p.yaml", line=1, col=1,
                       path="", waived_by=waived)

    results = [FileResult(file="p.yaml", findings=[
        f("CPP-Q003", "action-success-measure"), f("CPP-Q001", "action-owner"), f("CPP-Q001", "action-owner"),
        f("CPP-Q001", "action-owner"), f("CPP-A001", "a"), f("CPP-Q003", "action-success-measure"),
        f("CPP-Z001", "z"), f("CPP-Z001", "z", waived="reason")] * 4)]
    assert format_statistics(results) == (" 12  CPP-Q001  action-owner\n"
                                          "  8  CPP-Q003  action-success-measure\n"
                                          "  4  CPP-A001  a\n"
                                          "  4  CPP-Z001  z\n")


def test_statistics_after_a_line_report_and_with_file_reports(cli, plans):
    code, out, _ = cli("check", *AS_OF, "--statistics", "-f", "concise", "flawed.yaml")
    assert code == 1
    lines = out.splitlines()
    concise = [ln for ln in lines if ln.startswith("flawed.yaml:")]
    table = lines[len(concise):]
    assert concise and table and lines[:len(concise)] == concise  # the report, then the table
    assert all(re.fullmatch(r"\s*\d+  CPP-\S+  \S+", r) for r in table)
    code, out, _ = cli("check", *AS_OF, "--statistics", "-f", "json", "-o", "r.json", "flawed.yaml")
    assert re.fullmatch(r"(\s*\d+  CPP-\S+  \S+\n)+", out)
    assert json.loads((plans / "r.json").read_text())["version"] == 1
    _, out, _ = cli("check", *AS_OF, "--statistics", "clean.yaml")
    assert out == ""


# --- GitHub Actions -------------------------------------------------------------------------------

def test_github_is_chosen_in_github_actions_and_writes_a_summary(cli, plans, monkeypatch):
    summary = plans / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = cli("check", *AS_OF, "flawed.yaml", "clean.yaml")
    assert code == 1
    assert out.startswith("::")
    assert "::error file=flawed.yaml,line=" in out
    text = summary.read_text()
    assert text.startswith("earlier step\n### ❌ cpptool: 2 plans checked")  # appended, not replaced
    assert "| flawed.yaml:" in text


def test_an_explicit_format_wins_in_github_actions(cli, plans, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(plans / "summary.md"))
    _, out, _ = cli("check", *AS_OF, "-f", "concise", "flawed.yaml")
    assert out.startswith("flawed.yaml:")
    assert not (plans / "summary.md").exists()  # only the github format writes the summary


def test_summary_that_cannot_be_written_is_a_warning(cli, plans, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(plans / "no-such-folder" / "summary.md"))
    code, out, err = cli("check", *AS_OF, "-f", "github", "clean.yaml")
    assert code == 0
    assert err.startswith("cpptool: warning: cannot write the step summary")


# --- text: colour only in a terminal --------------------------------------------------------------

def test_text_is_plain_when_not_a_terminal(cli, plans):
    _, out, _ = cli("check", *AS_OF, "flawed.yaml")
    assert "CPP-S005" in out and not ANSI.search(out)
    _, out, _ = cli("check", *AS_OF, "--color", "flawed.yaml")
    assert ANSI.search(out)


# --- progress ---------------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run_with_terminal_stderr(plans_dir: Path, *args: str) -> tuple[int, str, str]:
    import contextlib

    from cpptool.cli import main

    out, err = io.StringIO(), _Terminal()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *AS_OF, "-f", "json", *args, str(plans_dir)])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def many_plans(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(21):
        shutil.copy(CLEAN if i % 2 else FLAWED, folder / f"plan-{i:02}.yaml")
    return folder


def test_progress_bar_in_a_terminal_for_many_plans(many_plans, cli):
    code, out, err = _run_with_terminal_stderr(many_plans)
    assert code == 1
    assert "checking plans" in err  # drawn on stderr
    quiet = cli("check", *AS_OF, "-f", "json", many_plans)
    assert json.loads(out) == json.loads(quiet[1])  # the same results either way
    assert quiet[2] == ""


def test_no_progress_bar_in_ci_or_for_few_plans(many_plans, monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert _run_with_terminal_stderr(many_plans)[2] == ""
    monkeypatch.delenv("CI")
    for extra in sorted(many_plans.glob("*.yaml"))[20:]:
        extra.unlink()
    assert _run_with_terminal_stderr(many_plans)[2] == ""


def test_progress_reads_edited_config(many_plans):
    """The progress path resets the engine's caches, as check_paths does."""
    (many_plans / "cpptool.yaml").write_text("rules:\n  CPP-S005: off\n")
    first = json.loads(_run_with_terminal_stderr(many_plans)[1])
    (many_plans / "cpptool.yaml").write_text("rules: {}\n")
    second = json.loads(_run_with_terminal_stderr(many_plans)[1])
    assert first["summary"]["error"] == 0 and second["summary"]["error"] > 0
