"""`--format concise`: one line per finding, `file:line:col: level CODE message`, as ruff prints.

Waived findings are left out. Lines name the rule, the place and the YAML path (inside the
message), never plan values, so they are safe in CI logs.
"""

from __future__ import annotations

DOCUMENT = False  # lines: other output may follow on the same stream

from typing import Iterable, TextIO

from cpptool.core.findings import FileResult, Finding


def line(f: Finding, file: str | None = None) -> str:
    message = " ".join(f.message.split())
    return f"{file or f.file}:{f.line}:{f.col}: {f.level} {f.code} {message}"


def lines(results: Iterable[FileResult]) -> list[str]:
    return [line(f, r.file) for r in results for f in r.active()]


def report(results: list[FileResult], out: TextIO, **_: object) -> None:
    for text in lines(results):
        out.write(text + "\n")
