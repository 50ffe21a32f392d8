"""core/files.py: which names are YAML files, and whether an output is one of the files read."""

from __future__ import annotations

import os

import pytest

from cpptool.core.files import one_of, yaml_name


@pytest.mark.parametrize("name, expected", [
    ("plan.yaml", "yaml"), ("PLAN.YML", "yml"), ("dir/plan.yaml", "yaml"),
    ("plan.yaml.", "yaml"), ("plan.yml  ", "yml"), ("plan.yaml. .", "yaml"),  # Windows drops these
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
