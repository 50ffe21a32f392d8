"""Golden outputs: every format, and every exit code, pinned as files under golden/.

Each golden file is a transcript: the command, the exit code, standard output, standard error
and (for github) the step summary. The fixtures are two plans in fixtures/, checked from this
folder so paths are relative, as of a fixed date; the tool version is written as <version>.

When a change is intended (a new rule fires on a fixture, a message is reworded), rewrite them:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/reporters

and review the diff before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cpptool import __version__

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FLAWED = "fixtures/flawed.yaml"
CLEAN = "fixtures/clean.yaml"
AS_OF = ["--as-of", "2026-11-23"]
FORMATS = ["text", "concise", "json", "github", "sarif", "junit", "gitlab"]

SCENARIOS: dict[str, list[list[str]]] = {}
for _fmt in FORMATS:
    SCENARIOS[_fmt] = [["--format", _fmt, *AS_OF, FLAWED, CLEAN]]  # findings: exit 1
    SCENARIOS[f"{_fmt}-clean"] = [["--format", _fmt, *AS_OF, CLEAN]]  # nothing found: exit 0
SCENARIOS["statistics"] = [["--statistics", *AS_OF, FLAWED, CLEAN]]
SCENARIOS["exit-zero"] = [["--format", "concise", "--exit-zero", *AS_OF, FLAWED]]
# fixtures/no-errors.yaml turns the flawed plan's only error off, leaving warnings and info.
SCENARIOS["fail-level-warning"] = [
    ["--format", "concise", "--config", "fixtures/no-errors.yaml", *AS_OF, FLAWED],  # exit 0
    ["--format", "concise", "--config", "fixtures/no-errors.yaml", "--fail-level", "warning", *AS_OF, FLAWED],
]
SCENARIOS["usage-errors"] = [  # exit 2, one line on stderr, nothing on stdout
    ["--format", "xml", CLEAN],
    ["--format", "json", "--format", "sarif", *AS_OF, CLEAN],
    ["--output", "a.json", "--output", "b.json", CLEAN],
    ["--format", "json", "--statistics", CLEAN],
    ["--fail-level", "fatal", CLEAN],
    ["--as-of", "2026-02-30", CLEAN],
    ["fixtures/missing.yaml"],
]

_VERSION = re.compile(rf"(?<![\w.]){re.escape(__version__)}(?![\w.])")


def _normalise(text: str) -> str:
    return _VERSION.sub("<version>", text)


def transcript(cli, args: list[str], summary: Path) -> str:
    if summary.exists():
        summary.unlink()
    code, out, err = cli("check", *args)
    parts = [f"$ cpptool check {' '.join(args)}", f"exit: {code}"]
    if out:
        parts += ["--- stdout", out.rstrip("\n")]
    if err:
        parts += ["--- stderr", err.rstrip("\n")]
    if summary.exists():
        parts += ["--- GITHUB_STEP_SUMMARY", summary.read_text(encoding="utf-8").rstrip("\n")]
    return _normalise("\n".join(parts)) + "\n"


@pytest.fixture
def in_fixtures(monkeypatch, tmp_path):
    """Run from this folder with no CI variables, so that paths and defaults are fixed."""
    monkeypatch.chdir(HERE)
    for name in ("GITHUB_ACTIONS", "CI", "CPPTOOL_AS_OF", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    return summary


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_golden(cli, in_fixtures, name):
    actual = "\n".join(transcript(cli, args, in_fixtures) for args in SCENARIOS[name])
    file = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        file.write_text(actual, encoding="utf-8")
        return
    assert file.exists(), f"no golden file {file.name}: run UPDATE_GOLDEN=1 pytest tests/reporters"
    expected = file.read_text(encoding="utf-8")
    assert actual == expected, (f"{file.name} differs; if the change is intended, run "
                                "UPDATE_GOLDEN=1 pytest tests/reporters and review the diff")


def test_every_golden_file_has_a_scenario():
    stale = sorted(p.stem for p in GOLDEN.glob("*.txt") if p.stem not in SCENARIOS)
    assert stale == [], f"golden files without a scenario: {stale}"


def test_exit_codes_in_goldens_cover_0_1_and_2():
    codes = set()
    for file in GOLDEN.glob("*.txt"):
        codes |= set(re.findall(r"^exit: (\d)$", file.read_text(encoding="utf-8"), re.M))
    assert codes == {"0", "1", "2"}


def test_formats_are_found_however_the_reporters_are_installed(monkeypatch):
    """As files (the listing), as bytecode only, or where the folder cannot be listed (a zip)."""
    import os
    import pkgutil

    import cpptool.reporters as reporters

    listed = reporters.formats()
    assert listed == tuple(FORMATS)

    def unlisted(folder):
        raise NotADirectoryError(folder)

    zipped = [pkgutil.ModuleInfo(None, name, False) for name in ["due_ics", *(f"{n}_report" for n in reversed(FORMATS))]]
    for patches in ([(os, "listdir", lambda folder: [f"{n}_report.pyc" for n in reversed(FORMATS)] + ["due_ics.pyc"])],
                    [(os, "listdir", unlisted), (pkgutil, "iter_modules", lambda path: iter(zipped))]):
        reporters.formats.cache_clear()
        with monkeypatch.context() as m:
            for patch in patches:
                m.setattr(*patch)
            assert reporters.formats() == listed
    reporters.formats.cache_clear()
