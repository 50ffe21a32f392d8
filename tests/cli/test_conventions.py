"""Conventions people expect of a command-line tool: NO_COLOR and FORCE_COLOR, folders made for
outputs, and a plain word when a folder holds no plans."""

from __future__ import annotations

import contextlib
import io

import pytest

from conftest import COMPLETE, EXAMPLES

FLAWED = EXAMPLES / "flawed" / "detailed-flawed.yaml"
ESC = "\x1b["


class Terminal(io.StringIO):
    """Standard output that says it is a terminal, as a person's shell is."""

    def isatty(self) -> bool:
        return True


def _check_in_a_terminal(*args: str) -> str:
    from cpptool.cli import main

    out = Terminal()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["check", "--as-of", "2026-11-23", *args])
    return out.getvalue()


@pytest.mark.parametrize("no_color, force_color, flag, coloured", [
    (None, None, None, True),        # a terminal: colour
    ("1", None, None, False),        # NO_COLOR wins over the terminal
    ("1", "1", None, False),         # and over FORCE_COLOR
    (None, "1", None, True),
    ("1", None, "--color", True),    # an explicit flag wins over both
    (None, "1", "--no-color", False),
])
def test_colour_follows_no_color_and_force_color(monkeypatch, no_color, force_color, flag, coloured):
    for name, value in (("NO_COLOR", no_color), ("FORCE_COLOR", force_color)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    out = _check_in_a_terminal(*([flag] if flag else []), str(FLAWED))
    assert (ESC in out) is coloured, out[:200]


def test_force_color_colours_a_pipe(cli, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = cli("check", "--as-of", "2026-11-23", FLAWED)
    assert code == 1 and ESC in out
    monkeypatch.delenv("FORCE_COLOR")
    assert ESC not in cli("check", "--as-of", "2026-11-23", FLAWED)[1]


def test_check_output_makes_missing_folders(cli, tmp_path):
    report = tmp_path / "reports" / "ci" / "cpptool.sarif"
    code, _, err = cli("check", "--as-of", "2026-11-23", "--format", "sarif", "--output", report, COMPLETE)
    assert code == 0, err
    assert report.read_text(encoding="utf-8").lstrip().startswith("{")


def test_check_says_when_a_folder_has_no_plans(cli, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "notes.txt").write_text("not a plan\n")
    code, out, err = cli("check", plans)
    assert code == 0
    assert err.strip() == f"cpptool: no plans found in {plans}/"
    code, _, err = cli("check", f"{plans}/")
    assert code == 0 and err.strip() == f"cpptool: no plans found in {plans}/"


def test_check_says_nothing_of_folders_that_hold_plans(cli, tmp_path):
    plans = tmp_path / "plans" / "north"
    plans.mkdir(parents=True)
    (plans / "cp-2026-0412.yaml").write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli("check", "--as-of", "2026-11-23", tmp_path / "plans")
    assert code == 0 and "no plans found" not in err


def test_the_command_line_lets_click_read_sys_argv_itself(monkeypatch):
    """On Windows Click expands *, ~ and %VAR% in arguments, but only when it reads sys.argv itself."""
    import cpptool.cli as cli

    seen = {}

    def fake_app(**kwargs):
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(cli, "_app_for", lambda args: seen.setdefault("chosen_for", args) and fake_app)
    monkeypatch.setattr("sys.argv", ["cpptool", "check", "plans/*.yaml"])
    assert cli.main() == 0
    assert seen["chosen_for"] == ["check", "plans/*.yaml"] and seen["args"] is None
    assert cli.main(["dates", "add"]) == 0 and seen["args"] == ["dates", "add"]


@pytest.mark.parametrize("raises", [None, RuntimeError("boom"), KeyboardInterrupt()])
def test_the_cycle_collector_is_off_during_a_run_and_as_it_was_after(monkeypatch, raises):
    """A run leaves the collector off (it costs a large caseload much and frees little), and gives
    it back as it found it, whatever happens, so code that calls main() in-process keeps its own."""
    import gc

    import cpptool.cli as cli

    during = []

    def fake_app(**kwargs):
        during.append(gc.isenabled())
        if raises is not None:
            raise raises
        return 0

    monkeypatch.setattr(cli, "_app_for", lambda args: fake_app)
    assert gc.isenabled()
    assert cli.main(["check"]) == {None: 0, RuntimeError: 2, KeyboardInterrupt: 130}[type(raises) if raises else None]
    assert during == [False] and gc.isenabled()
    gc.disable()
    try:
        cli.main(["check"])
        assert not gc.isenabled()  # left off, as it was
    finally:
        gc.enable()
