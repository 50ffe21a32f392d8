"""Shipped profiles: they load, cover every requirement they list, and differ where sources differ."""

from __future__ import annotations

import pytest

from conftest import COMPLETE, load_yaml, yaml_text
from cpptool.core.catalogue import coverage
from cpptool.core.config import Config, effective_profile, rule_settings
from cpptool.core.engine import CheckOptions, check_file
from cpptool.core.errors import CpptoolError
from cpptool.core.profiles import load_profile, shipped_profiles

SHIPPED = shipped_profiles()
SEEDS = {"north-yorkshire": "nyscp-plans", "stoke-on-trent": "stoke-c06", "implementation-2008": "implementation-2008",
         "council-2019": "southwark-2019", "jersey": "jersey-plans"}


def test_all_expected_profiles_ship():
    assert set(SHIPPED) == {"england", "wales", "scotland", "northern-ireland", *SEEDS}


@pytest.mark.parametrize("name", SHIPPED)
def test_every_requirement_is_checked_or_explained(name):
    rows = coverage(load_profile(name))
    assert rows, name
    uncovered = [r.id for r in rows if not r.covered]
    assert uncovered == [], f"{name}: no rule and no reason for {uncovered}"


@pytest.mark.parametrize("name, seed", sorted(SEEDS.items()))
def test_seed_profiles_cite_their_seed(name, seed):
    """Each seed profile names its procedure's public document and cites it, in its own words."""
    from cpptool.core.citations import requirement_citation

    p = load_profile(name)
    assert seed in p.values["sources"]
    own = [rid for rid, spec in p.requirements.items() if spec.get("source") == seed and spec.get("quote")]
    assert own, f"{name} quotes nothing from {seed}"
    assert all(seed not in requirement_citation(p, rid) for rid in own)  # the key never shows, the document does


def test_sources_disagree_and_profiles_keep_their_own_values():
    visits = {n: load_profile(n).get("timescales.visit_interval") for n in ("north-yorkshire", "jersey")}
    assert (visits["north-yorkshire"]["n"], visits["north-yorkshire"]["unit"]) == (2, "weeks")
    assert (visits["jersey"]["n"], visits["jersey"]["unit"]) == (4, "weeks")
    minutes = {n: load_profile(n).get("timescales.minutes_circulated.n") for n in ("stoke-on-trent", "jersey")}
    assert minutes == {"stoke-on-trent": 3, "jersey": 5}
    groups = {n: (load_profile(n).get("timescales.core_group_interval.n"),
                  load_profile(n).get("timescales.core_group_interval.unit"))
              for n in ("stoke-on-trent", "jersey", "north-yorkshire")}
    assert groups == {"stoke-on-trent": (1, "months"), "jersey": (4, "weeks"), "north-yorkshire": (6, "weeks")}
    assert load_profile("scotland").get("timescales.first_core_group.n") == 15
    assert load_profile("scotland").get("timescales.first_review.n") == 6
    assert load_profile("scotland").get("categories.required") is False
    assert load_profile("wales").get("terminology.plan") == "care and support protection plan"


def test_ambiguous_units_are_resolved_with_the_wording_kept():
    spec = load_profile("north-yorkshire").get("timescales.first_core_group")
    assert spec["unit"] == "working-days" and spec["as_written"] == "within 10 days"


def test_outdated_rule_is_flagged():
    p = load_profile("implementation-2008")
    assert "T19" in p.values["outdated"]
    assert "outdated" in p.get("timescales.assessment.outdated")


def test_three_weekly_visits_fail_north_yorkshire_and_pass_jersey(tmp_path):
    data = load_yaml(COMPLETE)
    data["conference"]["date"] = data["conference"]["date"].replace(day=2)
    data["record"]["visits"] = [
        {"date": "2026-11-04", "by": "sw", "child_seen": True, "seen_alone": True, "at_home": True},
        {"date": "2026-11-25", "by": "sw", "child_seen": True, "seen_alone": True, "at_home": True},
    ]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml_text(data))
    import datetime as dt

    as_of = dt.date(2026, 11, 26)
    ny = check_file(path, opts=CheckOptions(profile="north-yorkshire", as_of=as_of))
    je = check_file(path, opts=CheckOptions(profile="jersey", as_of=as_of))
    assert "CPP-T007" in {f.code for f in ny.findings}
    assert "CPP-T007" not in {f.code for f in je.findings}
    ny_visit = next(f for f in ny.findings if f.code == "CPP-T007")
    assert ny_visit.level == "error"  # standard 4 says "will": a must
    why = " ".join(ny_visit.sources)
    assert "North Yorkshire Safeguarding Children Partnership" in why and "standard 4" in why
    assert '"The lead Social Worker will visit the child at least every two weeks' in why
    assert "https://www.safeguardingchildren.co.uk/" in why
    assert "Wed 2026-11-18" in ny_visit.detail  # the deadline, in the text-only detail


def _setup(requirements: dict, rules: dict | None = None):
    from cpptool.core.config import RuleSetting
    from cpptool.core.profiles import Profile
    from cpptool.core.registry import load_rules
    from cpptool.core.resolve import Setup

    settings = {code: RuleSetting(r.level, dict(r.options)) for code, r in load_rules().items()}
    settings.update(rules or {})
    profile = Profile(id="p", title="P", calendar="scotland", values={"requirements": requirements}, file="p.yaml")
    return Setup(config=None, profile=profile, rule_settings=settings, calendar=None, fail_level="error")


def test_levels_follow_must_and_should():
    from cpptool.core.config import RuleSetting
    from cpptool.core.registry import load_rules

    rule = load_rules()["CPP-T001"]
    assert _setup({"T2": {"level": "must"}}).use(rule, "outline").level == "error"
    assert _setup({"T27": {"level": "should"}}).use(rule, "outline").level == "warning"
    assert _setup({"T27": {"level": "should", "cite": "NY"}}).use(rule, "outline").sources == ("NY",)
    assert _setup({}).use(rule, "outline") is None  # no requirement it enforces applies
    explicit = {"CPP-T001": RuleSetting("info", {}, origin="cpptool.yaml")}
    assert _setup({"T2": {"level": "must"}}, explicit).use(rule, "outline").level == "info"
    off = {"CPP-T001": RuleSetting("off", {}, origin="cpptool.yaml")}
    assert _setup({"T2": {"level": "must"}}, off).use(rule, "outline") is None


def test_a_passage_two_requirements_cite_is_given_once():
    from cpptool.core.registry import load_rules

    rule = load_rules()["CPP-Q005"]  # contingency: O16 (outline) and D12 (detailed)
    same = {"O16": {"level": "must", "cite": "NY 4.2"}, "D12": {"level": "must", "cite": "NY 4.2"}}
    use = _setup(same).use(rule, "detailed")
    assert use.requirements == ("O16", "D12") and use.sources == ("NY 4.2",)
    different = {"O16": {"level": "must", "cite": "NY 4.2"}, "D12": {"level": "must", "cite": "NY 5.1"}}
    assert _setup(different).use(rule, "detailed").sources == ("NY 4.2", "NY 5.1")


def test_detailed_requirements_do_not_apply_to_outline_plans():
    from cpptool.core.registry import load_rules
    from cpptool.core.requirements import applies_at

    assert applies_at("O4", "outline") and applies_at("O4", "detailed")
    assert applies_at("D4", "detailed") and not applies_at("D4", "outline")
    rule = next(r for r in load_rules().values() if r.requirements == ("W2",))
    assert _setup({"W2": {"level": "must"}}).use(rule, "outline") is None
    assert _setup({"W2": {"level": "must"}}).use(rule, "detailed").level == "error"


def _write_profile(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_extends_cycle_is_refused(tmp_path):
    _write_profile(tmp_path, "a.yaml", "extends: [./b.yaml]\ntitle: A\ncalendar: scotland\n")
    _write_profile(tmp_path, "b.yaml", "extends: [./a.yaml]\ntitle: B\ncalendar: scotland\n")
    with pytest.raises(CpptoolError, match="cycle"):
        load_profile(str(tmp_path / "a.yaml"))


@pytest.mark.parametrize("text, message", [
    ("extends: [england]\ncalendar: mars\n", "'calendar' must be one of"),
    ("extends: [england]\ntimescales:\n  visit_interval: {n: two, unit: weeks}\n", "needs n"),
    ("extends: [england]\ntimescales:\n  visits: {n: 2, unit: weeks}\n", "unknown timescale 'visits'"),
    ("extends: [england]\nrequirements:\n  O99: {level: must}\n", "unknown requirement 'O99'"),
    ("extends: [england]\nrequirements:\n  O1: {level: maybe}\n", "needs level"),
    ("extends: [england]\ncolour: blue\n", "unknown key 'colour'"),
    ("extends: [atlantis]\n", "unknown profile 'atlantis'"),
    ("extends: [england]\ncounting: {roll: sideways}\n", "counting.roll"),
])
def test_bad_profiles_are_clear_errors(tmp_path, text, message):
    path = _write_profile(tmp_path, "local.yaml", text)
    with pytest.raises(CpptoolError, match=message):
        load_profile(str(path))


def test_local_profile_extends_a_shipped_one_and_later_wins(tmp_path):
    local = _write_profile(tmp_path, "local.yaml",
                           "extends: [north-yorkshire]\ntitle: Local\n"
                           "timescales:\n  visit_interval: {n: 10, unit: working-days, cite: local}\n")
    p = load_profile(str(local))
    assert p.get("timescales.visit_interval.n") == 10
    assert p.get("timescales.core_group_interval.n") == 6  # from north-yorkshire
    assert p.origins["timescales.visit_interval.n"] == str(local)
    assert p.origins["timescales.core_group_interval.n"].endswith("north-yorkshire.yaml")


def test_config_extends_list_later_wins(tmp_path):
    a = _write_profile(tmp_path, "a.yaml", "title: A\ncalendar: scotland\nquality: {max_actions_per_person: 3}\n")
    b = _write_profile(tmp_path, "b.yaml", "title: B\ncalendar: scotland\nquality: {max_actions_per_person: 5}\n")
    cfg = Config(file=tmp_path / "cpptool.yaml", profile="england", extends=[str(a), str(b)])
    p = effective_profile(cfg, None, None)
    assert p.get("quality.max_actions_per_person") == 5
    assert p.calendar == "scotland"


@pytest.mark.parametrize("rules, message", [
    ({"CPP-Q999": "off"}, "unknown rule"),
    ({"CPP-T001": "loud"}, "level must be one of"),
    ({"CPP-T001": {"level": "error", "colour": 1}}, "unknown option 'colour'"),
    ({"CPP-T001": ["error"]}, "expected a level"),
])
def test_bad_rule_settings_are_clear_errors(rules, message):
    with pytest.raises(CpptoolError, match=message):
        rule_settings(load_profile("england"), Config(rules=rules))


def test_rule_names_work_as_well_as_codes():
    settings = rule_settings(load_profile("england"), Config(rules={"first-core-group-timescale": "info"}))
    assert settings["CPP-T001"].level == "info" and settings["CPP-T001"].explicit
