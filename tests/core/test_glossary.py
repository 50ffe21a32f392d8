"""One glossary of abbreviations, shared by the family copy and CPP-Q009."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import COMPLETE, load_yaml, yaml_text
from cpptool.core import glossary
from cpptool.core.plan_format import age_on
from cpptool.core.registry import load_rules


def test_the_glossary_loads_and_is_read_only():
    terms = glossary.expansions()
    assert terms["IRO"] == "Independent Reviewing Officer"
    assert terms["GP"] == "family doctor"
    assert terms is glossary.expansions()  # loaded once
    with pytest.raises(TypeError):  # shared by every caller, so nobody may change it
        terms["XX"] = "changed"  # type: ignore[index]


def test_the_words_a_family_understands():
    terms = glossary.expansions()
    # A "safeguarding enquiry" is the adult (Care Act s42) process; for a child it is a child protection enquiry.
    assert terms["S47"].startswith("child protection enquiry") and "Children Act 1989" in terms["S47"]
    assert terms["PR"] == "parental responsibility"
    assert terms["HV"] == "Health Visitor"


def test_cpp_q009_reports_every_abbreviation_but_the_widely_known():
    rule = load_rules()["CPP-Q009"]
    assert rule.options["acronyms"] == glossary.to_spell_out()
    assert "GP" not in glossary.to_spell_out()
    assert set(glossary.to_spell_out()) | {"GP"} == set(glossary.expansions())
    # Both lists this glossary replaced are covered.
    assert {"CP", "ISO", "CPC", "CPPM", "DSL", "SENCO", "YOT"} <= set(glossary.to_spell_out())


def test_cpp_q009_names_the_glossary_words(cli, tmp_path):
    data = load_yaml(COMPLETE)
    data["needs_to_change"][0] = "Riley must see the HV."
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml_text(data), encoding="utf-8")
    code, out, err = cli("check", "--as-of", "2026-11-23", plan)
    assert "HV (Health Visitor)" in out, out + err


def test_age_on():
    born = dt.date(2014, 3, 1)
    assert age_on(born, dt.date(2026, 2, 28)) == 11
    assert age_on(born, dt.date(2026, 3, 1)) == 12
    assert age_on(None, dt.date(2026, 3, 1)) is None
    assert age_on(dt.date(2027, 1, 1), dt.date(2026, 3, 1)) is None  # not born yet
