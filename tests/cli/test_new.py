"""`cpptool new`: prompts, answers, no terminal, dates from the calendar, safe writes, sandboxing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from conftest import load_yaml
from cpptool.cli import app
from cpptool.core.engine import CheckOptions, check_file
from cpptool.core.profiles import shipped_profiles

ESSENTIALS = ["--set", "child_name=Alex Notreal", "--set", "date_of_birth=2015-01-01", "--set", "categories=PHY",
              "--set", "conference_date=2026-11-02", "--set", "lead_name=Sam Example",
              "--set", "member=Jo Notreal;Mother;parent",
              "--set", "member=Pat Sample;Class teacher;professional;Exampleton School"]
# A detailed plan starts before the agreement is explained and circulated: these true/false and date
# facts cannot hold placeholder text, so their findings stay until the core group records them.
AGREEMENT_FACTS = {"CPP-W005", "CPP-W006", "CPP-W009", "CPP-W011"}


def findings(path, profile=None, as_of=dt.date(2026, 11, 4)):
    return check_file(path, opts=CheckOptions(profile=profile, as_of=as_of)).findings


@pytest.mark.parametrize("profile", shipped_profiles())
@pytest.mark.parametrize("stage", ["outline", "detailed"])
def test_every_profile_scaffold_parses_and_checks(cli, tmp_path, profile, stage):
    path = tmp_path / "plan.yaml"
    code, out, err = cli("new", path, "--profile", profile, "--stage", stage, *ESSENTIALS)
    assert code == 0, err
    assert path.read_text().splitlines()[0].startswith("# yaml-language-server: $schema=")
    found = findings(path)
    assert found, "a new plan has placeholders to fill in"
    other = {f.code for f in found} - {"CPP-Q008"}
    allowed = AGREEMENT_FACTS if stage == "detailed" else set()
    assert other <= allowed, [(f.code, f.path, f.message) for f in found if f.code in other - allowed]
    assert not [f for f in found if f.code.startswith(("CPP-E", "CPP-S"))]


def test_dates_come_from_the_profile_calendar_with_their_source(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    args = [a if not a.startswith("conference_date=") else "conference_date=2026-12-18" for a in ESSENTIALS]
    assert cli("new", path, "--profile", "stoke-on-trent", *args)[0] == 0
    data = load_yaml(path)
    # 10 working days after Fri 18 Dec 2026 skips Christmas, Boxing Day (Mon 28) and New Year's Day.
    assert data["meetings"]["first_core_group"] == dt.date(2027, 1, 6)
    assert data["meetings"]["first_review_conference"] == dt.date(2027, 3, 18)
    assert data["meetings"]["core_group_frequency"] == "every 1 month"
    text = path.read_text()
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("first_core_group:"))
    assert "10 working days after the initial conference" in line and "S001 §05" in line


def test_guidance_comments_come_from_the_profile(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    assert cli("new", path, "--profile", "north-yorkshire", *ESSENTIALS)[0] == 0
    text = path.read_text()
    assert "# O13 (must): S000 §7: actions with a named person responsible" in text
    assert text.index("# O13 (must)") < text.index("\nactions:")


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n")
    code, _, err = cli("new", path, *ESSENTIALS)
    assert code == 2 and "already exists; use --force" in err
    assert path.read_text() == "mine\n"
    assert cli("new", path, "--force", *ESSENTIALS)[0] == 0
    assert "format: 1" in path.read_text()


def test_dry_run_prints_and_writes_nothing(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    code, out, _ = cli("new", path, "--dry-run", *ESSENTIALS)
    assert code == 0 and "stage: outline" in out and not path.exists()


def test_interrupted_write_leaves_nothing_half_written(cli, tmp_path, monkeypatch):
    import os

    path = tmp_path / "plan.yaml"
    path.write_text("original\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code, _, err = cli("new", path, "--force", *ESSENTIALS)
    assert code == 2 and "No space left on device" in err
    assert path.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_answers_file_and_set_overrides(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("child_name: Casey Madeup\nconference_date: 2026-11-09\ncategories: [EMO]\n"
                       "members:\n  - {name: Toni Madeup, role: Mother, kind: parent}\n")
    path = tmp_path / "plan.yaml"
    code, _, err = cli("new", path, "--answers", answers, "--set", "categories=NEG")
    assert code == 0, err
    data = load_yaml(path)
    assert data["child"]["name"] == "Casey Madeup"
    assert data["conference"]["categories"] == ["NEG"]
    assert [m["name"] for m in data["core_group"]][1] == "Toni Madeup"


@pytest.mark.parametrize("args, message", [
    (["--set", "colour=blue"], "unknown answer 'colour'"),
    (["--set", "child_nme=X"], "did you mean 'child_name'"),
    (["--set", "conference_date=2026-02-30"], "not a real date"),
    (["--set", "categories=XYZ"], "category XYZ is not one of this profile's codes"),
    (["--set", "noequals"], "write it as key=value"),
    (["--set", "member=Only a name"], "Name;Role;kind"),
    (["--stage", "final", "--set", "categories=NEG"], "--stage must be outline or detailed"),
    (["--profile", "atlantis"], "unknown profile"),
])
def test_bad_answers_are_one_line_errors(cli, tmp_path, args, message):
    code, _, err = cli("new", tmp_path / "plan.yaml", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "plan.yaml").exists()


def test_missing_category_is_asked_for(cli, tmp_path):
    code, _, err = cli("new", tmp_path / "plan.yaml", "--set", "child_name=A B")
    assert code == 2 and "give the category of abuse" in err


def test_no_terminal_never_waits_and_says_what_it_filled(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    code, _, err = cli("new", path, "--set", "categories=NEG")
    assert code == 0
    assert "no conference date given: used today's date" in err
    assert "no child name given: left a placeholder" in err
    assert "not asked anything (no terminal)" in err
    assert load_yaml(path)["child"]["name"].startswith("TO DO")


def test_prompts_in_a_terminal(tmp_path):
    path = tmp_path / "plan.yaml"
    answers = "\n".join([
        "Casey Madeup", "2021-02-30", "2021-02-09", "initial", "2026-11-09", "Sam Example", "PHY",
        "Toni Madeup", "Mother", "parent", "", "y",
        "Robin Sample", "Nursery manager", "professional", "Little Examples Nursery", "n", ""])
    result = CliRunner().invoke(app, ["new", str(path), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "not a real date" in result.output  # the bad date was refused and asked again
    data = load_yaml(path)
    assert data["child"]["date_of_birth"] == dt.date(2021, 2, 9)
    assert data["conference"]["date"] == dt.date(2026, 11, 9)
    assert data["conference"]["categories"] == ["PHY"]
    names = [m["name"] for m in data["core_group"]]
    assert names == ["Sam Example", "Toni Madeup", "Robin Sample"]
    assert data["core_group"][2]["agency"] == "Little Examples Nursery"


def test_user_text_is_data_not_template_code(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    nasty = 'Riley {{ 7*7 }} {% raw %}"quoted": x\\n{# c #}'
    code, _, err = cli("new", path, "--set", f"child_name={nasty}", "--set", "categories=NEG",
                       "--set", "lead_name={{ config }}")
    assert code == 0, err
    data = load_yaml(path)
    assert data["child"]["name"] == nasty
    assert data["core_group"][0]["name"] == "{{ config }}"
    assert "49" not in json.dumps(data["child"])
