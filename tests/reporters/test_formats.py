"""The machine formats keep the promises CI systems rely on (anchors §2): valid SARIF 2.1.0,
unique GitLab fingerprints, consistent JUnit counts and unique names, escaped GitHub commands."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cpptool.core.findings import FileResult, Finding
from cpptool.reporters import fingerprint, get, relative

HERE = Path(__file__).resolve().parent
FLAWED = HERE / "fixtures" / "flawed.yaml"
CLEAN = HERE / "fixtures" / "clean.yaml"
AS_OF = "2026-11-23"
WAIVER_REASON = "The family use these words every day."  # in fixtures/flawed.yaml


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch):
    for name in ("GITHUB_ACTIONS", "CI", "GITHUB_STEP_SUMMARY", "CPPTOOL_AS_OF"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def run(cli, fmt: str, *paths, cwd: Path = HERE, monkeypatch=None) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    code, out, err = cli("check", "--format", fmt, "--as-of", AS_OF, *paths)
    assert err == ""
    return code, out


def finding(code="CPP-S005", path="actions[0].owner", line=3, col=5, level="error", file="plan.yaml",
            message="actions[0].owner names a core group member id that is not in the plan", **kw) -> Finding:
    return Finding(code=code, name="unknown-reference", level=level, message=message, file=file, line=line,
                   col=col, path=path, **kw)


def render(fmt: str, results: list[FileResult]) -> str:
    buf = io.StringIO()
    get(fmt).report(results, buf)
    return buf.getvalue()


# --- SARIF ---------------------------------------------------------------------------------

def test_sarif_is_valid_and_complete(cli, monkeypatch, sarif_validator):
    code, out = run(cli, "sarif", "fixtures/flawed.yaml", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    assert code == 1
    doc = json.loads(out)
    sarif_validator.validate(doc)
    (run_,) = doc["runs"]
    assert run_["invocations"] == [{"executionSuccessful": True}]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(set(ids)) == len(ids)
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "fixtures/flawed.yaml", "uriBaseId": "%SRCROOT%"}
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
        assert set(r["properties"]) == {"requirements", "yamlPath"}
        assert re.fullmatch(r"[0-9a-f]{64}", r["partialFingerprints"]["cpptool/v1"])
    waived = [r for r in results if "suppressions" in r]
    assert [r["suppressions"] for r in waived] == [[{"kind": "inSource", "justification": "waiver in plan"}]]
    assert WAIVER_REASON not in out


def test_sarif_clean_run_and_odd_files_are_valid(cli, monkeypatch, sarif_validator, tmp_path):
    _, out = run(cli, "sarif", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    doc = json.loads(out)
    sarif_validator.validate(doc)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []
    # An empty file, a YAML syntax error, and plans outside the current folder (absolute file URIs).
    (tmp_path / "empty.yaml").write_text("")
    (tmp_path / "broken plan.yaml").write_text("format: 1\nstage: [outline\n")
    code, out = run(cli, "sarif", tmp_path / "empty.yaml", tmp_path / "broken plan.yaml", monkeypatch=monkeypatch)
    assert code == 1
    doc = json.loads(out)
    sarif_validator.validate(doc)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in doc["runs"][0]["results"]]
    assert {u["uri"] for u in uris} == {(tmp_path / "empty.yaml").as_uri(), (tmp_path / "broken plan.yaml").as_uri()}
    assert all("uriBaseId" not in u for u in uris)


def test_sarif_uris_are_relative_and_encoded(cli, monkeypatch, tmp_path, sarif_validator):
    (tmp_path / "my plans").mkdir()
    (tmp_path / "my plans" / "p.yaml").write_text("format: 1\nstage: [outline\n")
    _, out = run(cli, "sarif", tmp_path / "my plans" / "p.yaml", cwd=tmp_path, monkeypatch=monkeypatch)
    doc = json.loads(out)
    sarif_validator.validate(doc)
    location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20plans/p.yaml", "uriBaseId": "%SRCROOT%"}


def test_fingerprints_ignore_the_line(cli, monkeypatch, tmp_path):
    """Adding lines above a finding moves it but keeps its fingerprint (SARIF and GitLab)."""
    plan = tmp_path / "plan.yaml"
    text = FLAWED.read_text(encoding="utf-8")
    prints = []
    for prefix in ("", "# a new comment\n# and another\n"):
        plan.write_text(prefix + text, encoding="utf-8")
        _, sarif = run(cli, "sarif", "plan.yaml", cwd=tmp_path, monkeypatch=monkeypatch)
        _, gitlab = run(cli, "gitlab", "plan.yaml", cwd=tmp_path, monkeypatch=monkeypatch)
        results = json.loads(sarif)["runs"][0]["results"]
        prints.append((
            [(r["ruleId"], r["partialFingerprints"]["cpptool/v1"]) for r in results],
            [i["fingerprint"] for i in json.loads(gitlab)],
            [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results],
        ))
    assert prints[0][0] == prints[1][0]
    assert prints[0][1] == prints[1][1]
    assert [a + 2 for a in prints[0][2]] == prints[1][2]


# --- GitLab Code Quality -------------------------------------------------------------------

def test_gitlab_code_quality(cli, monkeypatch):
    code, out = run(cli, "gitlab", "fixtures/flawed.yaml", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    assert code == 1
    issues = json.loads(out)
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["description"].startswith(issue["check_name"] + ": ")
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "fixtures/flawed.yaml"
        assert issue["location"]["lines"]["begin"] >= 1
    assert {i["severity"] for i in issues} == {"major", "minor", "info"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert "CPP-Q009" not in {i["check_name"] for i in issues}  # waived
    _, clean = run(cli, "gitlab", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    assert json.loads(clean) == []


def test_gitlab_fingerprints_are_unique_when_rule_file_and_path_repeat():
    same = [finding(line=3), finding(line=9), finding(code="CPP-S004", line=3)]
    issues = json.loads(render("gitlab", [FileResult(file="plan.yaml", findings=same)]))
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == 3
    assert prints[0] == fingerprint("CPP-S005", "plan.yaml", "actions[0].owner")
    assert prints[1] == fingerprint("CPP-S005", "plan.yaml", "actions[0].owner", 1)
    assert json.loads(render("gitlab", [FileResult(file="plan.yaml", findings=same)])) == issues  # stable
    sarif = json.loads(render("sarif", [FileResult(file="plan.yaml", findings=same)]))
    assert [r["partialFingerprints"]["cpptool/v1"] for r in sarif["runs"][0]["results"]] == prints


def test_gitlab_severity_mapping():
    results = [FileResult(file="p.yaml", findings=[finding(level=lv, path=lv) for lv in ("error", "warning", "info")])]
    assert [i["severity"] for i in json.loads(render("gitlab", results))] == ["major", "minor", "info"]


# --- JUnit ---------------------------------------------------------------------------------

def _junit(out: str) -> ET.Element:
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(out.split("\n", 1)[1])


def test_junit_counts_and_names(cli, monkeypatch):
    code, out = run(cli, "junit", "fixtures/flawed.yaml", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    assert code == 1
    root = _junit(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["fixtures/flawed.yaml", "fixtures/clean.yaml"]
    for element in [root, *suites]:
        cases = element.iter("testcase")
        cases = list(cases)
        assert int(element.get("tests")) == len(cases)
        assert int(element.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(element.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None)
        assert element.get("errors") == "0"
    for suite in suites:
        names = [c.get("name") for c in suite.iter("testcase")]
        assert len(set(names)) == len(names)
        for case in suite.iter("testcase"):
            assert case.get("classname") == suite.get("name") == case.get("file")
    clean_cases = list(suites[1].iter("testcase"))
    assert [(c.get("name"), list(c)) for c in clean_cases] == [("cpptool check", [])]
    failure = next(suites[0].iter("failure"))
    assert re.fullmatch(r"CPP-\w+: .+", failure.get("message"))
    assert "fix:" in failure.text
    assert WAIVER_REASON not in out


def test_junit_names_are_unique_even_for_repeats():
    same = [finding(line=3), finding(line=3), finding(line=3, waived_by="secret reason")]
    root = _junit(render("junit", [FileResult(file="plan.yaml", findings=same)]))
    names = [c.get("name") for c in root.iter("testcase")]
    assert names == ["CPP-S005 actions[0].owner (line 3)", "CPP-S005 actions[0].owner (line 3) #2",
                     "CPP-S005 actions[0].owner (line 3) #3"]
    assert root.get("tests") == "3" and root.get("failures") == "2" and root.get("skipped") == "1"


def test_junit_escapes_xml():
    f = finding(message='unknown key \'a<b>&"c"\' in child')
    root = _junit(render("junit", [FileResult(file="a&b.yaml", findings=[f])]))
    assert next(root.iter("failure")).get("message") == "CPP-S005: unknown key 'a<b>&\"c\"' in child"
    assert next(root.iter("testsuite")).get("name") == "a&b.yaml"


# --- GitHub workflow commands ----------------------------------------------------------------

def test_github_escaping():
    from cpptool.reporters.github_report import command, escape_data, escape_property

    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_property("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext%3A a%2Cb"
    f = finding(code="CPP-S005", message="50% of: a,b\nsecond line", fix="")
    assert command(f, "plans/a:b,c.yaml") == (
        "::error file=plans/a%3Ab%2Cc.yaml,line=3,col=5,title=CPP-S005::50%25 of: a,b%0Asecond line")


def test_github_commands_per_level(cli, monkeypatch):
    code, out = run(cli, "github", "fixtures/flawed.yaml", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    plain = [line for line in out.splitlines() if not line.startswith("::")]
    pattern = re.compile(r"::(error|warning|notice) file=fixtures/flawed\.yaml,line=\d+,col=\d+,"
                         r"title=CPP-[A-Z]\d{3}::\S.*")
    assert commands and all(pattern.fullmatch(c) for c in commands)
    assert {c.split(" ")[0] for c in commands} == {"::error", "::warning", "::notice"}
    assert len(plain) == len(commands)  # every annotation also as a plain log line (10-per-step limit)
    assert "CPP-Q009" not in out  # waived


def test_github_summary_escapes_markdown():
    from cpptool.reporters.github_report import summary

    text = summary([FileResult(file="a|b.yaml", findings=[finding(message="key 'x|<y>' is unknown")])])
    assert "a\\|b.yaml:3:5" in text and "key 'x\\|&lt;y&gt;' is unknown" in text


# --- concise, paths ------------------------------------------------------------------------

def test_concise_lines(cli, monkeypatch):
    code, out = run(cli, "concise", "fixtures/flawed.yaml", "fixtures/clean.yaml", monkeypatch=monkeypatch)
    assert code == 1
    lines = out.splitlines()
    assert lines and all(re.fullmatch(r"fixtures/flawed\.yaml:\d+:\d+: (error|warning|info) CPP-[A-Z]\d{3} \S.*", ln)
                         for ln in lines)


def test_ci_formats_use_paths_relative_to_the_current_folder(cli, monkeypatch):
    _, out = run(cli, "gitlab", FLAWED, monkeypatch=monkeypatch)  # an absolute path on the command line
    assert {i["location"]["path"] for i in json.loads(out)} == {"fixtures/flawed.yaml"}
    assert relative(str(FLAWED), HERE) == "fixtures/flawed.yaml"
    assert relative("/elsewhere/plan.yaml", HERE) == "/elsewhere/plan.yaml"


@pytest.mark.parametrize("fmt", ["concise", "json", "github", "sarif", "junit", "gitlab"])
def test_machine_formats_leave_out_detail_and_waiver_reasons(fmt):
    f = finding(detail="due Mon 2026-11-02 (10 working days after 2026-10-19)")
    w = finding(code="CPP-S004", waived_by="Agreed by Jo Fictional on 2026-11-16")
    out = render(fmt, [FileResult(file="plan.yaml", findings=[f, w])])
    for secret in ("2026-11-02", "2026-10-19", "Jo Fictional", "2026-11-16", "Agreed by"):
        assert secret not in out


def test_junit_fails_only_at_or_above_the_fail_level():
    found = [finding(level="error", path="a"), finding(level="warning", path="b"), finding(level="info", path="c")]

    def cases(fail_level):
        root = _junit(render("junit", [FileResult(file="p.yaml", findings=found, fail_level=fail_level)]))
        return {c.get("name").split()[1]: [child.tag for child in c] for c in root.iter("testcase")}, root

    by_path, root = cases("error")
    assert by_path == {"a": ["failure"], "b": ["system-out"], "c": ["system-out"]}
    assert root.get("failures") == "1" and root.get("tests") == "3"
    assert "warning CPP-S005" in next(c for c in root.iter("testcase") if " b " in c.get("name")).find("system-out").text
    assert cases("warning")[0] == {"a": ["failure"], "b": ["failure"], "c": ["system-out"]}
    assert cases("info")[0] == {"a": ["failure"], "b": ["failure"], "c": ["failure"]}
