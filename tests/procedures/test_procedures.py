"""Each seed profile enforces its procedure as written: hand-made plans per profile (complete and
flawed, at the initial conference and at a review with a year of history) raise exactly the
findings, and so the requirement IDs, listed in expected.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AS_OF, EXAMPLES, load_yaml
from cpptool.core.engine import CheckOptions, check_file

HERE = Path(__file__).parent
EXPECTED = load_yaml(HERE / "expected.yaml")
SEEDS = ("north-yorkshire", "stoke-on-trent", "implementation-2008", "council-2019", "jersey")


def _judged(findings):
    """Every finding counts: the complete plans are complete in every rule family. (The review
    plans that need plan format 2's fields, Jersey's bedroom seen and Stoke's countersignature,
    are written in format 2; the flawed ones in format 1 get one finding asking for it.)"""
    return list(findings)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_plan_raises_exactly_its_requirements(name):
    result = check_file(HERE / "plans" / name, opts=CheckOptions(as_of=AS_OF))
    assert result.profile == name.split("-initial")[0].split("-review")[0]
    findings = _judged(result.findings)
    assert sorted(f"{f.code} {f.path}" for f in findings) == sorted(EXPECTED[name]["findings"])
    assert sorted({r for f in findings for r in f.requirements}) == sorted(EXPECTED[name]["requirements"])


@pytest.mark.parametrize("profile", SEEDS)
def test_every_seed_profile_has_all_four_plans(profile):
    complete = check_file(EXAMPLES / "profiles" / f"{profile}-complete.yaml", opts=CheckOptions(as_of=AS_OF))
    assert _judged(complete.findings) == []
    for kind in ("initial-flawed", "review-complete", "review-flawed"):
        assert f"{profile}-{kind}.yaml" in EXPECTED
    assert EXPECTED[f"{profile}-review-complete.yaml"]["findings"] == []
    assert EXPECTED[f"{profile}-review-flawed.yaml"]["findings"], "a flawed history must be found"


@pytest.mark.parametrize("profile", SEEDS)
def test_review_plans_hold_a_year_of_history(profile):
    plan = load_yaml(HERE / "plans" / f"{profile}-review-flawed.yaml")
    dates = [m["date"] for m in plan["record"]["meetings"]] + [v["date"] for v in plan["record"]["visits"]]
    assert plan["conference"]["type"] == "review"
    assert (max(dates) - min(dates)).days > 365


def test_past_breaches_are_reported_once_on_their_record_entry():
    """"Each past breach is reported once, on the record entry" - so a waiver on that entry can
    acknowledge it, and the same late meeting is not reported by two rules or twice."""
    for name, spec in EXPECTED.items():
        findings = spec["findings"]
        history = [f for f in findings if " record." in f]
        assert len(history) == len(set(history)), name
