"""The default report for people: findings grouped per file, each with why and what to do.

The lines are built as plain text and written in large blocks; rich is used only to colour them
for a terminal. Plain output is what rich printed without colour: the control characters rich
drops (bell, backspace, vertical tab, form feed, carriage return) are dropped and tabs expand to
8-column stops, so the two never differ except in colour.
"""

from __future__ import annotations

DOCUMENT = False  # lines: other output may follow on the same stream

import re
from typing import Callable, Iterator, TextIO

from cpptool.core.findings import FileResult, Finding
from cpptool.reporters import counts

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_FLUSH_LINES = 20_000  # write in blocks, so a report on thousands of plans is never held whole
_NEEDS_CLEANING = re.compile("[\t\x07\x08\x0b\x0c\r]")
_DROPPED = dict.fromkeys((7, 8, 11, 12, 13))


def report(results: list[FileResult], out: TextIO, *, color: bool = False, show_source: bool = False,
           lines: dict[str, list[str]] | None = None, **_: object) -> None:
    if color:
        _report_in_colour(results, out, show_source, lines)
        return
    block: list[str] = []
    for line in _lines(results, _plain_mark, _same, show_source, lines or {}):
        block.append(_clean(line) if _NEEDS_CLEANING.search(line) else line)
        if len(block) >= _FLUSH_LINES:
            out.write("\n".join(block) + "\n")
            block = []
    if block:
        out.write("\n".join(block) + "\n")


def _report_in_colour(results: list[FileResult], out: TextIO, show_source: bool,
                      lines: dict[str, list[str]] | None) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, force_terminal=True, no_color=False, highlight=False, soft_wrap=True,
                      emoji=False)
    for line in _lines(results, _markup, escape, show_source, lines or {}):
        console.print(line)


def _plain_mark(style: str, text: str) -> str:
    return text


def _markup(style: str, text: str) -> str:
    return f"[{style}]{text}[/{style}]" if style else text


def _same(text: str) -> str:
    return text


_Mark = Callable[[str, str], str]


def _lines(results: list[FileResult], mark: _Mark, escape: Callable[[str], str], show_source: bool,
           lines: dict[str, list[str]]) -> Iterator[str]:
    """The report line by line; `mark(style, text)` styles a piece and `escape` protects text."""
    for r in results:
        if not r.findings and not r.next_due:
            continue
        profile = escape(r.profile or "?")
        yield f"{mark('bold', escape(r.file))}  {mark('dim', f'(profile: {profile})')}"
        for f in r.findings:
            yield from _finding(f, mark, escape, show_source, lines.get(r.file))
        if not r.content_checked:
            yield "  " + mark("dim", "content rules were not run: fix the problems above first")
        if r.next_due:
            yield "  " + mark("bold", "next due")
            for when, what in r.next_due:
                yield f"    {escape(when)}  {escape(what)}"
        yield ""
    yield _summary(results, mark)


def _summary(results: list[FileResult], mark: _Mark) -> str:
    c = counts(results)
    files_with = sum(1 for r in results if r.active())
    parts = [f"{c['error']} error{'s' if c['error'] != 1 else ''}",
             f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}",
             f"{c['info']} info"]
    waived = f", {c['waived']} waived" if c["waived"] else ""
    sign = mark("bold red", "✗") if c["error"] else (mark("yellow", "!") if c["warning"] else mark("green", "✓"))
    checked = f"{sign} {len(results)} plan{'s' if len(results) != 1 else ''} checked: "
    if not files_with:
        return checked + "no findings" + waived.replace(", ", "; ", 1)
    return checked + f"{', '.join(parts)}{waived} in {files_with} plan{'s' if files_with != 1 else ''}"


def _finding(f: Finding, mark: _Mark, escape: Callable[[str], str], show_source: bool,
             lines: list[str] | None) -> Iterator[str]:
    level = "waived" if f.waived else f.level
    where = f"{f.file}:{f.line}:{f.col}"
    yield f"  {escape(where)}  {mark(_STYLE.get(f.level, ''), f'{level:<7}')} {mark('bold', f.code)} {escape(f.message)}"
    if f.detail:
        yield f"      {mark('dim', 'when:')} {escape(f.detail)}"
    why = _why(f)
    if why:
        yield f"      {mark('dim', 'why:')} {escape(why)}"
    if f.fix:
        yield f"      {mark('dim', 'fix:')} {escape(f.fix)}"
    if show_source and lines and 0 < f.line <= len(lines):
        yield f"      {mark('dim', f'{f.line:>4} |')} {escape(lines[f.line - 1])}"


def _why(f: Finding) -> str:
    req = ", ".join(f.requirements)
    src = "; ".join(f.sources)
    if req and src:
        return f"{req} ({src})"
    return req or src


def _clean(line: str) -> str:
    """A line as rich printed it without colour: some control characters dropped, tabs expanded."""
    line = line.translate(_DROPPED)
    if "\t" not in line:
        return line
    return "\n".join(_expand_tabs(part) if "\t" in part else part for part in line.split("\n"))


def _expand_tabs(line: str) -> str:
    from rich.cells import cell_len  # wide characters take two columns

    out, column = [], 0
    for part in line.split("\t")[:-1]:
        column += cell_len(part) + 1
        out.append(part + " " * (1 + (-column % 8)))
        column += -column % 8
    return "".join(out) + line.split("\t")[-1]
