"""`cpptool check PATH...`: lint plans against their procedure profile."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from cpptool.core.workers import PARALLEL_MIN_FILES
from cpptool.reporters import FORMATS

PROGRESS_MIN_FILES = 20  # show a progress bar in a terminal when checking more plans than this


def check(
    paths: List[Path] = typer.Argument(..., metavar="PATH", help="Plan files, or folders to search for plans.",
                                       show_default=False),
    format: Optional[List[str]] = typer.Option(
        None, "--format", "-f", show_default=False, metavar="FORMAT",
        help=f"Output format: {', '.join(FORMATS)}. Repeat for several reports "
             "(default: text, or github when GITHUB_ACTIONS=true)."),
    output: Optional[List[str]] = typer.Option(
        None, "--output", "-o", show_default=False, metavar="FILE",
        help="Write a report to this file; the Nth --output goes with the Nth --format "
             "('-' for standard output)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Use this cpptool.yaml instead of searching."),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="NAME",
                                          help="Check against this profile (name or path)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", envvar="CPPTOOL_AS_OF", show_envvar=True, metavar="DATE",
                                        help="Judge due dates as of this date (default today)."),
    fail_level: Optional[str] = typer.Option(None, "--fail-level", metavar="LEVEL",
                                             help="Exit 1 on findings at or above: error, warning, info."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings (2 still means misuse)."),
    statistics: bool = typer.Option(False, "--statistics",
                                    help="Print the number of findings for each rule, most frequent first."),
    show_source: bool = typer.Option(False, "--show-source", help="Text format: show each finding's line."),
    plans_only: bool = typer.Option(False, "--plans-only",
                                    help="Skip named files that are not plans (for pre-commit, which passes every YAML file)."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour the text report."),
    force: bool = typer.Option(False, "--force",
                               help="Let --output replace an existing file that is not an earlier cpptool report."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, show_default=False, metavar="N",
        help=f"Check plans in N processes (default: one per processor for more than "
             f"{PARALLEL_MIN_FILES} plans, else 1)."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Check every plan again: neither read nor write the cache "
                                  "(also CPPTOOL_NO_CACHE=1)."),
) -> None:
    """Check plans against their procedure profile.

    Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
    2 usage or configuration errors, or a path that cannot be read. A folder with no plans
    in it is said on stderr (exit 0). Colour follows NO_COLOR and FORCE_COLOR.

    Examples:

      cpptool check plans/

      cpptool check --as-of 23/11/2026 --fail-level warning plans/cp-2026-0412.yaml

      cpptool check --format sarif --output reports/cpptool.sarif --format github plans/
    """
    from cpptool.core.engine import CheckOptions
    from cpptool.core.errors import CpptoolError
    from cpptool.core.findings import LEVELS

    if fail_level is not None and fail_level not in LEVELS:
        raise CpptoolError(f"--fail-level must be one of: {', '.join(LEVELS)}")
    if config is not None and not config.is_file():
        raise CpptoolError(f"configuration file not found: {config}")
    targets = _targets(list(format or []), list(output or []), statistics)
    opts = CheckOptions(config_file=config, profile=profile, as_of=_as_of(as_of), plans_only=plans_only,
                        fail_level=fail_level, jobs=jobs, cache=not no_cache)
    results = _run(paths, opts)
    _say_empty_folders(paths, results)
    _refuse_plan_outputs(targets, results, force=force)
    _write_reports(targets, results, color=color, show_source=show_source)
    if any(fmt == "github" for fmt, _ in targets):
        _write_step_summary(results)
    if statistics:
        from cpptool.reporters import format_statistics

        sys.stdout.write(format_statistics(results))
        sys.stdout.flush()
    failed = any(r.failed() for r in results)
    raise typer.Exit(1 if failed and not exit_zero else 0)


def _as_of(text: Optional[str]):
    if text is None:
        return None
    from cpptool.core.calendar import parse_date

    return parse_date(text, what="--as-of")


def _refuse_plan_outputs(targets, results, *, force: bool) -> None:
    """A report never replaces a plan or any other YAML file (a config, closures, a workflow), and
    replaces another existing file only when it is an earlier report or --force is given."""
    from cpptool.core.errors import CpptoolError
    from cpptool.core.files import refuse_over_plans

    for _, dest in targets:
        if dest is None:
            continue
        refuse_over_plans(dest, (r.file for r in results), option="--output", reading="checked")
        if not os.path.isfile(dest):
            continue  # a new file, or a device or pipe that is written into
        if not force and not _earlier_report(dest):
            raise CpptoolError(f"--output {dest} already exists and is not a cpptool report; "
                               "use --force to replace it, or choose another file name")


def _earlier_report(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return not head.strip() or any(mark in head for mark in (b"cpptool", b"CPP-", b"plan checked", b"plans checked"))


def _write_reports(targets, results, *, color: Optional[bool], show_source: bool) -> None:
    from cpptool.core.files import atomic_write_text

    lines = None
    if show_source and any(fmt == "text" for fmt, _ in targets):
        lines = {r.file: _read_lines(r.file) for r in results if r.findings}
    # Files first, so that a file that cannot be written stops the run before anything is printed.
    for fmt, dest in sorted(targets, key=lambda t: t[1] is None):
        if dest is not None:
            atomic_write_text(dest, _render(fmt, results, color=False, show_source=show_source, lines=lines),
                              make_parents=True)
        else:
            from cpptool.reporters import get

            # Written as it is made: a report on thousands of plans is never held whole.
            use_color = _use_color(color)
            get(fmt).report(results, sys.stdout, color=use_color, show_source=show_source, lines=lines)


def _use_color(flag: Optional[bool]) -> bool:
    """--color/--no-color, else NO_COLOR (off) and FORCE_COLOR (on), else only in a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _say_empty_folders(paths: List[Path], results) -> None:
    """A folder with no plans in it is not an error (a new repository has none yet); say so."""
    found = [Path(r.file).resolve() for r in results]
    for path in paths:
        if path.is_dir():
            folder = path.resolve()
            if not any(folder == f or folder in f.parents for f in found):
                shown = str(path) if str(path).endswith(("/", os.sep)) else f"{path}{os.sep}"
                print(f"cpptool: no plans found in {shown}", file=sys.stderr)


def _targets(formats: list[str], outputs: list[str], statistics: bool) -> list[tuple[str, Optional[Path]]]:
    """Pair the Nth --output with the Nth --format; a format without one goes to standard output."""
    from cpptool.core.errors import CpptoolError

    for fmt in formats:
        if fmt not in FORMATS:
            raise CpptoolError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    explicit = bool(formats)
    if not formats:
        formats = ["github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"]
    if len(outputs) > len(formats):
        raise CpptoolError(f"each --output needs its own --format, but there are {len(outputs)} --output "
                           f"and {len(formats) if explicit else 0} --format (the Nth --output is the file "
                           "for the Nth --format)")
    pairs: list[tuple[str, Optional[Path]]] = []
    for i, fmt in enumerate(formats):
        dest = outputs[i] if i < len(outputs) else "-"
        pairs.append((fmt, None if dest == "-" else Path(dest)))
    to_stdout = [fmt for fmt, dest in pairs if dest is None]
    if len(to_stdout) > 1:
        raise CpptoolError(f"only one report can go to standard output, but {len(to_stdout)} formats "
                           f"({', '.join(to_stdout)}) have no --output; give all but one an --output FILE")
    files = [os.path.realpath(dest) for _, dest in pairs if dest is not None]  # (a link loop too)
    if len(set(files)) < len(files):
        raise CpptoolError("two reports would be written to the same --output file; give each its own")
    if statistics and to_stdout:
        if not explicit:
            return [(fmt, dest) for fmt, dest in pairs if dest is not None]  # the table replaces the report
        from cpptool.reporters import is_document

        if is_document(to_stdout[0]):
            raise CpptoolError(f"--statistics prints a table to standard output, which would spoil the "
                               f"{to_stdout[0]} report; write that report to a file with --output")
    return pairs


def _render(fmt: str, results, **options) -> str:
    import io

    from cpptool.reporters import get

    buf = io.StringIO()
    get(fmt).report(results, buf, **options)
    return buf.getvalue()


def _write_step_summary(results) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY (GitHub Actions sets it per step)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from cpptool.reporters.github_report import summary

    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(summary(results))
    except OSError as err:
        print(f"cpptool: warning: cannot write the step summary to {target}: "
              f"{err.strerror or type(err).__name__}", file=sys.stderr)


def _in_ci() -> bool:
    value = os.environ.get("CI", "").strip().lower()
    return value not in ("", "0", "false", "no") or os.environ.get("GITHUB_ACTIONS") == "true"


def _run(paths: List[Path], opts):
    """Check the plans; in a terminal (never in CI) show a progress bar on stderr for many plans."""
    import contextlib

    from cpptool.core import engine

    if _in_ci() or not sys.stderr.isatty():
        return engine.check_paths(paths, opts, warn=_warn)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with contextlib.ExitStack() as stack:
        def start(total: int):
            if total <= PROGRESS_MIN_FILES:
                return None
            columns = (TextColumn("checking plans"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            bar = stack.enter_context(Progress(*columns, console=Console(file=sys.stderr), transient=True))
            task = bar.add_task("check", total=total)
            return lambda: bar.advance(task)

        return engine.check_paths(paths, opts, progress=start, warn=_warn)


def _warn(note: str) -> None:
    print(f"cpptool: warning: {note}", file=sys.stderr)


def _read_lines(file: str) -> list[str]:
    try:
        return Path(file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
