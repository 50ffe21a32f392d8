"""The text report is built as plain text; it must print exactly what rich printed without colour."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cpptool.core.findings import FileResult, Finding
from cpptool.reporters import counts, text_report

# Text that exercises what rich treats specially: markup-like brackets, backslashes, control
# characters, tabs, newlines and wide characters. Some things rich did are left out on purpose,
# because they changed what the plan says: it replaced :emoji: codes, dropped the backslash of
# "\[", doubled a backslash at the end of a text, and swallowed "[...]" pieced together from two
# texts (a lone "[" in one and "]" in the next).
PIECES = list("ab /\\\t\n\r\x07\x08\x0b\x0c\x1b=#@ 日é✓") + ["[bold]", "[/]", "[a]", "[#f00]", "[@x]", "[/bold]", "[]"]
TEXT = (st.lists(st.sampled_from(PIECES), max_size=20).map("".join)
        .filter(lambda t: "\\[" not in t and not t.endswith("\\")))


def _rich_report(results, show_source=False, lines=None) -> str:
    """The report as it was printed through rich's console before (colour off, emoji off)."""
    from rich.console import Console
    from rich.markup import escape

    out = io.StringIO()
    console = Console(file=out, force_terminal=False, no_color=True, highlight=False, soft_wrap=True,
                      width=200, emoji=False)
    for r in results:
        if not r.findings and not r.next_due:
            continue
        console.print(f"[bold]{escape(r.file)}[/bold]  [dim](profile: {escape(r.profile or '?')})[/dim]")
        for f in r.findings:
            style = text_report._STYLE.get(f.level, "")
            level = "waived" if f.waived else f.level
            console.print(f"  {escape(f'{f.file}:{f.line}:{f.col}')}  [{style}]{level:<7}[/{style}] "
                          f"[bold]{f.code}[/bold] {escape(f.message)}")
            if f.detail:
                console.print(f"      [dim]when:[/dim] {escape(f.detail)}")
            why = text_report._why(f)
            if why:
                console.print(f"      [dim]why:[/dim] {escape(why)}")
            if f.fix:
                console.print(f"      [dim]fix:[/dim] {escape(f.fix)}")
            src = (lines or {}).get(r.file)
            if show_source and src and 0 < f.line <= len(src):
                console.print(f"      [dim]{f.line:>4} |[/dim] {escape(src[f.line - 1])}")
        if not r.content_checked:
            console.print("  [dim]content rules were not run: fix the problems above first[/dim]")
        if r.next_due:
            console.print("  [bold]next due[/bold]")
            for when, what in r.next_due:
                console.print(f"    {escape(when)}  {escape(what)}")
        console.print()
    c = counts(results)
    console.print(f"{c['error']} / {len(results)}")  # the summary line is compared on its own below
    return out.getvalue()


def _fast_report(results, show_source=False, lines=None) -> str:
    out = io.StringIO()
    text_report.report(results, out, show_source=show_source, lines=lines)
    return out.getvalue()


@st.composite
def results(draw):
    name = draw(TEXT) or "plan.yaml"
    findings = [
        Finding(code="CPP-Q001", name="n", level=draw(st.sampled_from(["error", "warning", "info"])),
                message=draw(TEXT), file=name, line=draw(st.integers(1, 3)), col=1, path="",
                requirements=tuple(draw(st.lists(TEXT, max_size=2))), sources=tuple(draw(st.lists(TEXT, max_size=2))),
                fix=draw(TEXT), detail=draw(TEXT), waived_by=draw(st.none() | TEXT))
        for _ in range(draw(st.integers(0, 3)))
    ]
    due = draw(st.lists(st.tuples(TEXT, TEXT), max_size=2))
    return [FileResult(file=name, findings=findings, profile=draw(st.none() | TEXT), next_due=due,
                       content_checked=draw(st.booleans()))], {name: draw(st.lists(TEXT, min_size=3, max_size=3))}


@settings(max_examples=300, deadline=None)
@given(results())
def test_plain_text_is_what_rich_printed(case):
    found, lines = case
    expected = _rich_report(found, True, lines).splitlines(keepends=True)
    actual = _fast_report(found, True, lines).splitlines(keepends=True)
    assert actual[:-1] == expected[:-1]  # everything but the summary line


def test_summary_line():
    ok = FileResult(file="a.yaml")
    assert _fast_report([ok]) == "✓ 1 plan checked: no findings\n"


def test_tabs_expand_to_eight_column_stops():
    assert text_report._clean("ab\tc\t\td") == "ab      c               d"
    assert text_report._clean("日\tx") == "日      x"  # a wide character takes two columns
    assert text_report._clean("a\rb\x07") == "ab"


def test_colour_only_when_asked():
    f = Finding(code="CPP-Q001", name="n", level="error", message="m [x]", file="p.yaml", line=1, col=1, path="")
    out = io.StringIO()
    text_report.report([FileResult(file="p.yaml", findings=[f])], out, color=True)
    assert "\x1b[" in out.getvalue() and "m [x]" in out.getvalue()
    assert "\x1b[" not in _fast_report([FileResult(file="p.yaml", findings=[f])])
