"""Shipped YAML data is read from cpptool/data/shipped.json only where that was made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpptool.core import shipped
from cpptool.core.schema import shipped_text
from cpptool.core.yamlsafe import load_yaml

SHIPPED = sorted(f for folder in shipped.FOLDERS for f in (shipped.PACKAGE / folder).glob("*.yaml"))


def test_the_bundle_is_current():
    """`make schema` was run after the last edit of a shipped YAML file."""
    assert shipped.BUNDLE.read_text(encoding="utf-8") == shipped_text()


@pytest.mark.parametrize("file", SHIPPED, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_the_bundle_reads_each_file_as_its_yaml_does(file):
    text = file.read_text(encoding="utf-8")
    found, data = shipped.reading(str(file), text)
    with shipped.set_aside():
        from_yaml = load_yaml(text, str(file))
    assert found and data == from_yaml and repr(data) == repr(from_yaml)
    assert load_yaml(text, str(file)) == from_yaml


def test_each_reading_is_new_objects():
    file = shipped.PACKAGE / "profiles" / "england.yaml"
    text = file.read_text(encoding="utf-8")
    first = load_yaml(text, str(file))
    first["title"] = "changed"
    assert load_yaml(text, str(file))["title"] != "changed"


def test_an_edited_shipped_file_is_read_from_its_yaml():
    file = shipped.PACKAGE / "profiles" / "england.yaml"
    edited = file.read_text(encoding="utf-8").replace("title:", "title: Edited title\nx_title:", 1)
    assert shipped.reading(str(file), edited) == (False, None)
    assert load_yaml(edited, str(file))["title"] == "Edited title"


def test_a_copy_outside_the_package_is_read_from_its_yaml(tmp_path):
    file = shipped.PACKAGE / "profiles" / "england.yaml"
    copy = tmp_path / "england.yaml"
    copy.write_bytes(file.read_bytes())
    assert shipped.reading(str(copy), copy.read_text(encoding="utf-8")) == (False, None)
    assert shipped.reading("\0 not a path", "x") == (False, None)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"files": []}', b'["files"]',
                                     b'{"files": {"data/requirements.yaml": "x"}}',
                                     b'{"files": {"data/requirements.yaml": {"json": 3}}}'])
def test_a_missing_or_damaged_bundle_leaves_every_file_to_its_yaml(tmp_path, monkeypatch, content):
    file = shipped.PACKAGE / "data" / "requirements.yaml"
    text = file.read_text(encoding="utf-8")
    bundle = tmp_path / "shipped.json"
    if content:
        bundle.write_bytes(content)
    monkeypatch.setattr(shipped, "BUNDLE", bundle)
    monkeypatch.setattr(shipped, "_entries", [])
    assert shipped.reading(str(file), text) == (False, None)
    assert load_yaml(text, str(file)) == load_yaml(text, "elsewhere.yaml")


def test_the_shipped_bank_holiday_list_is_read_as_the_careful_reading_reads_it():
    from cpptool.core.calendar import holiday_lists

    path = holiday_lists.shipped_list_path()
    text = path.read_text(encoding="utf-8")
    assert shipped.checked(str(path), text)
    quick, careful = holiday_lists.read_checked(text), holiday_lists.parse_list(text, "list", fix="x")
    assert quick == careful and [list(d) for d in quick.values()] == [list(d) for d in careful.values()]
    assert shipped.reading(str(path), text) == (False, None)  # JSON already: nothing to read for it


def test_only_a_checked_text_skips_the_checks(tmp_path):
    from cpptool.core.calendar import holiday_lists

    path = holiday_lists.shipped_list_path()
    text = path.read_text(encoding="utf-8")
    assert not shipped.checked(str(path), text.replace('"2026-12-25"', '"2026-12-26"', 1))
    assert not shipped.checked(str(shipped.PACKAGE / "profiles" / "england.yaml"),
                               (shipped.PACKAGE / "profiles" / "england.yaml").read_text(encoding="utf-8"))
    copy = tmp_path / "uk-bank-holidays.json"
    copy.write_text(text, encoding="utf-8")
    assert not shipped.checked(str(copy), text)
