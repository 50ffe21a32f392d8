"""What `cpptool due` and `cpptool report` share: read a caseload once, and write an output safely."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

from cpptool.core.workers import PARALLEL_MIN_FILES

PROGRESS_MIN_FILES = 20  # as for check: a progress bar in a terminal for more plans than this
JOBS_HELP = (f"Read plans in N processes (default: one per processor for more than {PARALLEL_MIN_FILES} plans, "
             "else 1).")
NO_CACHE_HELP = ("Read every plan again: neither read nor write the check cache (also CPPTOOL_NO_CACHE=1). "
                 "With --names plans are always read: names are never cached.")


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


def read_caseload(files: list[tuple[Path, str]], *, as_of, profile: Optional[str], config: Optional[Path],
                  jobs: Optional[int] = None, cache: bool = True, names: bool = False,
                  report: bool = False) -> list[Any]:
    """Each plan checked once (in worker processes when there are many) or taken from the check
    cache, as core/caseload_run's CaseloadPlans, in order; in a terminal (never in CI) with a
    progress bar on stderr for many plans."""
    import contextlib

    from cpptool.core.caseload_run import read_caseload as read
    from cpptool.core.engine import CheckOptions

    opts = CheckOptions(config_file=config, profile=profile, as_of=as_of, jobs=jobs, cache=cache)
    with contextlib.ExitStack() as stack:
        def start(total: int):
            if not _show_progress(total):
                return None
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("reading plans"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            bar = stack.enter_context(Progress(*columns, console=Console(file=sys.stderr), transient=True))
            task = bar.add_task("read", total=total)
            return lambda: bar.advance(task)

        # No progress function at all outside a terminal: given one, the workers are started at
        # once (forked before the bar's thread), even when every plan comes from the cache.
        return read(files, opts, names=names, report=report, progress=start if _terminal() else None, warn=_warn)


def _show_progress(total: int) -> bool:
    """A transient progress bar on stderr for many plans in a terminal; never in CI."""
    return total > PROGRESS_MIN_FILES and _terminal()


def _terminal() -> bool:
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return not ci and sys.stderr.isatty()


def _warn(note: str) -> None:
    print(f"cpptool: warning: {note}", file=sys.stderr)


def warn_unreadable(files: list[str]) -> None:
    if files:
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        print(f"cpptool: warning: {len(files)} file{'s' if len(files) != 1 else ''} could not be read as a plan "
              f"and {'are' if len(files) != 1 else 'is'} left out (run cpptool check): {shown}", file=sys.stderr)


def check_destination(dest: Optional[Path], files: list[tuple[Path, str]], *, force: bool, option: str) -> None:
    """Before anything is written: never over a plan being read, never over a folder, and over
    another existing file only with --force. A device or pipe (/dev/null) is written into."""
    from cpptool.core.errors import CpptoolError
    from cpptool.core.files import exists, refuse_over_plans

    if dest is None:
        return
    if dest.is_dir():
        raise CpptoolError(f"{option} {dest} is a folder; give a file name")
    refuse_over_plans(dest, (file for file, _ in files), option=option)
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
