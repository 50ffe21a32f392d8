"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=plans/ab12.yaml,line=14,col=3,title=CPP-S005::actions[3].owner names …

Errors become `::error`, warnings `::warning` and info `::notice`; waived findings are left out.
GitHub shows at most 10 annotations of each kind per step, so the report also prints every
finding as a plain `concise` line for the log, and `summary()` gives the Markdown that the
command line appends to the file named by GITHUB_STEP_SUMMARY. File paths are relative to the
current folder (the checkout). Nothing here quotes plan values.
"""

from __future__ import annotations

DOCUMENT = False  # lines: other output may follow on the same stream

from typing import TextIO

from cpptool.core.findings import FileResult, Finding
from cpptool.reporters import concise_report, counts, relative

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_ROWS = 200  # the step summary is capped at 1 MiB; a long table helps nobody


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions toolkit does (`escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value as the Actions toolkit does (`escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, file: str) -> str:
    props = [f"file={escape_property(file)}"]
    if f.line >= 1:
        props.append(f"line={f.line}")
        if f.col >= 1:
            props.append(f"col={f.col}")
    props.append(f"title={escape_property(f.code)}")
    body = [f.message]
    why = ", ".join(f.requirements)
    if why:
        body.append(f"requirement: {why}")
    if f.fix:
        body.append(f"fix: {f.fix}")
    return f"::{COMMANDS[f.level]} {','.join(props)}::{escape_data(chr(10).join(body))}"


def report(results: list[FileResult], out: TextIO, **_: object) -> None:
    shown = [(relative(r.file), f) for r in results for f in r.active()]
    for file, f in shown:
        out.write(command(f, file) + "\n")
    # The plain log: every finding, even those past GitHub's annotation limits.
    for file, f in shown:
        out.write(concise_report.line(f, file) + "\n")


def _cell(text: str) -> str:
    text = " ".join(str(text).split())
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("`", "'"))


def summary(results: list[FileResult]) -> str:
    """The job summary: counts, then a table of findings (Markdown)."""
    c = counts(results)
    n = len(results)
    mark = "❌" if c["error"] else ("⚠️" if c["warning"] else "✅")
    out = [f"### {mark} cpptool: {n} plan{'s' if n != 1 else ''} checked", "",
           "| errors | warnings | info | waived |", "| ---: | ---: | ---: | ---: |",
           f"| {c['error']} | {c['warning']} | {c['info']} | {c['waived']} |", ""]
    rows = [(relative(r.file), f) for r in results for f in r.active()]
    if rows:
        out += ["| where | level | rule | message |", "| --- | --- | --- | --- |"]
        for file, f in rows[:SUMMARY_ROWS]:
            out.append(f"| {_cell(file)}:{f.line}:{f.col} | {f.level} | {f.code} {_cell(f.name)} | "
                       f"{_cell(f.message)} |")
        if len(rows) > SUMMARY_ROWS:
            out += ["", f"… and {len(rows) - SUMMARY_ROWS} more: see the job log."]
        out.append("")
    return "\n".join(out) + "\n"
