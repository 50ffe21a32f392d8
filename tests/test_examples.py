"""The bundled examples: complete plans pass, flawed plans produce exactly their listed findings."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLES, load_yaml
from cpptool.core.engine import CheckOptions, check_file

AS_OF = CheckOptions(as_of=dt.date(2026, 11, 23))
EXPECTED = load_yaml(EXAMPLES / "flawed" / "expected.yaml")
PROFILE_EXPECTED = load_yaml(EXAMPLES / "profiles" / "expected.yaml")
SEED_PROFILES = ["north-yorkshire", "stoke-on-trent", "implementation-2008", "council-2019", "jersey"]
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/plan.schema.json"


@pytest.mark.parametrize("plan", sorted((EXAMPLES / "plans").glob("*.yaml"))
                         + sorted((EXAMPLES / "profiles").glob("*-complete.yaml")), ids=lambda p: p.name)
def test_complete_examples_have_no_findings(plan):
    result = check_file(plan, opts=AS_OF)
    assert [(f.code, f.path, f.message) for f in result.findings] == []


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_flawed_examples_produce_expected_findings(name):
    result = check_file(EXAMPLES / "flawed" / name, opts=AS_OF)
    assert sorted(f"{f.code} {f.path}" for f in result.findings) == sorted(EXPECTED[name])


@pytest.mark.parametrize("profile", SEED_PROFILES)
def test_each_seed_profile_has_a_passing_and_a_flawed_example(profile):
    complete = EXAMPLES / "profiles" / f"{profile}-complete.yaml"
    flawed = EXAMPLES / "profiles" / f"{profile}-flawed.yaml"
    assert load_yaml(complete)["profile"] == profile and load_yaml(flawed)["profile"] == profile
    assert check_file(complete, opts=AS_OF).findings == []
    result = check_file(flawed, opts=AS_OF)
    assert result.profile == profile
    assert sorted(f"{f.code} {f.path}" for f in result.findings) == sorted(PROFILE_EXPECTED[flawed.name])


def test_seed_examples_show_profile_differences():
    """The same flawed North Yorkshire plan passes its visit check under Jersey's 4 weeks."""
    opts = CheckOptions(as_of=dt.date(2026, 11, 23), profile="jersey")
    result = check_file(EXAMPLES / "profiles" / "north-yorkshire-flawed.yaml", opts=opts)
    assert "CPP-T007" not in {f.code for f in result.findings}


def test_every_flawed_example_is_listed():
    plans = {p.name for p in (EXAMPLES / "flawed").glob("*.yaml")} - {"expected.yaml"}
    assert plans == set(EXPECTED)


@pytest.mark.parametrize("plan", sorted(p for p in EXAMPLES.glob("*/*.yaml")
                                         if p.name != "expected.yaml" and p.parent.name != "ci"),
                         ids=lambda p: p.name)
def test_examples_carry_the_schema_modeline(plan):
    assert plan.read_text().splitlines()[0] == SCHEMA_LINE
    assert (plan.parent / "../../schemas/plan.schema.json").resolve().is_file()
