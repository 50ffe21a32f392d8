"""The README stays current: the two commands first, every command, rule and profile documented."""

from __future__ import annotations

import re

from conftest import ROOT
from cpptool.core.profiles import shipped_profiles
from cpptool.core.registry import load_rules

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_opens_with_the_two_commands():
    first_block = README.split("```", 2)[1]
    assert "make demo" in first_block and "make test" in first_block


def test_ci_runs_exactly_the_readme_test_command():
    """Besides `make test`, CI may only install optional test tools, and never fail for want of them."""
    run = (ROOT / ".ci" / "run").read_text()
    commands = [ln.strip() for ln in run.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
                and not ln.startswith(("set ", "cd "))]
    optional = [c for c in commands if c.endswith("|| true")]
    assert [c for c in commands if c not in optional] == ["make test"]
    installers = ("npm install -g ", "apt-get update ", "DEBIAN_FRONTEND=noninteractive apt-get install ")
    assert all(c.startswith(installers) for c in optional), optional
    assert commands[-1] == "make test"


def test_every_rule_is_in_the_catalogue_table():
    for code, rule in load_rules().items():
        assert f"`{code}` | {rule.name} |" in README, code


def test_every_shipped_profile_is_in_the_table():
    for name in shipped_profiles():
        assert re.search(rf"^\| `{re.escape(name)}`", README, re.M), name


def test_every_command_has_an_example():
    from cpptool.cli import app

    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    for name in names:
        assert f"cpptool {name}" in README, name
