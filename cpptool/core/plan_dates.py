"""What `due` and `report` need of one checked plan, beyond its check result: its dates.

A PlanDates is small (no parsed plan), so worker processes can send it back and the check cache
can keep it beside the plan's FileResult: a caseload already checked is not read again. It holds
the plan's due items (core/caseload.py), its timeline of meetings and visits held and due, its
lead social worker's id and the name of its calendar (for `due --within`). The child's and the
worker's names are filled in only when asked for, and never kept in the cache.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Iterable

from cpptool.core.caseload import NO_WORKER, DueItem, due_items
from cpptool.core.records import record, replace

# Events on a plan's timeline, in the order of the timeline's rows.
LANES = ("conference", "core-group", "visit")
STATUSES = ("held", "planned", "due")
_LANE_OF = {"conference": "conference", "initial-conference": "conference", "review-conference": "conference",
            "core-group": "core-group", "visit": "visit"}
_MEETING_WORDS = {"core-group": "core group", "review-conference": "review conference",
                  "initial-conference": "initial conference"}


@record(frozen=True)
class TimelineEvent:
    date: dt.date
    lane: str  # one of LANES
    what: str  # 'core group', 'visit, child seen alone', 'next visit due'
    status: str  # held | planned | due
    late: bool
    why: tuple[str, ...] = ()  # the timescale findings' messages, or 'overdue'
    path: str = ""


@record(frozen=True)
class PlanDates:
    """One plan read whole: every date due in it (soonest first) and its timeline."""

    worker: str  # the lead social worker's core group member id
    calendar: str  # the name of the plan's calendar
    closures: str | None  # its closures file (the configuration's)
    items: tuple[DueItem, ...]
    timeline: tuple[TimelineEvent, ...] = ()
    worker_name: str = ""  # only with names
    child: str = ""  # only with names

    def without_names(self) -> PlanDates:
        if not (self.worker_name or self.child or any(i.worker_name or i.child for i in self.items)):
            return self
        items = tuple(replace(i, worker_name="", child="") for i in self.items)
        return replace(self, items=items, worker_name="", child="")

    def for_due(self) -> PlanDates:
        """Without what only a plan's section of the report shows (the timeline), to pass between
        processes."""
        return replace(self, timeline=()) if self.timeline else self


def plan_dates(checked: Any, as_of: dt.date, *, names: bool = False) -> PlanDates | None:
    """The dates of a plan `engine.check_plan` read, or None when it could not be read as a plan."""
    plan, setup, result = checked.loaded.plan, checked.setup, checked.result
    if plan is None:
        return None
    items = due_items(plan, setup, as_of, file=result.file, names=names)
    worker_name = child = ""
    if names:
        lead = plan.member(plan.lead_social_worker)
        worker_name, child = (lead.name if lead else ""), plan.child.name
    closures = setup.config.closures  # the calendar's, as engine.check_plan resolves it
    return PlanDates(worker=plan.lead_social_worker or NO_WORKER, calendar=setup.calendar.name,
                     closures=str(closures) if closures is not None else None, items=tuple(items),
                     timeline=tuple(timeline(plan, result.active(), items)), worker_name=worker_name, child=child)


def timeline(plan: Any, findings: Iterable[Any], items: Iterable[DueItem]) -> list[TimelineEvent]:
    """The conference, core groups, visits and review conferences held, and the next ones due.
    An event is late when a timescale finding (CPP-T…) points at it, or when it is overdue."""
    late: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        if f.code.startswith("CPP-T") and f.path:
            late[f.path].append(f"{f.code} {f.message}")

    def event(date, lane, what, status, path, overdue=False) -> TimelineEvent:
        why = [m for p, ms in late.items() if _under(p, path) for m in ms] if path else []
        if overdue:
            why.append("overdue: the date has passed")
        return TimelineEvent(date, lane, what, status, bool(why), tuple(why), path)

    c = plan.conference
    events = [event(c.date, "conference", f"{c.type} conference", "held", "conference.date")]
    for i, m in sorted(enumerate(plan.record.meetings if plan.record else []), key=lambda im: im[1].date):
        if m.type in _LANE_OF and not (m.type == "initial-conference" and m.date == c.date):
            events.append(event(m.date, _LANE_OF[m.type], _MEETING_WORDS[m.type], "held",
                                f"record.meetings[{i}]"))
    for i, v in enumerate(plan.record.visits if plan.record else []):
        seen = "child seen alone" if v.seen_alone else ("child seen" if v.child_seen else "child not seen")
        events.append(event(v.date, "visit", f"visit, {seen}", "held", f"record.visits[{i}]"))
    for item in items:
        if item.kind in _LANE_OF:
            status = "planned" if item.path else "due"
            events.append(event(item.due, _LANE_OF[item.kind], item.what, status, item.path, overdue=item.overdue))
    return sorted(events, key=lambda e: (e.date, LANES.index(e.lane), e.what))


def _under(finding_path: str, event_path: str) -> bool:
    return finding_path == event_path or finding_path.startswith((event_path + ".", event_path + "["))
