"""Citations a user can follow: nothing a user sees refers to the project's internal research notes
(domain.md, quality.md, anchors.md, shared/research), their source keys (S000-S004, NY-CG, WAL-11,
SCO-D ...) or the seed files' names; every citation names the public document instead."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from cpptool.core.citations import requirement_citation, sources
from cpptool.core.profiles import load_profile, profile_file, shipped_profiles
from cpptool.core.registry import load_rules

INTERNAL = re.compile(
    r"(?<!CPP-)\bS00[0-4]\b|\bNY-(?:CG|CONF|DOCS|REP)\b|\bENG-[A-Z]+\b|\bWAL[- ](?:11|13|CA|C4P\d)\b|\bC4P\d\b"
    r"|\bSCO-[A-Z0-9]+\b|\bNI-REG\b|\bNHS-DD\b|\bWT20\d\d\b|\(WT\)|\bOF-[A-Z]+\b|\bQ-[A-Z]+-[A-Z]+\b"
    r"|\bGDS-[A-Z0-9]+\b|\bSOS-[A-Z]+\b|\bKIRK-CP\b|\bBUCKS-CP\b|\bESSEX-EH\b|\bCCO-CIN\b"
    r"|domain\.md|quality\.md|anchors\.md|shared/research|\b\d{3}_[0-9a-f]{16}\.txt|\bseed \d{3}")


def _internal(text: str) -> list[str]:
    return sorted({m.group(0) for m in INTERNAL.finditer(text)})


def test_the_pattern_finds_what_it_should():
    assert _internal("S000 §4; NY-CG; WAL-11; quality.md §2; 000_381772b1c77c2a59.txt") == [
        "000_381772b1c77c2a59.txt", "NY-CG", "S000", "WAL-11", "quality.md"]
    assert _internal("CPP-S001 unknown-key; North Yorkshire standard 4") == []


@pytest.mark.parametrize("code", sorted(load_rules()))
def test_rule_metadata_is_public(code):
    rule = load_rules()[code]
    text = "\n".join([rule.summary, rule.docs, rule.fix, rule.passing, rule.failing, *rule.sources])
    assert _internal(text) == [], code


@pytest.mark.parametrize("name", shipped_profiles())
def test_profiles_as_written_and_resolved_are_public(name):
    profile = load_profile(name)
    assert _internal(profile_file(name).read_text(encoding="utf-8")) == []
    for rid in profile.requirements:
        citation = requirement_citation(profile, rid)
        assert _internal(citation) == [], (name, rid)
        assert "<http" in citation or profile.requirements[rid].get("source") not in sources() \
            or not sources()[profile.requirements[rid]["source"]].get("url")


@pytest.mark.parametrize("path", ["cpptool/data/requirements.yaml", "cpptool/data/sources.yaml",
                                  "cpptool/data/glossary.yaml", "templates/plan/sections.yaml"])
def test_data_files_are_public(path):
    assert _internal((ROOT / path).read_text(encoding="utf-8")) == [], path


def test_readme_tables_are_public():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    assert rows and _internal("\n".join(rows)) == []


def test_cli_outputs_are_public(cli):
    for args in (("rules",), ("rule", "CPP-T007"), ("profiles", "show", "north-yorkshire"),
                 ("profiles", "show", "jersey", "--resolved"), ("rules", "--coverage", "stoke-on-trent")):
        code, out, _ = cli(*args)
        assert code == 0 and _internal(out) == [], args


def test_findings_and_sarif_name_the_public_procedure(cli, tmp_path):
    """A finding's why (text, JSON) and the SARIF rule help name the document and quote it."""
    plan = ROOT / "examples" / "profiles" / "north-yorkshire-flawed.yaml"
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", "--exit-zero", str(plan))
    visit = next(f for f in json.loads(out)["files"][0]["findings"] if f["code"] == "CPP-T007")
    why = " ".join(visit["sources"])
    assert "North Yorkshire Safeguarding Children Partnership" in why and "standard 4" in why
    assert '"The lead Social Worker will visit the child at least every two weeks' in why
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "sarif", "--exit-zero", str(plan))
    assert _internal(out) == []
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    help_text = next(r for r in rules if r["id"] == "CPP-T007")["help"]["text"]
    assert "North Yorkshire Safeguarding Children Partnership" in help_text and "https://" in help_text
