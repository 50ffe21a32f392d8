"""Plans hold children's personal data; reports that leave the machine must not carry any of it.

Every free-text value of a plan (names, roles, what, goals, reasons, places, languages…) is
replaced with a unique canary, CANARY-0001, CANARY-0002…: the plan schema says which strings are
free text (ids, enums and dates keep valid values). Waivers get canary reasons, and some dates
are moved so that timescale findings (whose `detail` holds dates) fire. Then every machine format
(concise, json, github with its step summary, sarif, junit, gitlab) and --statistics must contain
no canary and no date from the plan or from a finding's detail. The text format shows dates from
`detail`, and plan lines only with --show-source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import COMPLETE, EXAMPLES, ROOT, load_yaml, yaml_text
from cpptool.core.engine import CheckOptions, check_file

AS_OF = dt.date(2026, 11, 23)
MACHINE_FORMATS = ["concise", "json", "github", "sarif", "junit", "gitlab"]
SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
CANARY = re.compile(r"CANARY-\d{4}")
# cpptool's own messages give this date as an example ("write a date as YYYY-MM-DD, e.g. 2026-11-23"),
# and it is the --as-of date here: plan dates equal to it are moved a day, so it is not a secret.
TOOL_DATE = dt.date(2026, 11, 23)
# Strings the schema leaves open that are settings, not what the plan says about the family.
NOT_PLAN_TEXT = {"profile"}


# --- make canary plans --------------------------------------------------------------------------

def _branches(schema: dict) -> list[dict]:
    while "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        return [b for sub in schema["anyOf"] for b in _branches(sub)]
    return [schema]


def _free_text(schema: dict) -> bool:
    """A string the schema does not constrain: not an id (pattern), enum, const or date."""
    strings = [b for b in _branches(schema) if b.get("type") == "string"]
    return bool(strings) and all(not ({"pattern", "enum", "const", "format"} & set(b)) for b in strings)


# Open strings that rules parse (frequencies, periods, category codes). The "prose" variant keeps
# them, so that the rules reading them (visit and core group intervals…) run too.
PARSED = {"frequency", "core_group_frequency", "sustain_for", "categories"}


class Canaries:
    def __init__(self) -> None:
        self.replaced: dict[str, str] = {}  # canary -> the YAML path it replaced
        self.keep: set[str] = set()  # keys whose values stay as they are

    def new(self, where: str) -> str:
        value = f"CANARY-{len(self.replaced) + 1:04d}"
        self.replaced[value] = where
        return value

    def fill(self, value, schema: dict, where: str = ""):
        branches = _branches(schema)
        if isinstance(value, dict):
            obj = next((b for b in branches if b.get("type") == "object" or "properties" in b), {})
            props = obj.get("properties", {})
            return {k: v if k in self.keep else self.fill(v, props.get(k, {}), f"{where}.{k}".lstrip("."))
                    for k, v in value.items()}
        if isinstance(value, list):
            arr = next((b for b in branches if b.get("type") == "array"), {})
            return [self.fill(v, arr.get("items", {}), f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, str) and _free_text(schema) and where not in NOT_PLAN_TEXT:
            return self.new(where)
        if value == TOOL_DATE:
            return TOOL_DATE + dt.timedelta(days=1)
        return value


def _dates(value) -> set[dt.date]:
    if isinstance(value, dict):
        return set().union(*(_dates(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_dates(v) for v in value)) if value else set()
    return {value} if isinstance(value, dt.date) else set()


def _date_strings(days: set[dt.date]) -> set[str]:
    out = set()
    for d in days:
        out |= {d.isoformat(), d.strftime("%d/%m/%Y"), f"{d.day} {d:%B} {d.year}", f"{d.day} {d:%b} {d.year}"}
    return out


def _canary_plan(source: Path, canaries: Canaries, tmp_path: Path, name: str, keep: set[str] = frozenset()) -> Path:
    canaries.keep = set(keep)
    data = canaries.fill(load_yaml(source), SCHEMA)
    canaries.keep = set()
    # Dates that make timescale findings fire (their detail holds dates).
    actions = data.get("actions") or []
    if actions:
        actions[0]["due"] = dt.date(2026, 11, 2)
        actions[0]["status"] = "in-progress"
    if data.get("record"):
        data["record"]["meetings"] = [{"type": "core-group", "date": dt.date(2026, 9, 1)},
                                      {"type": "core-group", "date": dt.date(2026, 10, 20)},
                                      {"type": "core-group", "date": dt.date(2026, 11, 16)}]
    # Waivers with canary reasons: one for a real finding of this plan (so it is waived), one that
    # matches nothing, and one naming no rule.
    path = tmp_path / name
    path.write_text(yaml_text(data), encoding="utf-8")
    first = check_file(path, opts=CheckOptions(as_of=AS_OF)).findings
    waivers = []
    if first:
        waivers.append({"rule": first[0].code, "path": first[0].path, "reason": canaries.new("waiver reason"),
                        "agreed_by": canaries.new("waiver agreed_by"), "date": dt.date(2026, 11, 19)})
    waivers.append({"rule": "CPP-S005", "path": "actions[0].owner", "reason": canaries.new("waiver reason")})
    waivers.append({"rule": "CPP-Z999", "reason": canaries.new("waiver reason")})
    data["waivers"] = waivers
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def _structure_plan(canaries: Canaries, tmp_path: Path) -> Path:
    """Canaries where the structure is wrong: values of the wrong type and an unknown key."""
    data = canaries.fill(load_yaml(COMPLETE), SCHEMA)
    data["conference"]["date"] = canaries.new("conference.date (not a date)")
    data["core_group"][1]["kind"] = canaries.new("core_group[1].kind (not an enum value)")
    data["actions"][0]["owner"] = ["list", canaries.new("actions[0].owner (not an id)")]
    data["child"]["nickname"] = canaries.new("child.nickname (unknown key)")
    path = tmp_path / "structure.yaml"
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def canary_run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("privacy")
    canaries = Canaries()
    plans = [
        _canary_plan(COMPLETE, canaries, tmp_path, "detailed.yaml"),
        _canary_plan(COMPLETE, canaries, tmp_path, "prose.yaml", keep=PARSED),
        _canary_plan(EXAMPLES / "flawed" / "detailed-flawed.yaml", canaries, tmp_path, "flawed.yaml"),
        _canary_plan(EXAMPLES / "plans" / "outline-complete.yaml", canaries, tmp_path, "outline.yaml"),
        _structure_plan(canaries, tmp_path),
    ]
    results = [check_file(p, opts=CheckOptions(as_of=AS_OF)) for p in plans]
    days = set().union(*(_dates(load_yaml(p)) for p in plans))
    details = {f.detail for r in results for f in r.findings if f.detail}
    detail_dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", " ".join(details)))
    assert TOOL_DATE not in days
    secrets = set(canaries.replaced) | _date_strings(days) | (detail_dates - {TOOL_DATE.isoformat()})
    return {"dir": tmp_path, "plans": plans, "results": results, "canaries": canaries, "secrets": secrets,
            "details": details}


def _leaks(text: str, secrets: set[str]) -> list[str]:
    return sorted(s for s in secrets if s in text)


# --- the run is not vacuous ------------------------------------------------------------------

def test_the_canary_plans_produce_findings_of_every_kind(canary_run):
    results = canary_run["results"]
    findings = [f for r in results for f in r.findings]
    codes = {f.code for f in findings}
    assert len(canary_run["canaries"].replaced) > 150  # every free-text value was replaced
    assert sum(r.content_checked for r in results) == 4  # content rules ran on four plans
    assert not results[-1].content_checked and {"CPP-S001", "CPP-S003"} <= codes
    assert any(f.waived for f in findings)  # a waiver with a canary reason silenced a finding
    assert "CPP-X002" in codes  # and the unused ones are reported
    assert any(c.startswith("CPP-T") for c in codes)  # timescale findings fired...
    assert canary_run["details"] and any(re.search(r"\d{4}-\d{2}-\d{2}", d) for d in canary_run["details"])
    assert {"error", "warning"} <= {f.level for f in findings}


def test_canaries_fill_free_text_but_keep_ids_enums_and_dates():
    data = Canaries().fill(load_yaml(COMPLETE), SCHEMA)
    assert CANARY.fullmatch(data["child"]["name"]) and CANARY.fullmatch(data["core_group"][0]["role"])
    assert CANARY.fullmatch(data["actions"][0]["what"]) and CANARY.fullmatch(data["conference"]["decision"]["reasons"])
    assert data["core_group"][0]["id"] == "sw" and data["actions"][0]["owner"] == "mum"
    assert data["stage"] == "detailed" and data["core_group"][0]["kind"] == "professional"
    assert data["child"]["date_of_birth"] == dt.date(2018, 5, 14)


# --- machine formats carry no plan values ------------------------------------------------------

@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_format_has_no_plan_values(cli, canary_run, fmt, monkeypatch, tmp_path):
    monkeypatch.chdir(canary_run["dir"])
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, out, err = cli("check", "--format", fmt, "--as-of", AS_OF.isoformat(), *canary_run["plans"])
    assert code == 1, err
    assert len(out) > 500  # a real report
    assert _leaks(out, canary_run["secrets"]) == []
    assert _leaks(err, canary_run["secrets"]) == []
    if fmt == "github":
        assert _leaks(summary.read_text(encoding="utf-8"), canary_run["secrets"]) == []


def test_all_formats_at_once_to_files_and_statistics(cli, canary_run, monkeypatch, tmp_path):
    monkeypatch.chdir(canary_run["dir"])
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    args = []
    for fmt in MACHINE_FORMATS:
        args += ["--format", fmt, "--output", str(tmp_path / f"report.{fmt}")]
    code, out, err = cli("check", *args, "--statistics", "--as-of", AS_OF.isoformat(), *canary_run["plans"])
    assert code == 1 and out.strip()
    texts = [out, err] + [p.read_text(encoding="utf-8") for p in tmp_path.iterdir()]
    assert len(texts) == 2 + len(MACHINE_FORMATS) + 1
    for text in texts:
        assert _leaks(text, canary_run["secrets"]) == []


# --- the text format: detail yes, plan lines only when asked ---------------------------------------

def test_text_shows_detail_but_plan_lines_only_with_show_source(cli, canary_run, monkeypatch):
    monkeypatch.chdir(canary_run["dir"])
    _, plain, _ = cli("check", "--as-of", AS_OF.isoformat(), *canary_run["plans"])
    assert not CANARY.search(plain)  # no free text without --show-source...
    assert re.search(r"when: .*\d{4}-\d{2}-\d{2}", plain)  # ...but deadlines from detail are shown
    _, shown, _ = cli("check", "--show-source", "--as-of", AS_OF.isoformat(), *canary_run["plans"])
    assert CANARY.search(shown)  # the check above would notice a leak: the canaries are findable


SPY_PLUGIN = """
import os, re, sys
import pydantic.plugin._loader as loader
seen = []

class Spy:  # what an observability plugin is given: every validator, and so every value it checks
    def new_schema_validator(self, *args, **kwargs):
        seen.append(kwargs.get("schema_type") or args[1])
        return None, None, None

class EntryPoint:
    name, value = "spy", "spy:plugin"
    def load(self):
        return Spy()

loader.entry_points = lambda group: [EntryPoint()] if group == "pydantic" else []
from cpptool.core import plan  # sets what keeps plugins out
if sys.argv[1] == "control":
    os.environ.pop("PYDANTIC_DISABLE_PLUGINS")  # the spy is let in: it must notice
from cpptool.core.loader import LoadedPlan, load_plan_bytes
text = open(sys.argv[2], encoding="utf-8").read()
# A date in quotes: only pydantic can say what it becomes, so the plan goes through pydantic's validators.
text, quoted = re.subn(r"date_of_birth: (\\d{4}-\\d{2}-\\d{2})", r"date_of_birth: '\\1'", text, count=1)
assert quoted == 1
loaded = load_plan_bytes(text.encode("utf-8"), LoadedPlan(file="p.yaml"))
assert loaded.plan is not None and not loaded.problems, loaded.problems
print(len(seen))
"""


def test_no_pydantic_plugin_sees_the_plan():
    """A pydantic plugin installed beside cpptool would be handed every plan it validates. In a
    fresh process (the plan model is built once per process), one offered to pydantic is never
    asked; the control run, with the guard taken away, shows that the spy would have been."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    counts = {}
    for run in ("guarded", "control"):
        done = subprocess.run([sys.executable, "-c", SPY_PLUGIN, run, str(COMPLETE)], env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        counts[run] = int(done.stdout.strip())
    assert counts == {"guarded": 0, "control": counts["control"]} and counts["control"] > 0
