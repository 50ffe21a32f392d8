"""`cpptool profiles`, `cpptool rules` and `cpptool rule CODE`."""

from __future__ import annotations


def test_profiles_list(cli):
    code, out, _ = cli("profiles", "list")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == sorted(names) and {"england", "jersey", "scotland", "north-yorkshire"} <= set(names)
    assert "jersey" in out and "jersey " in out.splitlines()[names.index("jersey")]


def test_profiles_show_as_written(cli):
    code, out, _ = cli("profiles", "show", "north-yorkshire")
    assert code == 0
    assert out.startswith("# North Yorkshire")
    assert "extends: [england]" in out


def test_profiles_show_resolved_gives_values_and_origins(cli):
    code, out, _ = cli("profiles", "show", "north-yorkshire", "--resolved")
    assert code == 0
    lines = dict(line.split("    # from ") for line in out.splitlines() if "    # from " in line)
    assert lines["timescales.visit_interval.n: 2"] == "north-yorkshire.yaml"
    assert lines["calendar: england-and-wales"] == "england.yaml"
    assert any(k.startswith("requirements.O7.cite") for k in lines)


def test_profiles_show_unknown(cli):
    code, _, err = cli("profiles", "show", "atlantis")
    assert code == 2 and "unknown profile 'atlantis'" in err


def test_rules_catalogue(cli):
    code, out, _ = cli("rules")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert "CPP-T001" in rows and "first-core-group-timescale" in rows["CPP-T001"]
    assert "T2" in rows["CPP-T001"] and "Stoke-on-Trent Safeguarding Children Board §05" in rows["CPP-T001"]


def test_rule_docs(cli):
    code, out, _ = cli("rule", "CPP-T007")
    assert code == 0
    assert out.startswith("CPP-T007 visit-interval")
    assert "Passing example:" in out and "Failing example:" in out
    assert "What to do:" in out
    code_by_name, out_by_name, _ = cli("rule", "visit-interval")
    assert code_by_name == 0 and out_by_name == out


def test_rule_unknown(cli):
    code, _, err = cli("rule", "CPP-Z123")
    assert code == 2 and "unknown rule 'CPP-Z123'" in err


def test_coverage_lists_rules_or_reasons(cli):
    code, out, _ = cli("rules", "--coverage", "stoke-on-trent")
    assert code == 0
    assert "T5   must" in out
    block = out.split("T5   must", 1)[1].splitlines()
    assert "Stoke-on-Trent Safeguarding Children Board" in block[1] and "within 3 working days" in block[1]
    assert "enforced by CPP-T004" in block[2]
    assert "D24" in out and "not checkable:" in out.split("D24", 1)[1].splitlines()[2]
    assert "A1 " in out and out.split("A1 ", 1)[1].splitlines()[2].strip().startswith(("enforced by", "not covered: needs field"))
    assert out.rstrip().endswith("0 not covered")


def test_coverage_shows_outdated(cli):
    code, out, _ = cli("rules", "--coverage", "implementation-2008")
    assert code == 0
    assert "outdated: The 35-working-day core assessment" in out
