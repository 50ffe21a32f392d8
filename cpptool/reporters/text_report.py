"""The default report for people: findings grouped per file, each with why and what to do."""

from __future__ import annotations

DOCUMENT = False  # lines: other output may follow on the same stream
ORDER = 1  # place in the list of formats

from typing import TextIO

from cpptool.core.findings import FileResult, Finding
from cpptool.reporters import counts

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def report(results: list[FileResult], out: TextIO, *, color: bool = False, show_source: bool = False,
           lines: dict[str, list[str]] | None = None, **_: object) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, width=200 if not color else None)
    for r in results:
        shown = [f for f in r.findings]
        if not shown and not r.next_due:
            continue
        console.print(f"[bold]{escape(r.file)}[/bold]  [dim](profile: {escape(r.profile or '?')})[/dim]")
        for f in shown:
            _print_finding(console, f, escape, show_source, (lines or {}).get(r.file))
        if not r.content_checked:
            console.print("  [dim]content rules were not run: fix the problems above first[/dim]")
        if r.next_due:
            console.print("  [bold]next due[/bold]")
            for when, what in r.next_due:
                console.print(f"    {escape(when)}  {escape(what)}")
        console.print()
    c = counts(results)
    files_with = sum(1 for r in results if r.active())
    parts = [f"{c['error']} error{'s' if c['error'] != 1 else ''}",
             f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}",
             f"{c['info']} info"]
    waived = f", {c['waived']} waived" if c["waived"] else ""
    mark = "[bold red]✗[/bold red]" if c["error"] else ("[yellow]![/yellow]" if c["warning"] else "[green]✓[/green]")
    console.print(f"{mark} {len(results)} plan{'s' if len(results) != 1 else ''} checked: "
                  f"{', '.join(parts)}{waived} in {files_with} plan{'s' if files_with != 1 else ''}")


def _print_finding(console, f: Finding, escape, show_source: bool, lines: list[str] | None) -> None:
    style = _STYLE.get(f.level, "")
    level = f"waived" if f.waived else f.level
    where = f"{f.file}:{f.line}:{f.col}"
    console.print(f"  {escape(where)}  [{style}]{level:<7}[/{style}] [bold]{f.code}[/bold] "
                  f"{escape(f.message)}")
    if f.detail:
        console.print(f"      [dim]when:[/dim] {escape(f.detail)}")
    why = _why(f)
    if why:
        console.print(f"      [dim]why:[/dim] {escape(why)}")
    if f.fix:
        console.print(f"      [dim]fix:[/dim] {escape(f.fix)}")
    if show_source and lines and 0 < f.line <= len(lines):
        console.print(f"      [dim]{f.line:>4} |[/dim] {escape(lines[f.line - 1])}")


def _why(f: Finding) -> str:
    req = ", ".join(f.requirements)
    src = "; ".join(f.sources)
    if req and src:
        return f"{req} ({src})"
    return req or src
