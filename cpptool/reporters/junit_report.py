"""`--format junit`: JUnit XML, as GitLab's unit test reports (and most CI systems) read it.

One testsuite per plan, one testcase per finding, named `CODE yaml.path (line N)` (unique within
the plan: GitLab keeps only the first of equal names). A finding at or above the plan's fail
level (`FileResult.fail_level`: --fail-level, or cpptool.yaml) is a failure, as it fails the
check; one below it passes, with the finding in the test case's output (`system-out`); a waived
finding is skipped. A plan with no unwaived findings has one passing testcase, `cpptool check`,
so the report shows what was checked. Nothing quotes plan values.
"""

from __future__ import annotations

DOCUMENT = True  # one document: nothing else may be printed after it on the same stream

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from cpptool.core.findings import FileResult, Finding, level_rank
from cpptool.reporters import relative

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

PASSED = "cpptool check"


def _name(f: Finding, seen: Counter) -> str:
    base = f"{f.code} {f.path or '(whole file)'} (line {f.line})"
    seen[base] += 1
    return base if seen[base] == 1 else f"{base} #{seen[base]}"


def _body(f: Finding, file: str) -> str:
    lines = [f"{file}:{f.line}:{f.col}: {f.level} {f.code} {f.name}", f.message]
    if f.path:
        lines.append(f"YAML path: {f.path}")
    if f.requirements:
        lines.append(f"requirements: {', '.join(f.requirements)}")
    if f.sources:
        lines.append(f"sources: {'; '.join(f.sources)}")
    if f.fix:
        lines.append(f"fix: {f.fix}")
    return "\n".join(lines)


def document(results: list[FileResult]) -> ET.Element:
    import xml.etree.ElementTree as ET  # here: every check lists the formats, few write this one

    root = ET.Element("testsuites", {"name": "cpptool"})
    totals: Counter = Counter()
    for r in results:
        file = relative(r.file)
        suite = ET.SubElement(root, "testsuite", {"name": file})
        c: Counter = Counter()
        seen: Counter = Counter()
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", {"classname": file, "name": _name(f, seen),
                                                     "file": file, "time": "0"})
            c["tests"] += 1
            if f.waived:
                ET.SubElement(case, "skipped", {"message": f"{f.code} waived in the plan"})
                c["skipped"] += 1
            elif level_rank(f.level) < level_rank(r.fail_level):
                ET.SubElement(case, "system-out").text = _body(f, file)  # reported, not failing
            else:
                failure = ET.SubElement(case, "failure", {"message": f"{f.code}: {f.message}", "type": f.level})
                failure.text = _body(f, file)
                c["failures"] += 1
        if not r.active():
            ET.SubElement(suite, "testcase", {"classname": file, "name": PASSED, "file": file, "time": "0"})
            c["tests"] += 1
        _counts(suite, c)
        totals.update(c)
    _counts(root, totals)
    return root


def _counts(element: ET.Element, c: Counter) -> None:
    for key in ("tests", "failures", "errors", "skipped"):
        element.set(key, str(c[key]))
    element.set("time", "0")


def report(results: list[FileResult], out: TextIO, **_: object) -> None:
    import xml.etree.ElementTree as ET

    root = document(results)
    ET.indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
