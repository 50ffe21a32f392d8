"""`cpptool check PATH...`: lint plans against their procedure profile."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

FORMATS = ["text", "json"]
LEVELS = ["error", "warning", "info"]


def check(
    paths: List[Path] = typer.Argument(..., help="Plan files, or folders to search for plans.", show_default=False),
    format: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this cpptool.yaml instead of searching."),
    profile: Optional[str] = typer.Option(None, "--profile", help="Check against this profile (name or path)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge due dates as of this date (default today)."),
    fail_level: Optional[str] = typer.Option(None, "--fail-level",
                                             help="Exit 1 on findings at or above: error, warning, info."),
    show_source: bool = typer.Option(False, "--show-source", help="Text format: show each finding's line."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour the text report."),
) -> None:
    """Check plans against their procedure profile.

    Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
    2 usage or configuration errors, or a path that cannot be read.
    """
    from cpptool.core.engine import CheckOptions, check_paths
    from cpptool.core.errors import CpptoolError
    from cpptool.core.findings import level_rank

    if format not in FORMATS:
        raise CpptoolError(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    if fail_level is not None and fail_level not in LEVELS:
        raise CpptoolError(f"--fail-level must be one of: {', '.join(LEVELS)}")
    if config is not None and not config.is_file():
        raise CpptoolError(f"configuration file not found: {config}")
    day = None
    if as_of is not None:
        from cpptool.core.calendar import parse_date

        day = parse_date(as_of, what="--as-of")
    opts = CheckOptions(config_file=config, profile=profile, as_of=day)
    results = check_paths(paths, opts)
    level = fail_level or _configured_fail_level(config, paths) or "error"

    from cpptool.reporters import get

    reporter = get(format)
    lines = None
    if show_source and format == "text":
        lines = {r.file: _read_lines(r.file) for r in results if r.findings}
    if output is not None:
        import io

        from cpptool.cli._io import atomic_write_text

        if any(Path(r.file).resolve() == output.resolve() for r in results):
            raise CpptoolError(f"--output {output} is one of the plans being checked; choose another file")

        buf = io.StringIO()
        reporter.report(results, buf, color=False, show_source=show_source, lines=lines)
        atomic_write_text(output, buf.getvalue())
    else:
        import sys

        use_color = sys.stdout.isatty() if color is None else color
        reporter.report(results, sys.stdout, color=use_color, show_source=show_source, lines=lines)
    threshold = level_rank(level)
    failed = any(level_rank(f.level) >= threshold for r in results for f in r.active())
    raise typer.Exit(1 if failed else 0)


def _configured_fail_level(config: Optional[Path], paths: List[Path]) -> Optional[str]:
    from cpptool.core.config import find_config, load_config

    file = config.resolve() if config else (find_config(Path(paths[0])) if paths else None)
    return load_config(file).fail_level if file else None


def _read_lines(file: str) -> list[str]:
    try:
        return Path(file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
