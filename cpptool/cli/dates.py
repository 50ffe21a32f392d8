"""`cpptool dates ...` and `cpptool calendar ...`: a thin layer over cpptool.core.calendar.

Scriptable output: the first line of stdout is the answer; notes and warnings go to stderr;
`--json` prints one JSON object with the full result instead.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

dates_app = typer.Typer(
    help="Work out deadlines in working days, days, weeks or months, skipping bank holidays.",
    no_args_is_help=True,
)
calendar_app = typer.Typer(
    help="The bank holiday calendars: list them, or update them from a GOV.UK download.",
    no_args_is_help=True,
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_CALENDAR_HELP = "Bank holiday calendar: england-and-wales, scotland, northern-ireland or jersey."
_CLOSURES_HELP = "A YAML file of local office closure days to treat as non-working days."
_JSON_HELP = "Print one JSON object with the full result."


def default_calendar() -> str:
    """The calendar used when --calendar is not given: the configured profile's, or england-and-wales."""
    return _calendar(None, None).name


def _today() -> date:
    # A function of its own so tests can pin "today".
    return date.today()


def _calendar(name: Optional[str], closures: Optional[Path]) -> Any:
    """--calendar and --closures, else those of the cpptool.yaml found from the current folder."""
    from cpptool.core.resolve import resolve

    return resolve(None, calendar=name, closures=closures, rules=False).calendar


def _warn_coverage(cal: Any) -> Optional[str]:
    from cpptool.core.calendar import coverage_warning

    warning = coverage_warning(cal, _today())
    if warning:
        typer.echo(f"cpptool: warning: {warning}", err=True)
    return warning


def _day(d: date) -> str:
    from cpptool.core.deadlines import day_text

    return day_text(d)


def _skipped_line(nwd: Any) -> str:
    label = "weekend" if nwd.source == "weekend" else f"{nwd.name} ({nwd.source_label})"
    return f"{nwd.date.isoformat()} {_WEEKDAYS[nwd.date.weekday()]}  {label}"


def _nwd_json(nwd: Any) -> dict[str, str]:
    return {
        "date": nwd.date.isoformat(),
        "weekday": _WEEKDAYS[nwd.date.weekday()],
        "name": nwd.name,
        "source": nwd.source,
    }


def _print_json(obj: dict[str, Any]) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@dates_app.command(
    "add",
)
def add(
    start: str = typer.Argument(..., metavar="START", help="The date to count from, as YYYY-MM-DD or DD/MM/YYYY.",
                                show_default=False),
    n: int = typer.Argument(..., metavar="N", help="How many units to add (0 or more).", show_default=False),
    unit: str = typer.Option("working-days", "--unit", "-u", metavar="UNIT", help="working-days, days, weeks or months."),
    roll: str = typer.Option(
        "previous", "--roll", metavar="ROLL",
        help="If a days/weeks/months deadline is not a working day: previous, next or none.",
    ),
    counting: str = typer.Option(
        "exclusive", "--counting", metavar="COUNTING",
        help="exclusive: the start date is day 0; inclusive: a working start date is day 1.",
    ),
    explain: bool = typer.Option(False, "--explain", help="Show each non-working day skipped and why."),
    calendar: Optional[str] = typer.Option(None, "--calendar", "-c", metavar="NAME", help=_CALENDAR_HELP),
    closures: Optional[Path] = typer.Option(None, "--closures", metavar="FILE", help=_CLOSURES_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """Print the date N working days (or days, weeks, months) after START.

    Examples:

      cpptool dates add 2023-04-28 10          (prints 2023-05-16)

      cpptool dates add 23/11/2026 3 --unit months --explain
    """
    from cpptool.core.calendar import parse_date

    day = parse_date(start, "start date")
    cal = _calendar(calendar, closures)
    ex = cal.explain(day, n, unit, roll, counting=counting)
    warning = _warn_coverage(cal)
    if as_json:
        _print_json({
            "calendar": ex.calendar,
            "closures": str(ex.closures_file) if ex.closures_file else None,
            "start": ex.start.isoformat(),
            "n": ex.n,
            "unit": ex.unit,
            "counting": ex.counting,
            "roll": ex.roll,
            "result": ex.result.isoformat(),
            "result_weekday": _WEEKDAYS[ex.result.weekday()],
            "result_is_working_day": ex.result_is_working_day,
            "rolled_from": ex.rolled_from.isoformat() if ex.rolled_from else None,
            "skipped": [_nwd_json(s) for s in ex.skipped],
            "provisional": ex.provisional,
            "provisional_reason": ex.provisional_reason,
            "coverage": list(cal.coverage) if cal.coverage else None,
            "coverage_warning": warning,
        })
        return
    typer.echo(ex.result.isoformat())
    if explain:
        for line in _explain_lines(ex):
            typer.echo(f"  {line}")
    elif not ex.result_is_working_day:
        typer.echo(f"cpptool: note: {_day(ex.result)} is not a working day (--roll none)", err=True)
    if ex.provisional:
        typer.echo(f"cpptool: provisional: {ex.provisional_reason}", err=True)


def _explain_lines(ex: Any) -> list[str]:
    from cpptool.core.calendar import units_text

    where = ex.calendar + (f", with closures from {ex.closures_file}" if ex.closures_file else "")
    units = units_text(ex.n, ex.unit)
    raw = ex.rolled_from or ex.result
    lines = []
    if ex.unit == "working-days" and ex.n > 0:
        how = (
            "counting the start date as day 1 if it is a working day"
            if ex.counting == "inclusive"
            else "counting from the day after"
        )
        lines.append(f"{units} after {_day(ex.start)}, {how} ({where})")
    elif ex.n == 0:
        lines.append(f"{units} after {_day(ex.start)}: the start date itself ({where})")
    else:
        lines.append(f"{units} after {_day(ex.start)} is {_day(raw)} ({where})")
        if ex.unit == "months" and raw.day != ex.start.day:
            lines.append(f"(that month has no day {ex.start.day}, so its last day is used)")
    if ex.rolled_from:
        direction = "back to the previous" if ex.result < ex.rolled_from else "forward to the next"
        lines.append(f"{_day(ex.rolled_from)} is not a working day, so the date moves {direction} working day")
    for nwd in ex.skipped:
        lines.append(f"skipped {_skipped_line(nwd)}")
    if not ex.result_is_working_day:
        lines.append(f"{_day(ex.result)} is not a working day, but --roll none keeps it")
    lines.append(f"due     {_day(ex.result)}")
    if ex.provisional:
        lines.append("provisional (see the note on stderr)")
    return lines


@dates_app.command("between")
def between(
    start: str = typer.Argument(..., metavar="START", help="The first date, as YYYY-MM-DD or DD/MM/YYYY.",
                                show_default=False),
    end: str = typer.Argument(..., metavar="END", help="The second date, as YYYY-MM-DD or DD/MM/YYYY.",
                              show_default=False),
    counting: str = typer.Option(
        "exclusive", "--counting", metavar="COUNTING",
        help="exclusive: count the days after START; inclusive: count START too.",
    ),
    calendar: Optional[str] = typer.Option(None, "--calendar", "-c", metavar="NAME", help=_CALENDAR_HELP),
    closures: Optional[Path] = typer.Option(None, "--closures", metavar="FILE", help=_CLOSURES_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """Print the number of working days after START up to and including END.

    Negative when END is before START. The opposite of `dates add`.

    Example: cpptool dates between 2023-04-28 2023-05-16          (prints 10)
    """
    from cpptool.core.calendar import parse_date

    first = parse_date(start, "start date")
    last = parse_date(end, "end date")
    cal = _calendar(calendar, closures)
    count = cal.between(first, last, counting=counting)
    reason = cal.between_provisional_reason(first, last, counting=counting)
    warning = _warn_coverage(cal)
    if as_json:
        _print_json({
            "calendar": cal.name,
            "closures": str(cal.closures_file) if cal.closures_file else None,
            "start": first.isoformat(),
            "end": last.isoformat(),
            "counting": counting,
            "working_days": count,
            "provisional": reason is not None,
            "provisional_reason": reason,
            "coverage": list(cal.coverage) if cal.coverage else None,
            "coverage_warning": warning,
        })
        return
    typer.echo(str(count))
    if reason:
        typer.echo(f"cpptool: provisional: {reason}", err=True)


@dates_app.command("holidays")
def holidays(
    year: int = typer.Argument(..., metavar="YEAR", help="The year, e.g. 2026.", show_default=False),
    calendar: Optional[str] = typer.Option(None, "--calendar", "-c", metavar="NAME", help=_CALENDAR_HELP),
    closures: Optional[Path] = typer.Option(None, "--closures", metavar="FILE", help=_CLOSURES_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """List the bank holidays (and closure days) in YEAR, one a line, with where each comes from.

    Example: cpptool dates holidays 2026 --calendar scotland
    """
    cal = _calendar(calendar, closures)
    days = cal.holidays(year)
    reason = cal.provisional_reason(date(year, 1, 1), date(year, 12, 31))
    warning = _warn_coverage(cal)
    if as_json:
        _print_json({
            "calendar": cal.name,
            "closures": str(cal.closures_file) if cal.closures_file else None,
            "year": year,
            "days": [_nwd_json(d) for d in days],
            "provisional": reason is not None,
            "provisional_reason": reason,
            "coverage": list(cal.coverage) if cal.coverage else None,
            "coverage_warning": warning,
        })
        return
    for nwd in days:
        typer.echo(_skipped_line(nwd))
    if not days:
        typer.echo(f"cpptool: note: no bank holidays or closures found in {year}", err=True)
    if reason:
        typer.echo(f"cpptool: provisional: {reason}", err=True)


@calendar_app.command("list")
def list_calendars(
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """List the calendars and the years their official bank holiday list covers.

    Example: cpptool calendar list
    """
    from cpptool.core.calendar import CALENDARS, load_calendar, user_list_path

    rows = []
    for name in CALENDARS:
        cal = load_calendar(name)
        rows.append((cal, _warn_coverage(cal)))
    user_file = user_list_path()
    if as_json:
        _print_json({
            "calendars": [
                {"name": cal.name, "coverage": list(cal.coverage) if cal.coverage else None,
                 "coverage_warning": warning}
                for cal, warning in rows
            ],
            "updated_list": str(user_file) if user_file.is_file() else None,
        })
        return
    for cal, _ in rows:
        if cal.coverage:
            first, last = cal.coverage
            typer.echo(f"{cal.name}  official list {first}–{last}, rules after that (provisional)")
        else:
            typer.echo(f"{cal.name}  no official list: rules only (provisional)")
    if user_file.is_file():
        typer.echo(f"updated list in use: {user_file}")


@calendar_app.command("update")
def update(
    file: Path = typer.Argument(
        ..., metavar="FILE", help="A newer bank-holidays.json downloaded from https://www.gov.uk/bank-holidays.json.",
        show_default=False,
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """Update the bank holiday lists from a newer GOV.UK download.

    Each year in FILE replaces that whole year; older years are kept. The result is saved in
    your cpptool data folder ($CPPTOOL_DATA_DIR, else $XDG_DATA_HOME/cpptool, else
    ~/.local/share/cpptool), never inside the installed program.

    Example: cpptool calendar update bank-holidays.json --dry-run
    """
    from cpptool.core.calendar import load_calendar, update_bank_holidays

    report = update_bank_holidays(file, dry_run=dry_run)
    warnings = {c.division: _warn_coverage(load_calendar(c.division)) for c in report.divisions}
    if as_json:
        _print_json({
            "source": str(report.source),
            "target": str(report.target),
            "dry_run": report.dry_run,
            "changed": report.changed,
            "written": report.written,
            "divisions": [
                {
                    "division": c.division,
                    "years_replaced": list(c.years),
                    "new_years": list(c.new_years),
                    "added": [{"date": d.isoformat(), "title": t} for d, t in c.added],
                    "removed": [{"date": d.isoformat(), "title": t} for d, t in c.removed],
                    "renamed": [
                        {"date": d.isoformat(), "old_title": old, "new_title": new}
                        for d, old, new in c.renamed
                    ],
                    "coverage_warning": warnings[c.division],
                }
                for c in report.divisions
            ],
        })
        return
    for line in _update_lines(report):
        typer.echo(line)


def _update_lines(report: Any) -> list[str]:
    from cpptool.core.calendar import years_text

    added = sum(len(c.added) for c in report.divisions)
    removed = sum(len(c.removed) for c in report.divisions)
    renamed = sum(len(c.renamed) for c in report.divisions)
    counts = f"{added} added, {removed} removed, {renamed} renamed"
    if not report.changed:
        lines = [f"No changes: the bank holiday lists already match {report.source} (nothing written)"]
    elif report.dry_run:
        lines = [f"Dry run: {counts} (nothing written)"]
    else:
        lines = [f"Updated the bank holiday lists: {counts} (saved to {report.target})"]
    for c in report.divisions:
        years = f"years {years_text(c.years)}"
        if not c.changed:
            lines.append(f"{c.division}: {years}, no changes")
            continue
        verb = "replaced" if report.written else "would be replaced"
        new = f" ({years_text(c.new_years)} new)" if c.new_years else ""
        lines.append(f"{c.division}: {years}{new} {verb}")
        events = [(d, f"added   {_day(d)}  {t}") for d, t in c.added]
        events += [(d, f"removed {_day(d)}  {t}") for d, t in c.removed]
        events += [(d, f"renamed {_day(d)}  {old} -> {new}") for d, old, new in c.renamed]
        lines.extend(f"  {text}" for _, text in sorted(events, key=lambda pair: pair[0]))
    return lines
