"""core/files.py: which names are YAML files, and whether an output is one of the files read."""

from __future__ import annotations

import os

import pytest

from cpptool.core.files import one_of, yaml_name, yaml_target


@pytest.mark.parametrize("name, expected", [
    ("plan.yaml", "yaml"), ("PLAN.YML", "yml"), ("dir/plan.yaml", "yaml"),
    ("plan.yaml.", "yaml"), ("plan.yml  ", "yml"), ("plan.yaml. .", "yaml"),  # Windows drops these
    ("plan.yaml::$DATA", "yaml"), ("notes:v2.yaml", "yaml"), ("a:b.html", None),  # Windows streams
    ("report.html", None), ("yaml", None), (".yaml", None), ("plan.yaml.bak", None), ("plan", None),
])
def test_yaml_names_as_the_system_sees_them(name, expected):
    assert yaml_name(name) == expected


def test_one_of_follows_links_and_never_matches_a_missing_file(tmp_path):
    plan, other = tmp_path / "a.yaml", tmp_path / "b.yaml"
    plan.write_text("x: 1\n")
    other.write_text("x: 1\n")  # the same bytes, another file
    os.symlink(plan, tmp_path / "link.html")
    os.link(plan, tmp_path / "hard.html")
    assert one_of(tmp_path / "link.html", [other, str(plan)])
    assert one_of(tmp_path / "hard.html", [plan])
    assert one_of(tmp_path / "sub" / ".." / "a.yaml", [plan]) is False  # no such folder: nothing there
    assert not one_of(other, [plan, tmp_path / "missing.yaml"])
    assert not one_of(tmp_path / "new.html", [plan, other])


def test_yaml_target_is_the_file_a_write_would_replace(tmp_path):
    plan = tmp_path / "cp-1.yaml"
    plan.write_text("x: 1\n")
    (tmp_path / "out.html").symlink_to(plan)
    (tmp_path / "loop.html").symlink_to(tmp_path / "loop.html")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.yaml")
    (tmp_path / "report.html").write_text("<p>old</p>")
    assert yaml_target(plan) == str(plan)
    assert yaml_target(tmp_path / "out.html") == str(plan.resolve())
    for name in ("loop.html", "dangling.html", "report.html", "new.yaml"):
        assert yaml_target(tmp_path / name) is None, name  # nothing there to lose


def test_a_temporary_file_never_takes_an_existing_name_or_follows_a_link(tmp_path, monkeypatch):
    from cpptool.core import files

    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    draws = iter([b"\x00" * 6, b"\x01" * 6, b"\x02" * 6])
    monkeypatch.setattr(files.os, "urandom", lambda n: next(draws))
    (tmp_path / ".plan.yaml.000000000000.tmp").symlink_to(victim)  # a name taken, by a link
    (tmp_path / ".plan.yaml.010101010101.tmp").write_text("earlier", encoding="utf-8")  # and by a file
    fd, tmp = files._temporary(tmp_path, "plan.yaml")
    os.close(fd)
    assert tmp == str(tmp_path / ".plan.yaml.020202020202.tmp") and os.path.isabs(tmp)
    assert (os.stat(tmp).st_mode & 0o777) == 0o600
    assert (tmp_path / ".plan.yaml.010101010101.tmp").read_text(encoding="utf-8") == "earlier"
    assert victim.read_text(encoding="utf-8") == "keep"


def test_private_files_are_written_whole_for_the_user_only(tmp_path):
    from cpptool.core import files

    files.write_private(tmp_path / "entry.json", b"{}")
    assert (tmp_path / "entry.json").read_bytes() == b"{}" and (os.stat(tmp_path / "entry.json").st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]  # no temporary file left
