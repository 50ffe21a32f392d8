"""Reporters turn check results into text for people or formats for machines, one module each."""

from __future__ import annotations

from collections import Counter

from cpptool.core.findings import FileResult

FORMATS = ("text", "json")


def counts(results: list[FileResult]) -> Counter:
    c: Counter = Counter()
    for r in results:
        for f in r.findings:
            c["waived" if f.waived else f.level] += 1
    return c


def get(name: str):
    import importlib

    if name not in FORMATS:
        raise ValueError(name)
    return importlib.import_module(f"cpptool.reporters.{name}_report")
