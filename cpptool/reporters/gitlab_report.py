"""`--format gitlab`: GitLab Code Quality, a JSON array of issues for the merge request widget.

Each unwaived finding is one issue:

    {"description": "CPP-S005: actions[3].owner names …", "check_name": "CPP-S005",
     "fingerprint": "<sha256>", "severity": "major",
     "location": {"path": "plans/ab12.yaml", "lines": {"begin": 134}}}

Severity: error → major, warning → minor, info → info. The fingerprint is the SHA-256 of rule +
file + YAML path (not the line, so moving text does not make a finding look new); when two
findings share all three, the later ones add an occurrence counter, since GitLab shows only one
issue per fingerprint. Paths are relative to the current folder (the checkout).
"""

from __future__ import annotations

DOCUMENT = True  # one document: nothing else may be printed after it on the same stream

import json
from typing import TextIO

from cpptool.core.findings import FileResult
from cpptool.reporters import fingerprinted, relative

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def document(results: list[FileResult]) -> list[dict]:
    pairs = [(relative(r.file), f) for r in results for f in r.active()]
    return [
        {
            "description": f"{f.code}: {f.message}",
            "check_name": f.code,
            "fingerprint": fp,
            "severity": SEVERITY[f.level],
            "location": {"path": file, "lines": {"begin": max(f.line, 1)}},
        }
        for file, f, fp in fingerprinted(pairs)
    ]


def report(results: list[FileResult], out: TextIO, **_: object) -> None:
    json.dump(document(results), out, indent=2, ensure_ascii=False)
    out.write("\n")
