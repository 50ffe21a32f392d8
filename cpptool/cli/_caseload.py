"""What `cpptool due` and `cpptool report` share: read a caseload once, and write an output safely."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

PROGRESS_MIN_FILES = 20  # as for check: a progress bar in a terminal for more plans than this


def as_of_date(text: Optional[str]):
    """--as-of as a date (default today), or a one-line error."""
    import datetime as dt

    if text is None:
        return dt.date.today()
    from cpptool.core.calendar import parse_date

    return parse_date(text, what="--as-of")


def find_plans(paths: list[Path], *, config: Optional[Path]) -> list[tuple[Path, str]]:
    """The plan files under `paths`, as (path, name to show)."""
    from cpptool.core.engine import discover
    from cpptool.core.errors import CpptoolError
    from cpptool.core.resolve import reset_caches

    if config is not None and not config.is_file():
        raise CpptoolError(f"configuration file not found: {config}")
    reset_caches()
    return discover(paths)


def read_caseload(files: list[tuple[Path, str]], *, as_of, profile: Optional[str],
                  config: Optional[Path]) -> Iterator[Any]:
    """engine.check_plan for each plan, one at a time: each plan is read and checked once, and the
    caller keeps only what it needs from it (holding 1,000 parsed plans at once slows Python down)."""
    from cpptool.core.engine import CheckOptions, check_plan

    opts = CheckOptions(config_file=config, profile=profile, as_of=as_of)
    with _progress(len(files)) as step:
        for file, shown in files:
            yield check_plan(file, shown, opts)
            step()


def _progress(total: int):
    """A transient progress bar on stderr for many plans in a terminal; never in CI."""
    import contextlib

    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    if total <= PROGRESS_MIN_FILES or ci or not sys.stderr.isatty():
        return contextlib.nullcontext(lambda: None)

    @contextlib.contextmanager
    def bar():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("reading plans"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(file=sys.stderr), transient=True) as progress:
            task = progress.add_task("read", total=total)
            yield lambda: progress.advance(task)

    return bar()


def warn_unreadable(files: list[str]) -> None:
    if files:
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        print(f"cpptool: warning: {len(files)} file{'s' if len(files) != 1 else ''} could not be read as a plan "
              f"and {'are' if len(files) != 1 else 'is'} left out (run cpptool check): {shown}", file=sys.stderr)


def check_destination(dest: Optional[Path], files: list[tuple[Path, str]], *, force: bool, option: str) -> None:
    """Before anything is written: never over a plan being read, never over a folder, and over
    another existing file only with --force. A device or pipe (/dev/null) is written into."""
    from cpptool.core.errors import CpptoolError
    from cpptool.core.files import exists

    if dest is None:
        return
    if dest.is_dir():
        raise CpptoolError(f"{option} {dest} is a folder; give a file name")
    if any(Path(file).resolve() == dest.resolve() for file, _ in files):
        raise CpptoolError(f"{option} {dest} is one of the plans being read; choose another file")
    if exists(dest) and not force and _replaceable(dest):
        raise CpptoolError(f"{option} {dest} already exists; use --force to replace it, or choose another file")


def _replaceable(dest: Path) -> bool:
    return dest.is_symlink() or dest.is_file() or not dest.exists()


def destination(text: Optional[str]) -> Optional[Path]:
    """An output argument: None for standard output ('-')."""
    return None if text in (None, "-") else Path(text)


def write(dest: Optional[Path], data: str | bytes, *, force: bool) -> None:
    """To standard output, or to the file, written whole through core/files."""
    from cpptool.core.files import atomic_write_bytes

    if dest is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        sys.stdout.flush()
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    atomic_write_bytes(dest, raw, force=force or not _replaceable(dest))
