"""Reporters turn check results into text for people or formats for machines, one module each.

A format is a module `NAME_report.py` here with `report(results, out, **options)` and `DOCUMENT`
(True when its output is one document that nothing may follow); adding a format touches nothing
else (a format not in LISTED comes after those, by name). Only `text` may show a finding's
`detail` (plan dates) or the plan's own lines; no format ever shows a waiver's reason (`waived_by`,
plan free text). The machine formats name the rule, file, line, column, YAML path and requirement.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from cpptool.core.findings import FileResult, Finding

# The order formats are listed in (help, errors). Only the modules' names are read, so `check --help`
# and a text report import no other reporter.
LISTED = ("text", "concise", "json", "github", "sarif", "junit", "gitlab")


@lru_cache(maxsize=1)
def formats() -> tuple[str, ...]:
    """The report formats: every `NAME_report` module here, in LISTED's order, then by name."""
    try:
        found = os.listdir(__path__[0])
    except OSError:  # not files in a folder (a zip, a frozen program): the import system knows them
        import pkgutil

        found = [f"{m.name}.py" for m in pkgutil.iter_modules(__path__)]
    names = {n.rsplit(".", 1)[0][: -len("_report")] for n in found if n.endswith(("_report.py", "_report.pyc"))}
    rank = {name: i for i, name in enumerate(LISTED)}
    return tuple(sorted(names, key=lambda n: (rank.get(n, len(rank)), n)))


def __getattr__(name: str):
    # FORMATS is worked out on first use, once this package (which the reporters import) is loaded.
    if name == "FORMATS":
        return formats()
    raise AttributeError(name)


def counts(results: list[FileResult]) -> Counter:
    c: Counter = Counter()
    for r in results:
        for f in r.findings:
            c["waived" if f.waived else f.level] += 1
    return c


def get(name: str):
    import importlib

    if name not in formats():
        raise ValueError(name)
    return importlib.import_module(f"cpptool.reporters.{name}_report")


def is_document(name: str) -> bool:
    """True for formats that are one document (JSON, XML): nothing else may follow on their stream."""
    return bool(get(name).DOCUMENT)


def relative(file: str, base: str | Path | None = None) -> str:
    """`file` relative to `base` (default: the current folder) with forward slashes, as CI
    systems want; a file outside `base` gets its absolute path."""
    base = Path(base) if base is not None else Path.cwd()
    path = Path(file).absolute()
    try:
        rel = Path(os.path.relpath(path, base.absolute()))
    except ValueError:  # another drive on Windows
        return path.as_posix()
    if rel.parts and rel.parts[0] == "..":
        return path.as_posix()
    return rel.as_posix()


def fingerprint(code: str, file: str, yaml_path: str, occurrence: int = 0) -> str:
    """A stable id for a finding: the rule, the (relative) file and the YAML path, not the line,
    so that editing other parts of a plan does not make old findings look new."""
    import hashlib  # only the machine formats need it: a text report does without the import

    key = f"{code}\x00{file}\x00{yaml_path}"
    if occurrence:
        key += f"\x00{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def fingerprinted(findings: Iterable[tuple[str, Finding]]) -> Iterator[tuple[str, Finding, str]]:
    """Yield (relative file, finding, fingerprint), making fingerprints unique within a run: the
    second finding with the same rule, file and YAML path gets an occurrence counter."""
    seen: Counter = Counter()
    for file, f in findings:
        key = (f.code, file, f.path)
        yield file, f, fingerprint(f.code, file, f.path, seen[key])
        seen[key] += 1


def statistics(results: list[FileResult]) -> list[tuple[int, str, str]]:
    """(count, code, name) for every rule with an unwaived finding, most frequent first."""
    c: Counter = Counter()
    names: dict[str, str] = {}
    for r in results:
        for f in r.active():
            c[f.code] += 1
            names[f.code] = f.name
    return sorted(((n, code, names[code]) for code, n in c.items()), key=lambda t: (-t[0], t[1]))


def format_statistics(results: list[FileResult]) -> str:
    rows = statistics(results)
    if not rows:
        return ""
    width = max(3, len(str(rows[0][0])))
    return "".join(f"{n:>{width}}  {code}  {name}\n" for n, code, name in rows)
