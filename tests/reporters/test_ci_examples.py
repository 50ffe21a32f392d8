"""examples/ci: the GitHub Actions workflow and the GitLab CI job are valid against their public
schemas (as vendored by check-jsonschema, offline), use the formats they upload, and are never
taken for plans when a folder is checked."""

from __future__ import annotations

import json
import shlex
from importlib import resources

import pytest

from conftest import EXAMPLES, load_yaml

CI = EXAMPLES / "ci"


def vendored_schema(name: str) -> dict:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema (test extra) is not installed")
    return json.loads((resources.files("check_jsonschema.builtin_schemas.vendor") / name).read_text("utf-8"))


def validate(instance, schema: dict) -> None:
    import jsonschema

    # Both schemas are draft-07; formats are not checked (as check-jsonschema does by default for
    # regex-heavy schemas), the structure and enums are.
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def _commands(script) -> list[list[str]]:
    lines = script if isinstance(script, list) else [script]
    return [shlex.split(line) for line in lines if "cpptool check" in line]


def test_github_workflow_is_valid():
    workflow = load_yaml(CI / "github-actions.yml")
    validate(workflow, vendored_schema("github-workflows.json"))
    steps = workflow["jobs"]["check"]["steps"]
    (check,) = [c for s in steps if "run" in s for c in _commands(s["run"])]
    assert check[:2] == ["cpptool", "check"]
    formats = [check[i + 1] for i, a in enumerate(check) if a == "--format"]
    outputs = [check[i + 1] for i, a in enumerate(check) if a == "--output"]
    assert formats == ["sarif", "github"] and outputs == ["cpptool.sarif"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "cpptool.sarif"
    assert workflow["jobs"]["check"]["permissions"]["security-events"] == "write"


def test_gitlab_job_is_valid():
    pipeline = load_yaml(CI / "gitlab-ci.yml")
    validate(pipeline, vendored_schema("gitlab-ci.json"))
    job = pipeline["cpptool"]
    (check,) = [c for c in _commands(job["script"])]
    pairs = dict(zip([check[i + 1] for i, a in enumerate(check) if a == "--format"],
                     [check[i + 1] for i, a in enumerate(check) if a == "--output"]))
    reports = job["artifacts"]["reports"]
    assert reports == {"codequality": pairs["gitlab"], "junit": pairs["junit"]}
    assert job["artifacts"]["when"] == "always"


def test_ci_examples_are_not_taken_for_plans(cli):
    code, out, err = cli("check", "--format", "json", "--as-of", "2026-11-23", EXAMPLES)
    assert code in (0, 1), err
    files = [f["file"] for f in json.loads(out)["files"]]
    assert files  # the example plans are found...
    # ...but not the CI files (judged below the examples folder: a checkout may sit under a /ci/ folder)
    inside = [f.replace("\\", "/")[len(str(EXAMPLES)):] if f.startswith(str(EXAMPLES)) else f for f in files]
    assert not [f for f in inside if "/ci/" in f]
    code, out, _ = cli("check", "--format", "json", CI)
    assert json.loads(out)["files"] == []


def test_the_schemas_do_catch_mistakes():
    """Guard against a vacuous validation (a schema that accepts anything)."""
    pipeline = load_yaml(CI / "gitlab-ci.yml")
    pipeline["cpptool"]["artifacts"]["when"] = "sometimes"
    with pytest.raises(AssertionError, match="when"):
        validate(pipeline, vendored_schema("gitlab-ci.json"))
    workflow = load_yaml(CI / "github-actions.yml")
    workflow["jobs"]["check"]["runs-on"] = None
    with pytest.raises(AssertionError):
        validate(workflow, vendored_schema("github-workflows.json"))
