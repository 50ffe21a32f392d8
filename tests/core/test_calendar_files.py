"""The files the calendar reads and writes: hostile or broken input gives one line and exit 2.

From the reproducers in the robustness research (calendar update and closures rows). Cases that
would hang or crash the interpreter if they regressed (a FIFO, YAML nested 30,000 levels deep)
run cpptool in a subprocess with a timeout, so a regression fails the test instead of stopping
the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cpptool.core.calendar import clear_cache, load_calendar, update_bank_holidays, user_list_path
from cpptool.core.errors import CpptoolError
from cpptool.resources import resource_dir

SHIPPED = json.loads((resource_dir("data") / "uk-bank-holidays.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _fresh_data_dir(data_dir):
    """Every test here starts with a fresh, empty user data folder (tests/conftest.py)."""
    return data_dir


def one_error_line(code: int, out: str, err: str) -> str:
    assert code == 2, (code, out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cpptool: error: ") and "internal error" not in err
    return lines[0]


def _memory_cap() -> None:
    # A regression that reads /dev/zero must fail the test, not fill the machine's memory.
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_cpptool(*args: str, env_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """cpptool in a subprocess, so a hang, a crash or a runaway read cannot take pytest down."""
    env = dict(os.environ, CPPTOOL_DATA_DIR=str(env_dir))
    return subprocess.run(
        [sys.executable, "-m", "cpptool", *map(str, args)],
        env=env, capture_output=True, text=True, timeout=timeout,
        preexec_fn=_memory_cap if sys.platform.startswith("linux") else None,
    )


def an_update(tmp_path: Path, extra_event: dict | None = None) -> Path:
    """A GOV.UK-style download of england-and-wales 2019-2028, optionally with one more event."""
    events = [dict(e) for e in SHIPPED["england-and-wales"]["events"] if e["date"] >= "2019"]
    if extra_event:
        events.append(extra_event)
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": events}}),
                    encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# calendar update


@pytest.mark.parametrize("dry_run", [True, False])
def test_update_json_nested_thousands_deep_is_not_valid_json(cli, write, data_dir, dry_run):
    source = write("[" * 100_000 + "]" * 100_000, "deep.json")
    args = ["calendar", "update", str(source)] + (["--dry-run"] if dry_run else [])
    line = one_error_line(*cli(*args))
    assert "is not valid JSON (it is nested too deeply)" in line and str(source) in line
    assert not data_dir.exists()


def test_update_json_with_a_huge_integer_is_not_valid_json(write):
    source = write('{"scotland": {"events": [{"date": ' + "9" * 5000 + "}]}}", "big.json")
    with pytest.raises(CpptoolError, match="is not valid JSON"):
        update_bank_holidays(source)


def test_update_refuses_a_year_outside_the_calendar_and_writes_nothing(cli, tmp_path, data_dir):
    source = an_update(tmp_path, {"title": "x", "date": "9999-12-31"})  # a Friday
    line = one_error_line(*cli("calendar", "update", str(source)))
    assert "9999-12-31" in line and "outside the years cpptool can count (1980–2100)" in line
    assert not data_dir.exists()  # nothing written...
    assert cli("dates", "add", "2026-11-23", "1") == (0, "2026-11-24\n", "")  # ...so dates still work
    assert cli("calendar", "list")[0] == 0


def test_a_user_list_already_holding_such_a_year_says_what_to_do(data_dir):
    """A list written by an earlier cpptool that took year 9999: one line, with the fix."""
    data_dir.mkdir()
    events = [{"title": "x", "date": "9999-12-31"}]
    (data_dir / "bank-holidays.json").write_text(
        json.dumps({"england-and-wales": {"division": "england-and-wales", "events": events}}), encoding="utf-8")
    with pytest.raises(CpptoolError) as err:
        load_calendar("england-and-wales")
    assert "outside the years cpptool can count" in str(err.value) and "delete that file" in str(err.value)


def test_update_from_a_fifo_is_refused_quickly(tmp_path):
    fifo = tmp_path / "bank-holidays.json"
    os.mkfifo(fifo)
    done = run_cpptool("calendar", "update", "--dry-run", fifo, env_dir=tmp_path / "user-data", timeout=30)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_update_write_failure_names_the_data_folder(tmp_path, data_dir):
    data_dir.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(CpptoolError) as err:
        update_bank_holidays(an_update(tmp_path, {"title": "Made-up", "date": "2028-06-14"}))
    message = str(err.value)
    assert message.startswith("cannot write the bank holiday list") and "CPPTOOL_DATA_DIR" in message
    assert "\n" not in message


def test_update_writes_through_the_one_writer(tmp_path, data_dir, monkeypatch):
    from cpptool.core import files

    calls = []
    real = files.atomic_write_text

    def spy(path, text, **kwargs):
        calls.append((Path(path), kwargs))
        real(path, text, **kwargs)

    monkeypatch.setattr("cpptool.core.calendar.holiday_lists.atomic_write_text", spy)
    report = update_bank_holidays(an_update(tmp_path, {"title": "Made-up", "date": "2028-06-14"}))
    assert report.written
    assert calls == [(user_list_path(), {"force": True, "make_parents": True})]
    assert not load_calendar("england-and-wales").is_working_day(date(2028, 6, 14))


# ---------------------------------------------------------------------------------------
# Closures files


def test_binary_closures_file_is_one_line(cli, write):
    path = write(b"\x00\x01closures", "closures-binary.yaml")  # as closures-binary.yaml
    line = one_error_line(*cli("dates", "add", "2026-11-23", "5", "--closures", str(path)))
    assert str(path) in line and "not a text file" in line


def test_control_character_in_closures_file_is_one_line(cli, write):
    path = write("closures:\n  - date: 2026-11-24\n    reason: a\x01b\n", "closures.yaml")
    line = one_error_line(*cli("dates", "add", "2026-11-23", "5", "--closures", str(path)))
    assert str(path) in line and "not valid YAML at line 3" in line


@pytest.mark.parametrize("entry", ["date: 2026-02-30", "from: 2026-02-30\n    to: 2026-03-02"])
def test_impossible_closure_date_names_the_file_and_line(cli, write, entry):
    path = write(f"closures:\n  - date: 2026-11-24\n    reason: a\n  - {entry}\n    reason: b\n", "closures.yaml")
    line = one_error_line(*cli("dates", "add", "2026-11-23", "5", "--closures", str(path)))
    assert str(path) in line and "line 4 (closure 2)" in line
    assert "2026-02-30 is not a real date: February 2026 has 28 days" in line


@pytest.mark.parametrize(
    "text",
    [
        "closures: " + "[" * 30_000 + "]" * 30_000 + "\n",  # flow nesting: libyaml crashed past ~20k
        "closures:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 150)),  # indentation
        "closures:\n  " + "- " * 30_000 + "x\n",  # block sequences on one line
    ],
    ids=["flow", "indented", "dashes"],
)
def test_deeply_nested_closures_file_is_refused_not_a_crash(tmp_path, text):
    path = tmp_path / "closures.yaml"
    path.write_text(text, encoding="utf-8")
    done = run_cpptool("dates", "add", "2026-11-23", "5", "--closures", path, env_dir=tmp_path / "d")
    assert done.returncode == 2, (done.returncode, done.stderr[-300:])  # -11 would be SIGSEGV
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "nested more than 100 levels deep" in lines[0] and str(path) in lines[0]


def test_fifo_as_closures_is_refused_quickly(tmp_path):
    fifo = tmp_path / "closures.yaml"
    os.mkfifo(fifo)
    done = run_cpptool("dates", "add", "2026-11-23", "5", "--closures", fifo, env_dir=tmp_path / "d", timeout=30)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0] and str(fifo) in lines[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", [["dates", "add", "2026-11-23", "5", "--closures"], ["calendar", "update"]])
def test_dev_zero_is_refused(tmp_path, command):
    done = run_cpptool(*command, "/dev/zero", env_dir=tmp_path / "d", timeout=30)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0]


def test_huge_closures_file_is_refused(cli, write):
    path = write("closures: []\n" + "#" * (5 * 1024 * 1024) + "\n", "closures.yaml")
    line = one_error_line(*cli("dates", "add", "2026-11-23", "5", "--closures", str(path)))
    assert "too large" in line and str(path) in line


def test_closures_folder_is_refused(cli, tmp_path):
    line = one_error_line(*cli("dates", "add", "2026-11-23", "5", "--closures", str(tmp_path)))
    assert "folder" in line and str(tmp_path) in line


def test_repeated_alias_closures_are_counted_once(write):
    """A YAML alias repeated many times must not repeat the day-by-day work for each copy."""
    text = "closures:\n  - &c {from: 2026-01-01, to: 2026-12-31, reason: Closed}\n" + "  - *c\n" * 50_000
    cal = load_calendar("england-and-wales", closures=write(text, "closures.yaml"))
    assert cal.add(date(2025, 12, 31), 1).year == 2027


def test_closures_symlink_loop_is_one_line(cli, tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    line = one_error_line(*cli("dates", "add", "2026-11-23", "5", "--closures", str(tmp_path / "a.yaml")))
    assert "link loop" in line
