"""`cpptool check --jobs N`: the same report, in the same order, with the same exit code as one process."""

from __future__ import annotations

import io
import multiprocessing
import shutil

import pytest

from cpptool.core import engine, workers
from tests.conftest import COMPLETE, EXAMPLES, OUTLINE

AS_OF = ("--as-of", "2026-11-23")
SOURCES = [EXAMPLES / "flawed" / "detailed-flawed.yaml", COMPLETE, EXAMPLES / "flawed" / "structure-flawed.yaml",
           OUTLINE]


@pytest.fixture
def thirty_plans(tmp_path):
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    for i in range(30):
        target = folder / ("sub" if i % 7 == 0 else "") / f"plan-{(i * 11) % 30:02}.yaml"
        shutil.copy(SOURCES[i % len(SOURCES)], target)
    (folder / "plan-99.yaml").write_text("format: 1\nstage: outline\nchild: [unclosed\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "concise"])
def test_jobs_give_the_same_report_in_the_same_order(cli, thirty_plans, fmt):
    one = cli("check", *AS_OF, "--no-cache", "-j", "1", "--format", fmt, thirty_plans)
    assert one[0] == 1 and "plan-99.yaml" in one[1]
    for jobs in ("2", "3"):
        assert cli("check", *AS_OF, "--no-cache", "-j", jobs, "--format", fmt, thirty_plans) == one


def test_jobs_with_the_cache_cold_and_warm(cli, thirty_plans):
    one = cli("check", *AS_OF, "--no-cache", "-j", "1", thirty_plans)
    assert cli("check", *AS_OF, "-j", "3", thirty_plans) == one  # cold: the workers fill the cache
    assert cli("check", *AS_OF, "-j", "3", thirty_plans) == one  # warm
    (thirty_plans / "plan-03.yaml").write_text("format: 1\n", encoding="utf-8")
    assert cli("check", *AS_OF, "-j", "3", thirty_plans) == cli("check", *AS_OF, "--no-cache", "-j", "1",
                                                                 thirty_plans)


def test_without_fork_the_results_are_the_same(cli, thirty_plans, monkeypatch):
    """macOS and Windows start workers with spawn: each imports cpptool afresh."""
    one = cli("check", *AS_OF, "--no-cache", "-j", "1", "--format", "json", thirty_plans)
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    assert cli("check", *AS_OF, "--no-cache", "-j", "2", "--format", "json", thirty_plans) == one


def test_the_error_one_process_stops_at_is_the_one_reported(cli, thirty_plans):
    for name in ("plan-05.yaml", "plan-21.yaml"):
        text = COMPLETE.read_text(encoding="utf-8").replace("profile: england", f"profile: nowhere-{name[5:7]}")
        (thirty_plans / name).write_text(text, encoding="utf-8")
    one = cli("check", *AS_OF, "--no-cache", "-j", "1", thirty_plans)
    assert one[0] == 2 and "plan-05.yaml" in one[2]
    assert cli("check", *AS_OF, "--no-cache", "-j", "3", thirty_plans) == one


def test_default_jobs():
    assert engine._jobs(None, workers.PARALLEL_MIN_FILES) == 1
    assert engine._jobs(None, workers.PARALLEL_MIN_FILES + 1) == workers.processors()
    assert engine._jobs(8, 3) == 3  # never more processes than plans
    assert engine._jobs(None, 0) == 1


def test_jobs_must_be_at_least_one(cli, thirty_plans):
    code, out, err = cli("check", "-j", "0", thirty_plans)
    assert code == 2 and out == "" and "--jobs" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_in_a_terminal_with_jobs(cli, thirty_plans):
    import contextlib

    from cpptool.cli import main

    out, err = io.StringIO(), _Terminal()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *AS_OF, "--no-cache", "-j", "2", "-f", "json", str(thirty_plans)])
    assert "checking plans" in err.getvalue()
    assert (code, out.getvalue()) == cli("check", *AS_OF, "--no-cache", "-j", "1", "-f", "json", thirty_plans)[:2]


def test_the_progress_bar_counts_every_plan(thirty_plans, monkeypatch):
    """Progress moves as chunks finish and ends at the number of plans."""
    seen: list[int] = []

    def progress(total):
        seen.append(total)
        return lambda: seen.append(-1)

    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 0)
    results = engine.check_paths([thirty_plans], engine.CheckOptions(jobs=3), progress=progress)
    assert seen[0] == 31 and seen.count(-1) == 31 == len(results)
