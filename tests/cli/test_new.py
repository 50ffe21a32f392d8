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
# Started before its first core group has met, it cannot record that meeting yet either (CPP-D001).
AGREEMENT_FACTS = {"CPP-W005", "CPP-W006", "CPP-W009", "CPP-W011", "CPP-D001"}


def findings(path, profile=None, as_of=dt.date(2026, 11, 4)):
    return check_file(path, opts=CheckOptions(profile=profile, as_of=as_of)).findings


@pytest.mark.parametrize("profile", shipped_profiles())
@pytest.mark.parametrize("stage", ["outline", "detailed"])
def test_every_profile_scaffold_parses_and_checks(cli, tmp_path, profile, stage):
    path = tmp_path / "plan.yaml"
    code, out, err = cli("new", path, "--profile", profile, "--stage", stage, "--as-of", "2026-11-04", *ESSENTIALS)
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
    assert "10 working days after the initial conference" in line and "Stoke-on-Trent Safeguarding Children Board, §05" in line


def test_guidance_comments_come_from_the_profile(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    assert cli("new", path, "--profile", "north-yorkshire", *ESSENTIALS)[0] == 0
    text = path.read_text()
    assert "# O25 (should): North Yorkshire Safeguarding Children Partnership, standard 7: actions for family members" in text
    assert text.index("# O25 (should)") < text.index("\nactions:")


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n")
    code, _, err = cli("new", path, *ESSENTIALS)
    assert code == 2 and "already exists; use --force" in err
    assert path.read_text() == "mine\n"
    assert cli("new", path, "--force", *ESSENTIALS)[0] == 0
    assert "format: 2" in path.read_text()  # new plans are written in plan format 2


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


def test_without_answers_every_essential_is_a_placeholder_check_reports(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    code, _, err = cli("new", path)  # no terminal, no answers: nothing is refused, nothing is guessed
    assert code == 0, err
    data = load_yaml(path)
    assert data["conference"]["categories"][0].startswith("TO DO")
    assert data["child"]["first_language"].startswith("TO DO")
    for value in (data["child"]["interpreter_needed"], data["conference"]["decision"]["threshold_met"],
                  data["conference"]["decision"]["consensus"]):
        assert isinstance(value, str) and value.startswith("TO DO"), value
    found = findings(path)
    assert not [f for f in found if f.code.startswith(("CPP-E", "CPP-S"))]
    placeholders = {f.path for f in found if f.code == "CPP-Q008"}
    for where in ("conference.categories[0]", "child.first_language", "child.interpreter_needed",
                  "conference.decision.threshold_met", "conference.decision.consensus"):
        assert where in placeholders, where
    assert "CPP-O002" not in {f.code for f in found}  # the placeholder is reported once, as a placeholder
    assert "no category given: left a placeholder" in err


@pytest.mark.parametrize("typed, code", [("NEG", "NEG"), ("neg", "NEG"), ("emotional", "EMO"),
                                         ("Emotional abuse", "EMO"), ("physical", "PHY"), ("sexual abuse", "SAB"),
                                         ("multiple", "MUL")])
def test_categories_by_code_or_name(cli, tmp_path, typed, code):
    path = tmp_path / "plan.yaml"
    assert cli("new", path, "--set", f"categories={typed}")[0] == 0
    assert load_yaml(path)["conference"]["categories"] == [code]


def test_given_answers_are_written_as_given(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    code, _, err = cli("new", path, "--set", "first_language=Polish", "--set", "interpreter_needed=yes",
                       "--set", "threshold_met=true", "--set", "consensus=false")
    assert code == 0, err
    data = load_yaml(path)
    assert data["child"]["first_language"] == data["child"]["preferred_language"] == "Polish"
    assert data["child"]["interpreter_needed"] is True
    assert data["conference"]["decision"]["threshold_met"] is True
    assert data["conference"]["decision"]["consensus"] is False


@pytest.mark.parametrize("role, kind", [("Mother", "parent"), ("Dad", "parent"), ("Step-father", "parent"),
                                        ("Foster carer", "carer"), ("Special guardian", "carer"),
                                        ("Maternal grandmother", "family"), ("Nan", "family"),
                                        ("Class teacher", "professional"), ("Childminder", "professional"),
                                        ("Health visitor", "professional")])
def test_role_suggests_the_member_kind(role, kind):
    from cpptool.core.scaffold import suggest_kind

    assert suggest_kind(role) == kind


def test_missing_folders_are_created(cli, tmp_path):
    path = tmp_path / "plans" / "north" / "cp-2026-0412.yaml"
    code, _, err = cli("new", path, "--set", "categories=NEG")
    assert code == 0, err
    assert path.is_file()


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
        "Casey Madeup", "2021-02-30", "09/02/2021", "English", "n",  # the bad date is asked again
        "initial", "09/11/2026", "y", "y",
        "cruelty", "emotional",  # not a category: asked again, and a name is taken for its code
        "Sam Example",
        "Toni Madeup", "Mother", "",  # Enter takes the suggested kind (parent); no agency is asked
        "Robin Sample", "Nursery manager", "", "Little Examples Nursery",
        ""]) + "\n"  # an empty name: everyone is in
    result = CliRunner().invoke(app, ["new", str(path), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "not a real date" in result.output
    assert "category CRUELTY is not one of this profile's codes" in result.output
    assert "Add another" not in result.output  # one way to finish: the empty name
    assert "Kind [professional/parent/carer/family/child] (parent)" in result.output
    data = load_yaml(path)
    assert data["child"]["name"] == "Casey Madeup"  # answers before the mistake were kept
    assert data["child"]["date_of_birth"] == dt.date(2021, 2, 9)
    assert data["child"]["first_language"] == "English" and data["child"]["interpreter_needed"] is False
    assert data["conference"]["date"] == dt.date(2026, 11, 9)
    assert data["conference"]["decision"]["threshold_met"] is True
    assert data["conference"]["categories"] == ["EMO"]
    members = data["core_group"]
    assert [m["name"] for m in members] == ["Sam Example", "Toni Madeup", "Robin Sample"]
    assert members[1]["kind"] == "parent" and "agency" not in members[1]
    assert members[2]["kind"] == "professional" and members[2]["agency"] == "Little Examples Nursery"


def test_prompts_left_unanswered_become_placeholders(tmp_path):
    path = tmp_path / "plan.yaml"
    # name, date of birth, pre-birth, language, interpreter; type, date, threshold, consensus; category,
    # lead; no members
    answers = "\n".join(["", "", "", "", "", "initial", "", "", "", "NEG", "", ""]) + "\n"
    result = CliRunner().invoke(app, ["new", str(path), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    data = load_yaml(path)
    assert data["child"]["interpreter_needed"].startswith("TO DO")
    assert data["conference"]["decision"]["consensus"].startswith("TO DO")


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


def test_a_detailed_plan_records_the_first_core_group_only_once_it_has_met(cli, tmp_path):
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    assert cli("new", before, "--stage", "detailed", "--as-of", "2026-11-04", *ESSENTIALS)[0] == 0
    assert cli("new", after, "--stage", "detailed", "--as-of", "2026-11-20", *ESSENTIALS)[0] == 0
    assert load_yaml(before)["record"]["meetings"] == []
    assert load_yaml(after)["record"]["meetings"] == [{"type": "core-group", "date": dt.date(2026, 11, 16)}]
    assert "CPP-T023" not in {f.code for f in findings(after, as_of=dt.date(2026, 11, 20))}


def test_an_answer_that_is_not_a_date_is_not_quoted_back(cli, tmp_path):
    """An answer in the wrong place may be a name: the error says where, never what."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("date_of_birth: Zed Canaryname\n", encoding="utf-8")
    code, _, err = cli("new", "--dry-run", "--answers", str(answers), str(tmp_path / "x.yaml"))
    assert code == 2 and "date_of_birth" in err and "Canaryname" not in err
