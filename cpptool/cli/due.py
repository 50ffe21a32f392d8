"""`cpptool due PATH...`: every upcoming and overdue date across a caseload, for the team."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from cpptool.cli._caseload import JOBS_HELP, NO_CACHE_HELP


def due(
    paths: List[Path] = typer.Argument(..., metavar="PATH", show_default=False,
                                       help="Plan files, or folders to search for plans."),
    by: str = typer.Option("worker", "--by", metavar="worker|plan|kind",
                           help="Group by lead social worker (default), plan or kind of date."),
    within: Optional[int] = typer.Option(None, "--within", metavar="N",
                                         help="Only dates within N working days of --as-of (each plan's calendar); "
                                              "overdue dates are always kept."),
    worker: Optional[List[str]] = typer.Option(None, "--worker", metavar="ID",
                                               help="Only plans whose lead social worker is this core group member "
                                                    "id (repeatable)."),
    overdue: bool = typer.Option(False, "--overdue", help="Only dates already passed."),
    as_of: Optional[str] = typer.Option(None, "--as-of", envvar="CPPTOOL_AS_OF", show_envvar=True, metavar="DATE",
                                        help="Judge what is due and overdue as of this date (default today)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="text|csv|json",
                                         help="text (default), csv or json."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE",
                                         help="Write the list to FILE instead of standard output."),
    ics: Optional[str] = typer.Option(None, "--ics", metavar="FILE",
                                      help="Write the dates as an iCalendar file (all-day events) for Outlook or "
                                           "Google Calendar; importing a newer file updates the events."),
    names: bool = typer.Option(False, "--names", help="Show the child's and the lead social worker's names."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --output or --ics file."),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="NAME|PATH",
                                          help="Use this profile (name or path) for every plan."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Use this cpptool.yaml instead of searching."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, show_default=False, metavar="N", help=JOBS_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """List every upcoming and overdue date across plans: lead social worker visits, core
    groups, review conferences, circulation of minutes and return of signed copies, actions,
    assessments, risk assessments and 18th birthdays. Sorted by date and grouped by lead
    social worker (or --by plan or kind).

    The output holds dates from the plans: it is for the team's own machine, not for CI logs or
    anywhere else. Plans are named by file and lead workers by their core group id; names appear
    only with --names.

    Example:

        cpptool due plans/ --within 10 --as-of 2026-11-23

        cpptool due plans/cp-2026-0412.yaml plans/cp-2026-0413.yaml --format csv -o due.csv

        cpptool due plans/ --worker sw --ics team-dates.ics

    With --ics and neither --format nor --output, only the calendar file is written.
    Exit codes: 0 listed; 2 a usage error, a bad date or a missing path.
    """
    from cpptool.cli import _caseload
    from cpptool.core.caseload import GROUPINGS, DueFilter
    from cpptool.core.caseload_run import due as due_dates
    from cpptool.core.errors import CpptoolError
    from cpptool.reporters.due_listing import FORMATS, listing

    if by not in GROUPINGS:
        raise CpptoolError(f"--by must be one of: {', '.join(GROUPINGS)}")
    if format is not None and format not in FORMATS:
        raise CpptoolError(f"unknown format '{format}'; choose one of: {', '.join(FORMATS)}")
    flt = DueFilter(within=within, workers=tuple(worker or ()), overdue_only=overdue)
    day = _caseload.as_of_date(as_of)
    out, cal = _caseload.destination(output), _caseload.destination(ics)
    if ics is not None and cal is None:
        raise CpptoolError("--ics needs a file name (the calendar is not printed)")
    if out is not None and cal is not None and os.path.realpath(out) == os.path.realpath(cal):
        raise CpptoolError("--output and --ics name the same file; give each its own")
    files = _caseload.find_plans(paths, config=config)
    for dest, option in ((out, "--output"), (cal, "--ics")):
        _caseload.check_destination(dest, files, force=force, option=option)
    plans = _caseload.read_caseload(files, as_of=day, profile=profile, config=config, jobs=jobs, cache=not no_cache,
                                    names=names)
    items, unreadable = due_dates(plans, day, flt)
    read = len(files) - len(unreadable)
    if files and not read:
        raise CpptoolError(f"no plan could be read ({len(files)} file{'s' if len(files) != 1 else ''}), so nothing "
                           "can be listed; run `cpptool check` on them to see why")
    _caseload.warn_unreadable(unreadable)
    if cal is not None:
        from cpptool.reporters.due_ics import calendar_bytes

        _caseload.write(cal, calendar_bytes(items, as_of=day, names=names), force=force)
        print(f"cpptool: wrote {cal} ({len(items)} event{'s' if len(items) != 1 else ''})", file=sys.stderr)
        if output is None and format is None:
            raise typer.Exit(0)
    text = listing(format or "text", items, by=by, as_of=day, plans=read, names=names)
    _caseload.write(out, text, force=force)
    raise typer.Exit(0)
