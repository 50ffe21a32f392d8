"""`cpptool init`: a plan repository's settings, never written over existing files."""

from __future__ import annotations

from conftest import load_yaml

EXPECTED = ["cpptool.yaml", ".pre-commit-config.yaml", ".github/workflows/cpptool.yml", ".gitlab-ci.yml",
            ".gitignore", "README.md"]


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

    assert cli("init", tmp_path)[0] == 0
    assert (tmp_path / ".github/workflows/cpptool.yml").read_text() == (EXAMPLES / "ci/github-actions.yml").read_text()
    assert (tmp_path / ".gitlab-ci.yml").read_text() == (EXAMPLES / "ci/gitlab-ci.yml").read_text()
