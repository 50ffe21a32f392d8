"""`--format json`: a stable, versioned document for scripts. It never carries plan values.

Schema (version 1):
    {"version": 1, "tool": {"name": "cpptool", "version": "X.Y.Z"},
     "summary": {"files": int, "error": int, "warning": int, "info": int, "waived": int},
     "files": [{"file": str, "profile": str, "content_checked": bool,
                "findings": [{"code", "name", "level", "message", "line", "column", "path",
                              "requirements": [str], "sources": [str], "fix", "waived": bool}]}]}
"""

from __future__ import annotations

DOCUMENT = True  # one document: nothing else may be printed after it on the same stream

import json
from typing import TextIO

from cpptool import __version__
from cpptool.core.findings import FileResult
from cpptool.reporters import counts

SCHEMA_VERSION = 1


def document(results: list[FileResult]) -> dict:
    c = counts(results)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "cpptool", "version": __version__},
        "summary": {"files": len(results), "error": c["error"], "warning": c["warning"],
                    "info": c["info"], "waived": c["waived"]},
        "files": [
            {
                "file": r.file,
                "profile": r.profile,
                "content_checked": r.content_checked,
                "findings": [
                    {
                        "code": f.code, "name": f.name, "level": f.level, "message": f.message,
                        "line": f.line, "column": f.col, "path": f.path,
                        "requirements": list(f.requirements), "sources": list(f.sources),
                        "fix": f.fix, "waived": f.waived,
                    }
                    for f in r.findings
                ],
            }
            for r in results
        ],
    }


def report(results: list[FileResult], out: TextIO, **_: object) -> None:
    json.dump(document(results), out, indent=2)
    out.write("\n")
