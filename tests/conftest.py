"""Shared helpers for the tests. Every test is offline and pins its dates."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
COMPLETE = EXAMPLES / "plans" / "detailed-complete.yaml"
OUTLINE = EXAMPLES / "plans" / "outline-complete.yaml"
AS_OF = dt.date(2026, 11, 23)


def yaml_text(data) -> str:
    from ruamel.yaml import YAML

    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.sort_base_mapping_type_on_output = False
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def load_yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _own_check_cache(tmp_path_factory, monkeypatch):
    """Each test has its own empty check cache, outside its plans: never the user's ~/.cache, and
    never a result cached by another test. (Subprocesses inherit the variable.)"""
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(tmp_path_factory.mktemp("check-cache")))
    monkeypatch.delenv("CPPTOOL_NO_CACHE", raising=False)


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def _write(content, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def cli():
    """Run cpptool in-process; returns (exit code, stdout, stderr)."""
    import contextlib

    from cpptool.cli import main

    def _run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
        return code, out.getvalue(), err.getvalue()

    return _run


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh, empty user data folder (bank-holiday list) for one test."""
    from cpptool.core.calendar import clear_cache

    folder = tmp_path / "user-data"
    monkeypatch.setenv("CPPTOOL_DATA_DIR", str(folder))
    clear_cache()
    yield folder
    clear_cache()


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch):
    """The suite behaves the same on a laptop and in CI: CI's own variables (which hide the
    progress bar and pick the github format) are set only by the tests about them."""
    for name in ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITLAB_CI"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def checked(monkeypatch):
    """The plans really read and checked in this process (not taken from the cache), by name."""
    from cpptool.core import engine

    calls: list[str] = []
    real = engine.check_plan

    def counting(file, shown=None, opts=None, **kw):
        calls.append(str(shown or file))
        return real(file, shown, opts, **kw)

    monkeypatch.setattr(engine, "check_plan", counting)
    return calls
