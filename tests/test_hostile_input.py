"""Hostile files: each is refused (exit 2) or reported (exit 1) in one line, quickly, in little
memory, and never with a crash, a hang or an internal error.

Each case runs cpptool in its own process, so a crash (libyaml's recursion ends in SIGSEGV) or a
runaway read shows as that process's exit, and its CPU time and peak memory are measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import COMPLETE, OUTLINE

MAX_CPU_SECONDS = 1.0


@pytest.fixture(scope="module", autouse=True)
def _compiled():
    """cpptool's bytecode, compiled once as pip would: where PYTHONDONTWRITEBYTECODE=1 (set on some
    machines) every process would compile the checkout again, and that is not the refusal's time."""
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "cpptool"), quiet=1)
MAX_PEAK_MB = 100
HANG_GUARD_SECONDS = 20

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8))
DEEP_FLOW = "[" * 30_000 + "]" * 30_000
DEEP_BLOCK = "- " * 30_000 + "x\n"
PROFILE = "extends: [england]\ntitle: Local\ncalendar: england-and-wales\n"


# Runs cpptool and then writes the process's own peak memory (VmHWM) to a file. A child's
# ru_maxrss would not do: Linux carries the forked parent's (pytest's) peak across exec.
_WRAPPER = """
import sys
from cpptool.cli import main
try:
    code = main(sys.argv[2:])
finally:
    with open('/proc/self/status') as status:
        peak = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(sys.argv[1], 'w') as out:
        out.write(peak)
sys.exit(code)
"""


def run(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """(exit code, stderr, CPU seconds, peak MB) of `cpptool ARGS` in its own process."""
    env = {**os.environ, "CPPTOOL_DATA_DIR": str(cwd / ".data"), "NO_COLOR": "1"}
    peak_file = cwd / f".peak-{os.getpid()}-{time.monotonic_ns()}"
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, str(peak_file), *args], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > HANG_GUARD_SECONDS:
            proc.kill()
            proc.wait()
            pytest.fail(f"cpptool {' '.join(args)} hung (killed after {HANG_GUARD_SECONDS} s)")
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    peak_kb = int(peak_file.read_text()) if peak_file.exists() else 0
    peak_file.unlink(missing_ok=True)
    return proc.returncode, err, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def _files(tmp: Path) -> None:
    (tmp / "plans").mkdir()
    (tmp / "ok.yaml").write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp / "deep-flow.yaml").write_text(f"format: 1\nchild: {DEEP_FLOW}\n", encoding="utf-8")
    (tmp / "deep-block.yaml").write_text(f"format: 1\nchild:\n  {DEEP_BLOCK}", encoding="utf-8")
    (tmp / "bomb.yaml").write_text("format: 1\n" + BOMB + "child: *i\n", encoding="utf-8")
    (tmp / "long-int.yaml").write_text("format: 1\nstage: outline\nchild: " + "7" * 4301 + "\n", encoding="utf-8")
    born_late = COMPLETE.read_text(encoding="utf-8").replace("date_of_birth: 2018", "date_of_birth: 9982", 1)
    (tmp / "born-9982.yaml").write_text(born_late, encoding="utf-8")
    (tmp / "profile-bomb.yaml").write_text(PROFILE + BOMB + "description: *i\n", encoding="utf-8")
    (tmp / "profile-deep.yaml").write_text(PROFILE + f"description: {DEEP_FLOW}\n", encoding="utf-8")
    (tmp / "profile-list.yaml").write_text(PROFILE + "counting: [1]\n", encoding="utf-8")
    (tmp / "profile-date.yaml").write_text(PROFILE + "source_date: 2026-02-30\n", encoding="utf-8")
    (tmp / "config-date.yaml").write_text("fail_level: error\nnote: 2026-02-30\n", encoding="utf-8")
    (tmp / "config-int.yaml").write_text("rules:\n  CPP-Q007: {max_actions: " + "9" * 5000 + "}\n", encoding="utf-8")
    (tmp / "answers-date.yaml").write_text("conference_date: 2026-02-30\n", encoding="utf-8")
    (tmp / "answers-deep.yaml").write_text(f"child_name: {DEEP_FLOW}\n", encoding="utf-8")
    (tmp / "closures-deep.yaml").write_text(f"closures: {DEEP_FLOW}\n", encoding="utf-8")
    (tmp / "closures-binary.yaml").write_bytes(bytes(range(256)) * 8)
    (tmp / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.mkfifo(tmp / "pipe.yaml")


# (arguments, expected exit code, words the one-line message must hold)
CASES = [
    (["check", "deep-flow.yaml"], 1, ""),
    (["check", "deep-block.yaml"], 1, ""),
    (["check", "bomb.yaml"], 1, ""),
    (["check", "long-int.yaml"], 1, ""),
    (["check", "--exit-zero", "--as-of", "2026-11-23", "born-9982.yaml"], 0, ""),
    (["render", "--to", "md", "--as-of", "2026-11-23", "born-9982.yaml"], 0, ""),
    (["render", "--to", "md", "deep-flow.yaml"], 2, "not a valid plan"),
    (["promote", "--dry-run", "deep-flow.yaml"], 2, ""),
    (["check", "--profile", "./profile-bomb.yaml", "ok.yaml"], 2, "aliases"),
    (["check", "--profile", "./profile-deep.yaml", "ok.yaml"], 2, "nested"),
    (["check", "--profile", "./profile-list.yaml", "ok.yaml"], 2, "'counting' must be"),
    (["check", "--profile", "./profile-date.yaml", "ok.yaml"], 2, "not a real date"),
    (["check", "--profile", "a" * 300, "ok.yaml"], 2, "unknown profile"),
    (["check", "--config", "config-date.yaml", "ok.yaml"], 2, "not a real date"),
    (["check", "--config", "config-int.yaml", "ok.yaml"], 2, "number"),
    (["new", "--dry-run", "--answers", "answers-date.yaml", "x.yaml"], 2, "not a real date"),
    (["new", "--dry-run", "--answers", "answers-deep.yaml", "x.yaml"], 2, "nested"),
    (["new", "--dry-run", "--answers", "pipe.yaml", "x.yaml"], 2, "not a regular file"),
    (["new", "--dry-run", "--answers", "/dev/zero", "x.yaml"], 2, "not a regular file"),
    (["dates", "add", "2026-11-23", "5", "--closures", "closures-deep.yaml"], 2, "nested"),
    (["dates", "add", "2026-11-23", "5", "--closures", "closures-binary.yaml"], 2, ""),
    (["dates", "add", "2026-11-23", "5", "--closures", "/dev/zero"], 2, "regular file"),
    (["calendar", "update", "--dry-run", "deep.json"], 2, "JSON"),
    (["calendar", "update", "--dry-run", "/dev/zero"], 2, "regular file"),
    (["check", "pipe.yaml"], 2, "not a regular file"),
    (["check", "/dev/zero"], 2, "not a regular file"),
    (["check", "/dev/null"], 2, "not a regular file"),
    (["render", "--to", "md", "pipe.yaml"], 2, "not a regular file"),
    (["render", "--to", "md", "/dev/zero"], 2, "not a regular file"),
    (["promote", "--dry-run", "pipe.yaml"], 2, "not a regular file"),
    (["promote", "--dry-run", "/dev/zero"], 2, "not a regular file"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    _files(tmp)
    return tmp


@pytest.mark.parametrize("args, expected, words", CASES, ids=lambda v: " ".join(v)[:60] if isinstance(v, list) else None)
def test_hostile_input_is_refused_quickly_in_one_line(hostile, args, expected, words):
    code, err, cpu, peak = run(args, hostile)
    assert code == expected, err
    assert "internal error" not in err and "Traceback" not in err
    if expected == 2:
        assert len(err.strip().splitlines()) == 1, err
        assert words in err, err
    assert cpu < MAX_CPU_SECONDS, f"{cpu:.2f} s of CPU"
    assert peak < MAX_PEAK_MB, f"{peak:.0f} MB at peak"


def test_folder_with_hostile_files_is_checked_not_hung(tmp_path):
    """A FIFO and a link loop in a plans folder never hang or crash the folder check; empty,
    UTF-16 and non-UTF-8 plans (any case of extension) and a flow-style plan are reported."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ok.yaml").write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(plans / "pipe.yaml")
    (plans / "empty.YAML").write_text("", encoding="utf-8")
    (plans / "utf16.yml").write_bytes("format: 1\n".encode("utf-16"))
    (plans / "latin1.yaml").write_bytes("format: 1\nchild: {name: Zo\xeb}\n".encode("latin-1"))
    (plans / "flow.yaml").write_text("{format: 1, stage: outline, child: {name: A}}\n", encoding="utf-8")
    (plans / "closures.yaml").write_text("closures:\n  - {date: 2026-12-24, reason: Office closed}\n",
                                         encoding="utf-8")
    # Judged as of the example's own month, so that no action is overdue in ok.yaml whatever today is.
    code, err, _, _ = run(["check", "--as-of", "2026-11-23", "--format", "concise", "--output", "out.txt", "plans"],
                          tmp_path)
    assert code == 1, err
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    for name, rule in [("empty.YAML", "CPP-E005"), ("utf16.yml", "CPP-E004"), ("latin1.yaml", "CPP-E004"),
                       ("flow.yaml", "CPP-S")]:
        assert any(line.startswith(f"plans/{name}:") and rule in line for line in out.splitlines()), (name, out)
    assert "closures.yaml" not in out and "pipe.yaml" not in out and "ok.yaml" not in out


def test_symlink_loop_in_a_folder_is_named_not_an_internal_error(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ok.yaml").write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink("b.yaml", plans / "a.yaml")
    os.symlink("a.yaml", plans / "b.yaml")
    code, err, _, _ = run(["check", "plans"], tmp_path)
    assert code == 2 and "internal error" not in err
    assert "link loop" in err and "a.yaml" in err and len(err.strip().splitlines()) == 1


def test_missing_closures_named_in_the_config_stops_the_run(tmp_path):
    (tmp_path / "cpptool.yaml").write_text("closures: office-closures.yaml\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    code, err, _, _ = run(["check", "--as-of", "2026-11-23", "plan.yaml"], tmp_path)
    assert code == 2 and "office-closures.yaml" in err and "not found" in err


def test_invalid_closures_named_in_the_config_stops_the_run(tmp_path):
    (tmp_path / "cpptool.yaml").write_text("closures: office-closures.yaml\n", encoding="utf-8")
    (tmp_path / "office-closures.yaml").write_text("closures:\n  - {date: 2026-02-30, reason: x}\n",
                                                   encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    code, err, _, _ = run(["check", "--as-of", "2026-11-23", "plan.yaml"], tmp_path)
    assert code == 2 and "office-closures.yaml" in err and len(err.strip().splitlines()) == 1
