"""resource_dir looks beside cpptool/ only in a checkout, never in an installed copy's site-packages."""

from __future__ import annotations

import pytest

import cpptool.resources as resources


def fake_install(tmp_path, monkeypatch, *, checkout: bool, inside: bool):
    top = tmp_path / "site-packages"
    package = top / "cpptool"
    package.mkdir(parents=True)
    (top / "templates").mkdir()  # some other distribution's folder, or a checkout's
    if inside:
        (package / "templates").mkdir()
    if checkout:
        (top / "pyproject.toml").write_text("[project]\nname = 'cpptool'\n")
    monkeypatch.setattr(resources, "_HERE", package)
    return top, package


def test_installed_copy_uses_its_own_folder(tmp_path, monkeypatch):
    _, package = fake_install(tmp_path, monkeypatch, checkout=False, inside=True)
    assert resources.resource_dir("templates") == package / "templates"


def test_installed_copy_never_falls_back_to_site_packages(tmp_path, monkeypatch):
    fake_install(tmp_path, monkeypatch, checkout=False, inside=False)
    with pytest.raises(FileNotFoundError, match="reinstall cpptool"):
        resources.resource_dir("templates")


def test_checkout_uses_the_top_level_folder(tmp_path, monkeypatch):
    top, _ = fake_install(tmp_path, monkeypatch, checkout=True, inside=False)
    assert resources.resource_dir("templates") == top / "templates"


def test_this_checkout_finds_its_templates():
    assert (resources.resource_dir("templates") / "render" / "headings.j2").is_file()
