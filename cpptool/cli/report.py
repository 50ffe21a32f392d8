"""`cpptool report PATH... -o report.html`: one page on a caseload for a team manager or quality team."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cpptool.cli._caseload import JOBS_HELP, NO_CACHE_HELP


def report(
    paths: List[Path] = typer.Argument(..., metavar="PATH", show_default=False,
                                       help="Plan files, or folders to search for plans."),
    output: str = typer.Option(..., "--output", "-o", metavar="FILE",
                               help="Write the page to FILE, e.g. report.html ('-' for standard output)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", envvar="CPPTOOL_AS_OF", show_envvar=True, metavar="DATE",
                                        help="Judge what is late and overdue as of this date (default today)."),
    names: bool = typer.Option(False, "--names", help="Show the children's and lead social workers' names."),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="NAME|PATH",
                                          help="Use this profile (name or path) for every plan."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Use this cpptool.yaml instead of searching."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, show_default=False, metavar="N", help=JOBS_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Write one self-contained HTML page, marked OFFICIAL-SENSITIVE, for a team manager or quality
    team: plans checked and how many are clean, findings by requirement and by rule, overdue dates
    by lead social worker, plans ranked by open errors, and each plan's timeline with late items
    marked. It needs no network: no scripts, fonts or images are fetched; charts are inline SVG
    with the same numbers in tables.

    The page holds dates and findings from the plans: keep it on the team's own machines. Plans
    are named by file; names appear only with --names.

    Example:

        cpptool report plans/ -o report.html --as-of 2026-11-23

        cpptool report plans/cp-2026-0412.yaml plans/cp-2026-0413.yaml -o two-plans.html

    Exit codes: 0 written; 2 a usage error, a bad date, a missing path or an existing FILE
    without --force.
    """
    from cpptool import __version__
    from cpptool.cli import _caseload
    from cpptool.core.caseload_run import report_page

    day = _caseload.as_of_date(as_of)
    dest = _caseload.destination(output)
    files = _caseload.find_plans(paths, config=config)
    _caseload.check_destination(dest, files, force=force, option="--output")
    plans = _caseload.read_caseload(files, as_of=day, profile=profile, config=config, jobs=jobs, cache=not no_cache,
                                    names=names, report=True)
    page = report_page(plans, day, names=names, version=__version__)
    _caseload.write(dest, page, force=force)
    if dest is not None:
        print(f"cpptool: wrote {dest} ({len(files)} plan{'s' if len(files) != 1 else ''})", file=sys.stderr)
    raise typer.Exit(0)
