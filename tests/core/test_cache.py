"""The check cache: a re-run reuses results only while nothing they depend on has changed."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from cpptool.core import cache, engine
from tests.conftest import COMPLETE, EXAMPLES

AS_OF = ("--as-of", "2026-11-23")
FLAWED = EXAMPLES / "flawed" / "detailed-flawed.yaml"


@pytest.fixture
def repo(tmp_path):
    """A plan repository: cpptool.yaml, a profile chain, closures, two plans."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    shutil.copy(COMPLETE, root / "plans" / "ab12.yaml")
    shutil.copy(FLAWED, root / "plans" / "cd34.yaml")
    (root / "cpptool.yaml").write_text("profile: ./local.yaml\nclosures: closures.yaml\n", encoding="utf-8")
    (root / "local.yaml").write_text("extends: [./base.yaml]\ntitle: Local\n", encoding="utf-8")
    (root / "base.yaml").write_text("extends: [england]\ntitle: Base\n", encoding="utf-8")
    (root / "closures.yaml").write_text("closures:\n  - date: 2026-12-29\n    reason: Closed\n", encoding="utf-8")
    return root


def _entries() -> list[Path]:
    return sorted(cache.cache_dir().glob(f"{cache.FOLDER}/*/*.json"))


def _run(cli, *args):
    return cli("check", *AS_OF, "-j", "1", *map(str, args))


def test_a_rerun_takes_every_result_from_the_cache(cli, repo, checked):
    first = _run(cli, repo / "plans")
    assert len(checked) == 2 and len(_entries()) == 2
    second = _run(cli, repo / "plans")
    assert len(checked) == 2, "nothing was checked again"
    assert second == first
    assert _run(cli, "--format", "json", repo / "plans")[1] == cli("check", *AS_OF, "--no-cache", "--format", "json",
                                                                     repo / "plans")[1]


@pytest.mark.parametrize("edit", ["plan", "config", "profile", "closures", "as-of", "bank-holidays"])
def test_a_change_to_what_a_result_depends_on_is_seen(cli, repo, checked, edit, data_dir):
    _run(cli, repo / "plans")
    before = len(checked)
    args = ()
    if edit == "plan":
        plan = repo / "plans" / "ab12.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("    due: 2026-11-27\n", "    due: 2026-11-10\n", 1),
                        encoding="utf-8")
    elif edit == "config":
        (repo / "cpptool.yaml").write_text("profile: ./local.yaml\nclosures: closures.yaml\nrules:\n  CPP-S005: off\n",
                                           encoding="utf-8")
    elif edit == "profile":  # the far end of the extends chain
        (repo / "base.yaml").write_text("extends: [england]\ntitle: Base\nrules:\n  CPP-Q009: off\n", encoding="utf-8")
    elif edit == "closures":
        (repo / "closures.yaml").write_text("closures:\n  - date: 2026-12-30\n    reason: Closed\n", encoding="utf-8")
    elif edit == "as-of":
        args = ("--as-of", "2027-03-01")
    else:
        data_dir.mkdir(parents=True)
        shutil.copy(Path(engine.__file__).parent.parent / "data" / "uk-bank-holidays.json",
                    data_dir / "bank-holidays.json")
    expected = {"plan": 1, "config": 2, "profile": 2, "closures": 2, "as-of": 2, "bank-holidays": 2}[edit]
    out = cli("check", *AS_OF, "-j", "1", *args, "--format", "json", str(repo / "plans"))
    assert len(checked) - before == expected
    fresh = cli("check", *AS_OF, "-j", "1", *args, "--no-cache", "--format", "json", str(repo / "plans"))
    assert out == fresh


def test_the_edit_itself_is_reported(cli, repo):
    plan = repo / "plans" / "ab12.yaml"
    assert "CPP-T020" not in _run(cli, plan)[1]
    plan.write_text(plan.read_text(encoding="utf-8").replace("    due: 2026-11-27\n", "    due: 2026-11-10\n", 1),
                    encoding="utf-8")
    assert "CPP-T020" in _run(cli, plan)[1]


def test_a_broken_or_changed_entry_is_ignored_and_written_again(cli, repo, checked):
    first = _run(cli, repo / "plans")
    broken = [b"", b"{not json", b'{"deps": [], "result": {"file": 3}}', json.dumps({"deps": [], "result": {
        "file": "x", "profile": None, "content_checked": True, "fail_level": "error", "next_due": [],
        "findings": [["CPP-Q001", "n", "error", "m", "x", "one", 1, "", [], [], "", "", None]]}}).encode()]
    for entry, junk in zip(_entries(), broken):
        entry.write_bytes(junk)
    assert _run(cli, repo / "plans") == first
    assert len(checked) == 4
    for entry in _entries():
        assert json.loads(entry.read_bytes())["result"]["file"].endswith(".yaml")  # rewritten


def test_only_the_user_can_read_the_cache(cli, repo, tmp_path, monkeypatch):
    folder = tmp_path / "new-cache"
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(folder))
    _run(cli, repo / "plans")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / cache.FOLDER).stat().st_mode) == 0o700
    entries = _entries()
    assert entries and all(stat.S_IMODE(e.stat().st_mode) == 0o600 for e in entries)
    assert all(stat.S_IMODE(e.parent.stat().st_mode) == 0o700 for e in entries)


def test_a_loose_cache_folder_is_tightened(cli, repo, tmp_path, monkeypatch):
    folder = tmp_path / "loose"
    (folder / cache.FOLDER).mkdir(parents=True, mode=0o755)
    os.chmod(folder / cache.FOLDER, 0o755)
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(folder))
    _run(cli, repo / "plans")
    assert stat.S_IMODE((folder / cache.FOLDER).stat().st_mode) == 0o700


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("CPPTOOL_CACHE_DIR")
    assert cache.cache_dir() == tmp_path / "xdg" / "cpptool"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "cpptool"


def test_xdg_cache_home_is_used(cli, repo, tmp_path, monkeypatch):
    monkeypatch.delenv("CPPTOOL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _run(cli, repo / "plans")
    assert len(list((tmp_path / "xdg" / "cpptool" / cache.FOLDER).glob("*/*.json"))) == 2


@pytest.mark.parametrize("how", ["--no-cache", "CPPTOOL_NO_CACHE"])
def test_no_cache_writes_nothing(cli, repo, tmp_path, monkeypatch, how, checked):
    folder = tmp_path / "unused"
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(folder))
    args = ["--no-cache"] if how == "--no-cache" else []
    if how == "CPPTOOL_NO_CACHE":
        monkeypatch.setenv("CPPTOOL_NO_CACHE", "1")
    first = _run(cli, *args, repo / "plans")
    assert _run(cli, *args, repo / "plans") == first
    assert not folder.exists()
    assert len(checked) == 4


def test_never_inside_the_plan_repository(cli, repo, monkeypatch, checked):
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(repo / ".cache"))
    code, out, err = _run(cli, repo / "plans")
    assert not (repo / ".cache").exists()
    assert "cpptool: warning: the cache folder" in err and "inside the plan repository" in err
    assert (code, out) == cli("check", *AS_OF, "--no-cache", str(repo / "plans"))[:2]


def test_the_cache_holds_no_pickles(cli, repo):
    """Entries are JSON: a changed entry can give a wrong result, never run code."""
    _run(cli, repo / "plans")
    for entry in _entries():
        data = json.loads(entry.read_bytes())
        assert set(data) == {"format", "deps", "result"}


def test_entries_unused_for_two_weeks_are_pruned(cli, repo):
    _run(cli, repo / "plans")
    for entry in _entries():
        os.utime(entry, (0, 0))
    os.utime(cache.cache_dir() / cache.FOLDER / "pruned", (0, 0))
    _run(cli, repo / "plans" / "ab12.yaml")  # uses (and so keeps) one entry
    kept = [json.loads(e.read_bytes())["result"]["file"] for e in _entries()]
    assert kept == [str(repo / "plans" / "ab12.yaml")]


def test_another_data_folder_means_another_bank_holiday_list(cli, repo, checked, tmp_path, monkeypatch):
    monkeypatch.setenv("CPPTOOL_DATA_DIR", str(tmp_path / "data-a"))
    _run(cli, repo / "plans")
    other = tmp_path / "data-b"
    other.mkdir()
    shutil.copy(Path(engine.__file__).parent.parent / "data" / "uk-bank-holidays.json", other / "bank-holidays.json")
    monkeypatch.setenv("CPPTOOL_DATA_DIR", str(other))
    _run(cli, repo / "plans")
    assert len(checked) == 4


def test_stored_findings_are_rebuilt_field_by_field():
    """_finding_from builds a Finding by position, in the order entries store its fields."""
    from cpptool.core import cache
    from cpptool.core.findings import Finding
    from cpptool.core.records import fields

    assert cache._FIELDS == fields(Finding)
    f = Finding("CPP-D001", "n", "error", "m", "p.yaml", 3, 4, "a.b", ("D1",), ("s",), "fix", "d", None)
    assert cache._finding_from([list(v) if isinstance(v, tuple) else v for v in (getattr(f, n) for n in cache._FIELDS)]) == f


def test_the_tool_fingerprint_sees_every_source_file_and_nothing_else(tmp_path):
    from cpptool.core import cache

    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    for name in ("a.py", "sub/b.yaml", "sub/c.json", "sub/d.j2", "notes.txt", "__pycache__/a.cpython-311.pyc"):
        (tmp_path / "pkg" / name).write_text("x", encoding="utf-8")
    stamps = cache._source_stamps(str(tmp_path / "pkg"), [])
    assert [line.split(" ")[0].rsplit("pkg", 1)[1] for line in stamps] == \
        ["/a.py", "/sub/b.yaml", "/sub/c.json", "/sub/d.j2"]
    (tmp_path / "pkg" / "sub" / "c.json").write_text("xy", encoding="utf-8")  # edited in place
    assert cache._source_stamps(str(tmp_path / "pkg"), []) != stamps
    (tmp_path / "pkg" / "__pycache__" / "a.cpython-311.pyc").write_text("changed", encoding="utf-8")
    (tmp_path / "pkg" / "notes.txt").write_text("changed", encoding="utf-8")
    assert cache._source_stamps(str(tmp_path / "pkg"), [])[:2] == stamps[:2]
    (tmp_path / "pkg" / "gone.py").symlink_to(tmp_path / "nowhere.py")  # a link to nothing is named, not fatal
    assert any(line.endswith("gone.py -\n") for line in cache._source_stamps(str(tmp_path / "pkg"), []))
    assert cache._source_stamps(str(tmp_path / "no-such-folder"), []) == []
