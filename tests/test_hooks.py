"""The pre-commit hooks in .pre-commit-hooks.yaml: the manifest, the files each hook takes, and a
real `pre-commit try-repo` run against a passing and a failing plan.

pre-commit builds the hook's virtualenv and pip-installs this repository into it. Tests run
offline, so pip is pointed at the wheelhouse that `make` builds (.venv/wheelhouse: the
dependencies from pyproject.toml, plus setuptools and wheel); any other network access goes to
a dead proxy. Without the wheelhouse (pytest run without `make`), that test is skipped.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, load_yaml

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
FIXTURES = ROOT / "tests" / "reporters" / "fixtures"
WHEELHOUSE = Path(os.environ.get("CPPTOOL_WHEELHOUSE", ROOT / ".venv" / "wheelhouse"))


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in load_yaml(MANIFEST)}


# --- the manifest ---------------------------------------------------------------------------------

def test_manifest_is_valid_for_pre_commit():
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit (test extra) is not installed")
    loaded = clientlib.load_manifest(str(MANIFEST))
    assert [h["id"] for h in loaded] == ["cpptool-check", "cpptool-check-all"]


def test_hook_settings():
    check, every = hooks()["cpptool-check"], hooks()["cpptool-check-all"]
    assert check["entry"] == "cpptool check --plans-only" and check["language"] == "python"
    assert check["types"] == ["yaml"]
    assert check.get("pass_filenames", True) is True and check.get("require_serial") is False
    assert every["entry"] == "cpptool check ." and every["language"] == "python"
    assert (every["pass_filenames"], every["always_run"], every["require_serial"]) == (False, True, True)
    assert every["stages"] == ["manual"]  # as `cpptool init` writes it: a whole-repository check on request


@pytest.mark.parametrize("path, taken", [
    ("plans/ab12.yaml", True),
    ("ab12.yml", True),
    ("area/north/ab12.yaml", True),
    ("plans/notes.md", False),
    (".pre-commit-config.yaml", False),
    (".pre-commit-hooks.yaml", False),
    ("cpptool.yaml", False),
    ("plans/cpptool.yaml", False),
    (".gitlab-ci.yml", False),
    (".github/workflows/cpptool.yml", False),
    (".gitlab/ci/cpptool.yml", False),
])
def test_which_files_the_check_hook_takes(path, taken):
    """As pre-commit selects files: `files` and `exclude` regexes, and `types` tags from identify."""
    hook = hooks()["cpptool-check"]
    tags = _tags(path)
    selected = (re.search(hook.get("files", ""), path) is not None
                and not re.search(hook.get("exclude", "^$"), path)
                and set(hook.get("types", ["file"])) <= tags)
    assert selected is taken


def _tags(path: str) -> set[str]:
    try:
        from identify.identify import tags_from_filename
    except ImportError:  # identify comes with pre-commit; a rough stand-in otherwise
        return {"file", "yaml"} if path.endswith((".yaml", ".yml")) else {"file"}
    return set(tags_from_filename(path)) | {"file"}


@pytest.mark.parametrize("plan, code", [("clean.yaml", 0), ("flawed.yaml", 1)])
def test_the_entries_run(cli, monkeypatch, tmp_path, plan, code):
    """Each hook's exact entry, as pre-commit would call it (files appended for cpptool-check)."""
    shutil.copy(FIXTURES / plan, tmp_path / plan)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CPPTOOL_AS_OF", "2026-11-23")
    for hook_id, files in (("cpptool-check", [plan]), ("cpptool-check-all", [])):
        argv = shlex.split(hooks()[hook_id]["entry"])
        assert argv[0] == "cpptool"
        assert cli(*argv[1:], *files)[0] == code, hook_id


# --- real pre-commit ------------------------------------------------------------------------------

def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _snapshot(dest: Path, marker: str) -> Path:
    """This repository as it is on disk: a clone of HEAD with the working tree's changes (and new,
    not ignored, files) staged but not committed. `pre-commit try-repo` commits uncommitted
    changes into a temporary shadow repository; it takes staged and modified tracked files, not
    untracked ones, so everything is staged here. The hook's name gets a marker, an uncommitted
    change the test can see in pre-commit's output."""
    _git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(dest), cwd=ROOT)
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for rel in filter(None, listed):
        src, dst = ROOT / rel, dest / rel
        if src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        elif dst.is_file():  # deleted in the working tree
            dst.unlink()
    manifest = dest / ".pre-commit-hooks.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("name: cpptool check (child protection plans)",
                                     f"name: cpptool check ({marker})", 1), encoding="utf-8")
    _git("add", "--all", cwd=dest)
    return dest


def _offline_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.upper().startswith(("PIP_", "VIRTUALENV_", "PRE_COMMIT", "GIT_", "PYTHON"))
           and k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    dead = "http://127.0.0.1:9"  # nothing listens there: any download fails at once
    env.update({
        "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE), "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead, "https_proxy": dead, "ALL_PROXY": dead,
        "PRE_COMMIT_HOME": str(home / "cache"), "PRE_COMMIT_COLOR": "never",
        "CPPTOOL_AS_OF": "2026-11-23",  # the fixtures are judged as of their own date
        "HOME": str(home),  # no user git or pip configuration
        "GIT_CONFIG_NOSYSTEM": "1",
    })
    return env


@pytest.mark.slow
def test_pre_commit_try_repo_passes_and_fails(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit (test extra) is not installed")
    if not any(WHEELHOUSE.glob("typer-*.whl")) or not any(WHEELHOUSE.glob("setuptools-*.whl")):
        pytest.skip(f"no wheelhouse at {WHEELHOUSE}: run `make test` (make builds it while online) "
                    "or set CPPTOOL_WHEELHOUSE")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    marker = f"snapshot {os.getpid()}"
    repo = _snapshot(tmp_path / "cpptool", marker)
    plans = tmp_path / "plans"
    plans.mkdir()
    _git("init", "--quiet", cwd=plans)
    shutil.copy(FIXTURES / "clean.yaml", plans / "good.yaml")
    shutil.copy(FIXTURES / "flawed.yaml", plans / "bad.yaml")
    (plans / "notes.txt").write_text("not a plan\n")
    _git("add", "--all", cwd=plans)
    env = _offline_env(tmp_path)

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), "cpptool-check",
                               "--verbose", "--files", *files],
                              cwd=plans, env=env, capture_output=True, text=True, timeout=300)

    started = time.monotonic()
    passed = try_repo("good.yaml", "notes.txt")
    log = passed.stdout + passed.stderr
    assert passed.returncode == 0, log
    assert "Creating temporary repo with uncommitted changes" in log
    assert re.search(rf"cpptool check \({marker}\)\.+Passed", log), log  # the uncommitted manifest was used
    assert "1 plan checked: no findings" in log

    failed = try_repo("good.yaml", "bad.yaml")
    log = failed.stdout + failed.stderr
    assert failed.returncode == 1, log
    assert re.search(rf"cpptool check \({marker}\)\.+Failed", log), log
    assert "CPP-S005" in log and "bad.yaml:" in log
    assert "exit code: 1" in log
    print(f"pre-commit try-repo, two runs: {time.monotonic() - started:.1f} s")
