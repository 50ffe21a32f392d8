"""The wheel carries everything cpptool needs at run time (templates, schemas, profiles, holidays).

Built and installed offline: the wheel goes into a fresh venv with --no-deps, and that venv sees the
dependencies through a path entry pointing at this venv's site-packages (never at the checkout).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import COMPLETE, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build_dir = tmp_path_factory.mktemp("build")
    env = dict(os.environ, PIP_NO_INDEX="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--disable-pip-version-check", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, env=env, cwd=build_dir,
    )
    assert proc.returncode == 0, proc.stderr
    (found,) = out.glob("cpptool-*.whl")
    return found


def test_wheel_contains_runtime_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("cpptool/data/uk-bank-holidays.json", "cpptool/data/requirements.yaml",
                     "cpptool/schemas/plan.schema.json", "cpptool/profiles/england.yaml",
                     "cpptool/profiles/jersey.yaml", "cpptool/templates/plan/plan.yaml.j2",
                     "cpptool/templates/plan/sections.yaml", "cpptool/templates/init/gitignore",
                     "cpptool/templates/reference.docx", "cpptool/templates/render/headings.j2",
                     "cpptool/__main__.py"):
        assert required in names, required
    assert not any(n.startswith(("tests/", "examples/", "bench/")) for n in names)


def test_installed_wheel_runs_from_another_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # Dependencies come from the test venv; cpptool itself only from the wheel.
    (Path(purelib) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index",
                    "--quiet", "--disable-pip-version-check", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    plan = elsewhere / "plan.yaml"
    plan.write_text(COMPLETE.read_text())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run([str(py), "-c", "import cpptool; print(cpptool.__file__)"],
                           capture_output=True, text=True, cwd=elsewhere, env=env, check=True).stdout
    assert str(env_dir) in where and str(ROOT) not in where
    cpptool = env_dir / "bin" / "cpptool"
    version = subprocess.run([str(cpptool), "--version"], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert version.returncode == 0 and version.stdout.startswith("cpptool ")
    check = subprocess.run([str(cpptool), "check", "--as-of", "2026-11-23", "plan.yaml"],
                           capture_output=True, text=True, cwd=elsewhere, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "1 plan checked: no findings" in check.stdout
    dates = subprocess.run([str(py), "-m", "cpptool", "dates", "add", "2023-04-28", "10"],
                           capture_output=True, text=True, cwd=elsewhere, env=env)
    assert dates.stdout.splitlines()[0] == "2023-05-16", dates.stderr
    new = subprocess.run([str(cpptool), "new", "new.yaml", "--set", "categories=NEG"],
                         capture_output=True, text=True, cwd=elsewhere, env=env)
    assert new.returncode == 0 and (elsewhere / "new.yaml").is_file(), new.stderr
    render = subprocess.run([str(cpptool), "render", "--as-of", "2026-11-23", "plan.yaml", "-o", "a.docx"],
                            capture_output=True, text=True, cwd=elsewhere, env=env)
    assert render.returncode == 0 and (elsewhere / "a.docx").stat().st_size > 5000, render.stderr


def test_wheel_declares_its_licence_as_an_spdx_expression(wheel):
    with zipfile.ZipFile(wheel) as zf:
        metadata = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata.splitlines()


def _ci_install_specs(repo: Path) -> list[str]:
    import re

    specs = []
    for name in (".github/workflows/cpptool.yml", ".gitlab-ci.yml"):
        for line in (repo / name).read_text(encoding="utf-8").splitlines():
            found = re.search(r'python -m pip install "([^"]+)"', line)
            if found and not line.strip().startswith("#"):
                specs.append(found.group(1))
    return specs


@pytest.mark.parametrize("form", ["name", "wheel"])
def test_the_install_line_init_writes_installs_offline(wheel, tmp_path, cli, form):
    """What the generated CI runs, run here against a folder holding only the wheel (no index)."""
    from cpptool import __version__

    spec = f"cpptool=={__version__}" if form == "name" else str(wheel)
    repo = tmp_path / "repo"
    code, _, err = cli("init", repo, "--install", spec)
    assert code == 0, err
    specs = _ci_install_specs(repo)
    assert specs == [spec, spec]
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-deps", "--no-index",
         "--find-links", str(wheel.parent), "--disable-pip-version-check", specs[0]],
        capture_output=True, text=True, cwd=repo, env=dict(os.environ, PIP_NO_INDEX="1"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Would install cpptool-{__version__}" in proc.stdout
