"""`due` and `report` over a caseload: each plan checked once, in worker processes when there are
many (as `check` does, with the same --jobs), and taken from the check cache when nothing it
depends on has changed, so a caseload `check` has just seen is not read again.

Each plan comes back as a CaseloadPlan, its check result and its dates (core/plan_dates.py): small
enough to pass between processes; a parsed plan never leaves the process that read it. The
child's and the workers' names are never cached, so with `names` every plan is read (and the
cache filled without them).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any, Callable

from cpptool.core import cache, engine
from cpptool.core.caseload import DueFilter, DueItem, gather
from cpptool.core.engine import CheckOptions
from cpptool.core.errors import CpptoolError
from cpptool.core.findings import FileResult
from cpptool.core.plan_dates import PlanDates, plan_dates
from cpptool.core.records import record, replace


@record(frozen=True)
class CaseloadPlan:
    result: FileResult  # its findings only when read for the report
    dates: PlanDates | None  # None when it could not be read as a plan
    section: str | None = None  # its section of the report page (HTML), when read for the report


def read_caseload(files: list[tuple[Path, str]], opts: CheckOptions, *, names: bool = False, report: bool = False,
                  progress: Callable[[int], Callable[[], None] | None] | None = None,
                  warn: Callable[[str], None] | None = None) -> list[CaseloadPlan]:
    """Every plan of `files` (as engine.discover gives them), in that order. `report` keeps what
    only the report shows (findings, timelines); `progress` and `warn` are as for check_paths,
    and `opts.jobs` and `opts.cache` mean what they mean for `check`."""
    opts = replace(opts, as_of=opts.as_of or dt.date.today())  # one date for the whole run
    engine.start_run()
    store = engine.open_store(opts, files, warn)
    known = None if store is None or names else partial(_cached, opts=opts, store=store, report=report)
    plans = engine.map_plans(files, _read_plan, (opts, store, names, report), jobs=opts.jobs, progress=progress,
                             known=known)
    if store is not None:
        cache.prune(store)
    return plans


def _read_plan(item: tuple[Path, str], opts: CheckOptions, store: cache.Store | None, names: bool,
               report: bool) -> CaseloadPlan:
    """One plan: from the cache (its report section made and kept now if the entry has none
    yet), else checked (from the very bytes the key was made of) and stored."""
    file, shown = item
    raw = key = None
    if store is not None:
        raw, key = engine.cache_key(file, shown, opts, store)
        found = store.get_dates(key) if key is not None and not names else None
        if found is not None:
            if report and found.section is None:
                section = _section(found.result, found.dates, opts.as_of, names=False)
                store.add_section(key, found, section)
                found = found._replace(section=section)
            return _kept(found.result, found.dates, found.section, report)
    checked = engine.check_plan(file, shown, opts, raw=raw)
    dates = plan_dates(checked, opts.as_of, names=names)
    section = _section(checked.result, dates, opts.as_of, names) if report else None
    if store is not None and key is not None:
        store.put(key, checked.result, cache.setup_files(checked.setup),
                  dates=dates if dates is not None else cache.UNREADABLE, section=None if names else section)
    return _kept(checked.result, dates, section, report)


def _cached(item: tuple[Path, str], opts: CheckOptions, store: cache.Store, report: bool) -> CaseloadPlan | None:
    """The plan from the cache, or None (a plan that cannot be read is left to _read_plan to report,
    and one whose report section is still to be made, to _read_plan to make)."""
    try:
        _, key = engine.cache_key(*item, opts, store)
    except CpptoolError:
        return None
    found = store.get_dates(key) if key is not None else None
    if found is None or (report and found.section is None):
        return None
    return _kept(found.result, found.dates, found.section, report)


def _kept(result: FileResult, dates: PlanDates | None, section: str | None, report: bool) -> CaseloadPlan:
    """What `due` or `report` keeps of a plan: small, to pass between processes."""
    if not report:
        return CaseloadPlan(replace(result, findings=[], next_due=[]), dates.for_due() if dates is not None else None)
    if section is not None and dates is not None:
        dates = dates.for_due()  # the timeline is in the section
    return CaseloadPlan(result, dates, section)


def _section(result: FileResult, dates: PlanDates | None, as_of: dt.date, names: bool) -> str:
    from cpptool.core.team_page import plan_section
    from cpptool.core.team_report import plan_view

    return plan_section(plan_view(result, dates), as_of, names=names)


def due(plans: list[CaseloadPlan], as_of: dt.date, flt: DueFilter | None = None) -> tuple[list[DueItem], list[str]]:
    """As core/caseload.caseload: the items of every plan that could be read, filtered (--within
    counts on each plan's own calendar); and the files that could not."""
    flt = flt or DueFilter()
    calendars: dict[tuple[str, str | None], Any] = {}

    def calendar(d: PlanDates) -> Any:
        if flt.within is None:
            return None
        if (d.calendar, d.closures) not in calendars:
            from cpptool.core.calendar import load_calendar

            closures = Path(d.closures) if d.closures is not None else None
            calendars[d.calendar, d.closures] = load_calendar(d.calendar, closures)
        return calendars[d.calendar, d.closures]

    return gather(((p.result.file, p.dates.items if p.dates else None, calendar(p.dates) if p.dates else None)
                   for p in plans), as_of, flt)


def team_report(plans: list[CaseloadPlan], as_of: dt.date, *, names: bool = False) -> Any:
    """The caseload report (core/team_report.TeamReport) on the plans, in order."""
    from cpptool.core.team_report import build

    return build(((p.result, p.dates) for p in plans), as_of, names=names)


def report_page(plans: list[CaseloadPlan], as_of: dt.date, *, names: bool = False, version: str) -> str:
    """The caseload report's HTML page, with the plans' sections as read (made now where missing)."""
    from cpptool.core.team_page import render_page

    return render_page(team_report(plans, as_of, names=names), version=version, sections=[p.section for p in plans])
