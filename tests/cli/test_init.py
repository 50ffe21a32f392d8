"""`cpptool init`: a plan repository's settings, never written over existing files."""

from __future__ import annotations

import pytest

from conftest import load_yaml

EXPECTED = ["cpptool.yaml", ".pre-commit-config.yaml", ".github/workflows/cpptool.yml", ".gitlab-ci.yml",
            ".gitignore", "README.md", "schemas/plan.schema.json"]
EXAMPLE_SPEC = "git+https://git.example.gov.uk/tools/cpptool@v0.1.0"  # what examples/ci/ installs


def test_init_writes_a_working_repository(cli, tmp_path):
    code, out, err = cli("init", tmp_path, "--profile", "jersey")
    assert code == 0, err
    for name in EXPECTED:
        assert (tmp_path / name).is_file(), name
    assert load_yaml(tmp_path / "cpptool.yaml")["profile"] == "jersey"
    hooks = load_yaml(tmp_path / ".pre-commit-config.yaml")["repos"][0]
    assert hooks["repo"] == "local"
    assert [h["id"] for h in hooks["hooks"]] == ["cpptool-check", "cpptool-check-all"]
    assert "*.docx" in (tmp_path / ".gitignore").read_text()
    assert "Jersey Safeguarding Partnership Board" in (tmp_path / "README.md").read_text()
    # The config is one cpptool itself accepts, and the folder is ready for plans.
    assert (tmp_path / "plans").is_dir()
    code, _, err = cli("check", tmp_path)
    assert code == 0 and "no such" not in err


def test_init_refuses_existing_files_and_writes_nothing(cli, tmp_path):
    (tmp_path / ".gitignore").write_text("mine\n")
    code, _, err = cli("init", tmp_path)
    assert code == 2 and ".gitignore already exists" in err
    assert (tmp_path / ".gitignore").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".gitignore"]


def test_init_unknown_profile(cli, tmp_path):
    code, _, err = cli("init", tmp_path, "--profile", "atlantis")
    assert code == 2 and "unknown profile" in err
    assert list(tmp_path.iterdir()) == []


def test_new_uses_the_profile_init_configured(cli, tmp_path):
    cli("init", tmp_path, "--profile", "scotland")
    plan = tmp_path / "plans" / "a.yaml"
    code, _, err = cli("new", plan, "--set", "child_name=A Notreal", "--set", "conference_date=2026-11-02")
    assert code == 0, err
    data = load_yaml(plan)
    assert data["profile"] == "scotland"
    assert "areas_of_concern" in data["conference"]  # Scotland records areas of concern, not categories


def test_init_ci_files_are_the_validated_examples(cli, tmp_path):
    """examples/ci/ is validated against the public CI schemas (tests/reporters/test_ci_examples.py);
    init writes exactly those files."""
    from conftest import EXAMPLES

    assert cli("init", tmp_path, "--install", EXAMPLE_SPEC)[0] == 0
    assert (tmp_path / ".github/workflows/cpptool.yml").read_text() == (EXAMPLES / "ci/github-actions.yml").read_text()
    assert (tmp_path / ".gitlab-ci.yml").read_text() == (EXAMPLES / "ci/gitlab-ci.yml").read_text()


def _install_lines(folder) -> list[str]:
    lines = []
    for name in (".github/workflows/cpptool.yml", ".gitlab-ci.yml"):
        lines += [ln.strip() for ln in (folder / name).read_text().splitlines() if "pip install" in ln
                  and not ln.strip().startswith("#")]
    return lines


@pytest.mark.parametrize("spec", [EXAMPLE_SPEC, "./wheels/cpptool-0.1.0-py3-none-any.whl", "cpptool==0.1.0"])
def test_init_install_goes_into_every_ci_file(cli, tmp_path, spec):
    code, _, err = cli("init", tmp_path, "--install", spec)
    assert code == 0, err
    lines = _install_lines(tmp_path)
    assert len(lines) == 2 and all(ln.endswith(f'python -m pip install "{spec}"') for ln in lines), lines
    assert "cpptool==0.1.0" not in "".join(lines) or spec == "cpptool==0.1.0"
    assert "note:" not in err  # nothing was guessed


def test_init_without_install_uses_where_this_cpptool_came_from(cli, tmp_path, monkeypatch):
    from cpptool.core import repository

    record = '{"url": "https://git.example.gov.uk/tools/cpptool.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}}'
    monkeypatch.setattr(repository, "_install_record", lambda: record)
    code, _, err = cli("init", tmp_path)
    assert code == 0, err
    spec = "git+https://git.example.gov.uk/tools/cpptool.git@0123abc"
    assert all(ln.endswith(f'"{spec}"') for ln in _install_lines(tmp_path))
    assert f'the CI files install cpptool with `pip install "{spec}"`' in err and "commit 0123abc" in err


@pytest.mark.parametrize("record, spec, said", [
    ('{"url": "file:///home/me/cpptool", "dir_info": {"editable": true}}', "/home/me/cpptool", "cannot reach"),
    ('{"url": "file:///srv/wheels/cpptool-0.1.0-py3-none-any.whl", "archive_info": {}}',
     "/srv/wheels/cpptool-0.1.0-py3-none-any.whl", "local file"),
    ('{"url": "https://pkgs.example.gov.uk/cpptool-0.1.0.tar.gz", "archive_info": {}}',
     "https://pkgs.example.gov.uk/cpptool-0.1.0.tar.gz", "installed from https://"),
    (None, "cpptool==", "package index"),
])
def test_install_source_reads_the_install_record(monkeypatch, record, spec, said):
    from cpptool.core import repository

    monkeypatch.setattr(repository, "_install_record", lambda: record)
    found, how = repository.install_source()
    assert found.startswith(spec) and said in how


@pytest.mark.parametrize("spec", ["cpptool; rm -rf /", "a b", '"x"', "$(whoami)", ""])
def test_init_refuses_an_unsafe_install_spec(cli, tmp_path, spec):
    code, _, err = cli("init", tmp_path, "--install", spec)
    assert code == 2 and "--install" in err
    assert list(tmp_path.iterdir()) == []


def test_init_gitignore_keeps_rendered_documents_out_of_git(cli, tmp_path):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert cli("init", tmp_path)[0] == 0
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True)

    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "--quiet", "--no-index", path], cwd=tmp_path).returncode == 0

    for path in ("out/cp-2026-0412.docx", "out/cp-2026-0412.md", "out/cp-2026-0412.pdf", "cp-2026-0412.docx",
                 "plans/cp-2026-0412.pdf"):
        assert ignored(path), path
    for path in ("plans/cp-2026-0412.yaml", "README.md", "schemas/plan.schema.json", "cpptool.yaml"):
        assert not ignored(path), path


def test_init_puts_the_schema_in_the_repository_and_new_points_at_it(cli, tmp_path):
    from cpptool.core.schema import schema_text

    assert cli("init", tmp_path)[0] == 0
    assert (tmp_path / "schemas" / "plan.schema.json").read_text() == schema_text()
    plan = tmp_path / "plans" / "area-north" / "cp-2026-0412.yaml"
    code, _, err = cli("new", plan, "--set", "categories=NEG")
    assert code == 0, err
    first = plan.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/plan.schema.json"
    assert (plan.parent / "../../schemas/plan.schema.json").resolve() == (tmp_path / "schemas/plan.schema.json").resolve()


def test_new_outside_a_repository_points_at_the_installed_schema(cli, tmp_path):
    from cpptool.resources import resource_dir

    plan = tmp_path / "cp-2026-0412.yaml"
    code, _, err = cli("new", plan, "--set", "categories=NEG")
    assert code == 0, err
    installed = (resource_dir("schemas") / "plan.schema.json").resolve().as_posix()
    assert plan.read_text().splitlines()[0] == f"# yaml-language-server: $schema={installed}"
    assert "points at the installed copy" in err


def test_pre_commit_table_in_the_readme_matches_what_init_writes(cli, tmp_path):
    from conftest import ROOT

    assert cli("init", tmp_path)[0] == 0
    hooks = {h["id"]: h for h in load_yaml(tmp_path / ".pre-commit-config.yaml")["repos"][0]["hooks"]}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| hook | runs | when |"):]
    table = table[: table.index("\n\n")]
    rows = {line.split("|")[1].strip().strip("`"): line for line in table.splitlines()[2:]}
    assert set(rows) == set(hooks)
    for hook_id, hook in hooks.items():
        assert f"`{hook['entry']}`" in rows[hook_id], hook_id
        manual = "manual" in (hook.get("stages") or [])
        assert ("manual" in rows[hook_id]) == manual, hook_id
