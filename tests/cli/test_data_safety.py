"""Nothing the user wrote is lost: every command that writes refuses to replace what it must not,
writes through links and devices, and leaves no half-written or temporary file behind."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from tests.conftest import COMPLETE, OUTLINE

AS_OF = ("--as-of", "2026-11-23")


@pytest.fixture
def plans(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", [
    ("check", "--format", "json", "--output"),
    ("due", "--force", "--output"),
    ("due", "--force", "--ics"),
    ("report", "--force", "-o"),
])
@pytest.mark.parametrize("target, content", [
    ("b.yaml", None),  # another plan
    ("cpptool.yaml", "fail_level: warning\n"),
    ("closures.yaml", "closures:\n  - {date: 2026-12-24, reason: Office closed}\n"),
    ("notes.YML", "just: some yaml\n"),
    ("out.html -> cpptool.yaml", "fail_level: warning\n"),  # a write follows the link
    ("out.json -> b.yaml", None),
])
def test_an_output_never_replaces_a_yaml_file(cli, plans, target, content, command):
    """Not even with --force: it may be a plan or settings that nothing else holds."""
    target, _, linked = target.partition(" -> ")
    path = plans / (linked or target)
    if content is not None:
        path.write_text(content, encoding="utf-8")
    if linked:
        (plans / target).symlink_to(path.name)
    before = path.read_bytes()
    code, _, err = cli(command[0], *AS_OF, "a.yaml", *command[1:], target)
    assert code == 2 and "YAML file" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", [
    ("check", "--format", "json", "--output"),
    ("due", "--force", "--output"),
    ("report", "--force", "-o"),
    ("render", "--force", "-o"),
])
def test_an_output_that_is_a_link_loop_is_no_internal_error(cli, plans, command):
    """A link to itself holds nothing: with --force it is replaced by the output, else refused."""
    (plans / "loop.html").symlink_to("loop.html")
    before = (plans / "a.yaml").read_bytes()
    code, _, err = cli(command[0], *AS_OF, "a.yaml", *command[1:], "loop.html")
    assert "internal error" not in err and "Traceback" not in err
    assert code == 2 and len(err.strip().splitlines()) == 1 if command[0] == "render" else code in (0, 1)
    assert (plans / "a.yaml").read_bytes() == before


def test_check_output_replaces_an_old_report(cli, plans):
    (plans / "report.json").write_text('{"tool": {"name": "cpptool"}}', encoding="utf-8")
    code, _, _ = cli("check", *AS_OF, "a.yaml", "--format", "json", "--output", "report.json")
    assert code == 0 and (plans / "report.json").read_text(encoding="utf-8").startswith("{")


def test_check_output_through_a_symlink_updates_its_target(cli, plans):
    (plans / "reports").mkdir()
    (plans / "reports" / "latest.sarif").write_text('{"runs": [{"tool": {"driver": {"name": "cpptool"}}}]}',
                                                   encoding="utf-8")
    os.symlink(plans / "reports" / "latest.sarif", plans / "link.sarif")
    code, _, _ = cli("check", *AS_OF, "a.yaml", "--format", "sarif", "--output", "link.sarif")
    assert code == 0
    assert (plans / "link.sarif").is_symlink()
    assert '"version": "2.1.0"' in (plans / "reports" / "latest.sarif").read_text(encoding="utf-8")


def test_check_output_to_a_pipe_writes_into_it(cli, plans):
    """A FIFO (like /dev/stdout or /dev/null, a special file) is written to, never replaced."""
    fifo = plans / "out.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = cli("check", *AS_OF, "a.yaml", "--format", "json", "--output", str(fifo))
    reader.join(timeout=10)
    assert code == 0, err
    assert received and received[0].startswith(b"{")
    assert fifo.is_fifo()


def test_check_output_to_dev_null_keeps_it_a_device(cli, plans):
    code, _, _ = cli("check", *AS_OF, "a.yaml", "--format", "json", "--output", os.devnull)
    assert code == 0
    assert Path(os.devnull).is_char_device()


def test_promote_never_replaces_the_outline_without_in_place(cli, plans):
    before = (plans / "b.yaml").read_bytes()
    code, _, err = cli("promote", "b.yaml", "-o", "b.yaml", "--force")
    assert code == 2 and "--in-place" in err
    assert (plans / "b.yaml").read_bytes() == before


def test_new_refuses_a_dangling_symlink_without_force(cli, plans):
    os.symlink(plans / "missing-target.yaml", plans / "new.yaml")
    code, _, err = cli("new", "new.yaml", "--no-interactive", "--set", "categories=NEG")
    assert code == 2 and "already exists" in err
    assert (plans / "new.yaml").is_symlink() and not (plans / "missing-target.yaml").exists()


@pytest.mark.parametrize("blocker", [".github", "plans", ".github/workflows"])
def test_init_writes_everything_or_nothing(cli, tmp_path, blocker):
    target = tmp_path / "repo"
    target.mkdir()
    (target / blocker).parent.mkdir(parents=True, exist_ok=True)
    (target / blocker).write_text("a file in the way\n", encoding="utf-8")
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    code, _, err = cli("init", str(target))
    assert code == 2 and "nothing was written" in err and len(err.strip().splitlines()) == 1
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before


def test_init_into_a_file_is_refused(cli, tmp_path):
    afile = tmp_path / "afile.txt"
    afile.write_text("x", encoding="utf-8")
    code, _, err = cli("init", str(afile))
    assert code == 2 and "not a folder" in err
    assert sorted(tmp_path.iterdir()) == [afile]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from cpptool.core import files

    def killed(src, dst):
        raise SystemExit(143)  # what SIGTERM raises inside cpptool

    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(SystemExit):
        files.atomic_write_text(tmp_path / "out.sarif", "{}")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_unwinds_like_ctrl_c():
    from cpptool.cli import _exit_on_sigterm

    previous = _exit_on_sigterm()
    try:
        with pytest.raises(SystemExit) as stop:
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0) if hasattr(signal, "sigtimedwait") else None
        assert stop.value.code == 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_check_output_keeps_a_file_that_is_not_a_report(cli, plans):
    (plans / "notes.txt").write_text("my notes\n", encoding="utf-8")
    code, _, err = cli("check", *AS_OF, "a.yaml", "--format", "json", "--output", "notes.txt")
    assert code == 2 and "--force" in err
    assert (plans / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
    code, _, _ = cli("check", *AS_OF, "a.yaml", "--format", "json", "--output", "notes.txt", "--force")
    assert code == 0 and (plans / "notes.txt").read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("fmt", ["junit", "text", "json", "sarif", "gitlab", "github", "concise"])
def test_a_file_name_that_is_not_utf8_is_reported(cli, plans, fmt):
    from tests.conftest import EXAMPLES

    name = os.fsdecode(b"plan-\xff.yaml")
    flawed = EXAMPLES / "flawed" / "detailed-flawed.yaml"
    (plans / name).write_text(flawed.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli("check", *AS_OF, "--exit-zero", "--format", fmt, "--output", f"out.{fmt}", name)
    assert code == 0 and "internal error" not in err
    assert "plan-" in (plans / f"out.{fmt}").read_text(encoding="utf-8")
