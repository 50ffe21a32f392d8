"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run: the tool's rules (those with results), then every finding as a result with the rule,
level (error, warning, note), message, location (a URI relative to %SRCROOT%, the current
folder, with line and column), a `partialFingerprints` hash of rule + file + YAML path (not the
line), and properties `requirements` and `yamlPath`. Waived findings are kept, with a suppression
whose justification is only "waiver in plan": the waiver's own reason is plan text and stays out.
"""

from __future__ import annotations

DOCUMENT = True  # one document: nothing else may be printed after it on the same stream

import json
import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from cpptool import __version__
from cpptool.core.findings import FileResult, Finding
from cpptool.reporters import fingerprinted, relative

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "cpptool/v1"


def _artifact(rel: str) -> dict:
    """`rel` is relative to the current folder, unless the file lies outside it."""
    if Path(rel).is_absolute():
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": "%SRCROOT%"}  # bytes: any file name


def _rule(code: str, f: Finding) -> dict:
    from cpptool.core.registry import load_rules

    rule = load_rules().get(code)
    if rule is None:  # not in the catalogue (should not happen): describe it from the finding
        return {"id": code, "name": f.name, "shortDescription": {"text": f.message},
                "defaultConfiguration": {"level": LEVELS[f.level]}}
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs or rule.summary},
        "defaultConfiguration": {"level": LEVELS[rule.level]},
        "properties": {"requirements": list(rule.requirements), "sources": list(rule.sources)},
    }
    why = "\n".join(f"- {source}" for source in rule.sources)
    help_text = "\n\n".join(part for part in (rule.fix, f"Why (the procedures and research it rests on):\n{why}") if part)
    out["help"] = {"text": help_text}
    return out


def _location(f: Finding, file: str) -> dict:
    physical: dict = {"artifactLocation": _artifact(file)}
    if f.line >= 1:
        region = {"startLine": f.line}
        if f.col >= 1:
            region["startColumn"] = f.col
        physical["region"] = region
    return {"physicalLocation": physical}


def document(results: list[FileResult]) -> dict:
    pairs = [(relative(r.file), f) for r in results for f in r.findings]
    codes = sorted({f.code for _, f in pairs})
    first = {code: next(f for _, f in pairs if f.code == code) for code in codes}
    rules = [_rule(code, first[code]) for code in codes]
    index = {code: i for i, code in enumerate(codes)}
    out = []
    for file, f, fp in fingerprinted(pairs):
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.level],
            "message": {"text": f.message},
            "locations": [_location(f, file)],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
            "properties": {"requirements": list(f.requirements), "yamlPath": f.path},
        }
        if f.waived:
            result["suppressions"] = [{"kind": "inSource", "justification": "waiver in plan"}]
        out.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cpptool", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    }


def report(results: list[FileResult], out: TextIO, **_: object) -> None:
    json.dump(document(results), out, indent=2, ensure_ascii=False)
    out.write("\n")
