"""What the caseload report says: counts, findings across plans, overdue dates, rankings, timelines.

Built from what `engine.check_plan` returned for each plan (its findings, plan and setup) and the
caseload's due items, so nothing is read twice. It holds finding messages (which never quote a
plan), file names, ids and dates; the child's and workers' names only when asked for.
The page itself is made by core/team_page.py.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from cpptool.core.caseload import NO_WORKER, DueItem, due_items, overdue_by_worker

# Events on a plan's timeline, in the order of the timeline's rows.
LANES = ("conference", "core-group", "visit")
_LANE_OF = {"conference": "conference", "initial-conference": "conference", "review-conference": "conference",
            "core-group": "core-group", "visit": "visit"}
_MEETING_WORDS = {"core-group": "core group", "review-conference": "review conference",
                  "initial-conference": "initial conference"}


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    lane: str  # one of LANES
    what: str  # 'core group', 'visit, child seen alone', 'next visit due'
    status: str  # held | planned | due
    late: bool
    why: tuple[str, ...] = ()  # the timescale findings' messages, or 'overdue'
    path: str = ""


@dataclass
class PlanView:
    file: str
    anchor: str  # the id of its section on the page
    profile: str
    readable: bool  # False when the structure is wrong and the content was not checked
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0
    worker: str = NO_WORKER
    worker_name: str = ""
    child: str = ""
    overdue: list[DueItem] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.readable and not (self.errors or self.warnings or self.infos)


@dataclass(frozen=True)
class Tally:
    """Findings of one rule or one requirement across the caseload."""

    key: str  # a rule code or requirement id
    title: str  # the rule's name or the requirement's text
    findings: int
    plans: int
    levels: str  # 'error', 'warning, error'


@dataclass
class TeamReport:
    as_of: dt.date
    names: bool
    plans: list[PlanView]
    by_rule: list[Tally]
    by_requirement: list[Tally]
    overdue_by_worker: list[tuple[str, str, list[DueItem]]]  # (worker id, name, overdue items)

    @property
    def clean(self) -> int:
        return sum(p.clean for p in self.plans)

    @property
    def unreadable(self) -> int:
        return sum(not p.readable for p in self.plans)

    @property
    def with_errors(self) -> int:
        """Plans read whole with open errors (a file that is not a plan is counted as unreadable)."""
        return sum(p.readable and p.errors > 0 for p in self.plans)

    def ranked(self) -> list[PlanView]:
        """Plans with open errors, most first (then warnings, then overdue dates)."""
        return sorted((p for p in self.plans if p.errors or not p.readable),
                      key=lambda p: (-p.errors, -p.warnings, -len(p.overdue), p.file))


def build(checked: Iterable[Any], as_of: dt.date, *, names: bool = False) -> TeamReport:
    plans: list[PlanView] = []
    findings: list[tuple[str, Any]] = []
    overdue: list[DueItem] = []
    for n, c in enumerate(checked, start=1):
        view = _plan_view(c, as_of, names, f"plan-{n}")
        plans.append(view)
        overdue += view.overdue
        findings += [(c.result.file, f) for f in c.result.active()]
    return TeamReport(as_of=as_of, names=names, plans=plans, by_rule=_by_rule(findings),
                      by_requirement=_by_requirement(findings), overdue_by_worker=_overdue_groups(overdue))


def _plan_view(c: Any, as_of: dt.date, names: bool, anchor: str) -> PlanView:
    r, plan = c.result, c.loaded.plan
    levels = Counter(f.level for f in r.active())
    view = PlanView(file=r.file, anchor=anchor, profile=r.profile or "", readable=plan is not None,
                    errors=levels["error"], warnings=levels["warning"], infos=levels["info"],
                    waived=sum(f.waived for f in r.findings))
    if plan is None:
        return view
    items = due_items(plan, c.setup, as_of, file=r.file, names=names)
    view.worker = plan.lead_social_worker or NO_WORKER
    if names:
        lead = plan.member(plan.lead_social_worker)
        view.worker_name, view.child = (lead.name if lead else ""), plan.child.name
    view.overdue = [i for i in items if i.overdue]
    view.timeline = timeline(plan, r.active(), items)
    return view


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


def _tally(groups: dict[str, list[tuple[str, Any]]], titles: dict[str, str]) -> list[Tally]:
    out = []
    for key, found in groups.items():
        levels = sorted({f.level for _, f in found}, key=("error", "warning", "info").index)
        out.append(Tally(key, titles.get(key, ""), len(found), len({file for file, _ in found}), ", ".join(levels)))
    return sorted(out, key=lambda t: (-t.findings, t.key))


def _by_rule(findings: list[tuple[str, Any]]) -> list[Tally]:
    groups: dict[str, list] = defaultdict(list)
    titles = {}
    for file, f in findings:
        groups[f.code].append((file, f))
        titles[f.code] = f.name
    return _tally(groups, titles)


def _by_requirement(findings: list[tuple[str, Any]]) -> list[Tally]:
    from cpptool.core.requirements import requirements

    texts = {rid: req.text for rid, req in requirements().items()}
    groups: dict[str, list] = defaultdict(list)
    for file, f in findings:
        for rid in f.requirements:
            groups[rid].append((file, f))
    return _tally(groups, texts)


def _overdue_groups(items: list[DueItem]) -> list[tuple[str, str, list[DueItem]]]:
    by_worker: dict[str, list[DueItem]] = defaultdict(list)
    for item in items:
        by_worker[item.worker].append(item)
    return [(worker, next((i.worker_name for i in by_worker[worker] if i.worker_name), ""),
             sorted(by_worker[worker], key=DueItem.sort_key)) for worker, _ in overdue_by_worker(items)]
