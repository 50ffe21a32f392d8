"""What the caseload report says: counts, findings across plans, overdue dates, rankings, timelines.

Built from each plan's check result (its findings) and its dates (core/plan_dates.py: due items
and timeline), from `engine.check_plan` or the check cache, so nothing is read twice. It holds
finding messages (which never quote a plan), file names, ids and dates; the child's and workers'
names only when asked for.
The page itself is made by core/team_page.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any, Iterable

from cpptool.core.caseload import NO_WORKER, DueItem, overdue_by_worker
from cpptool.core.findings import FileResult
from cpptool.core.plan_dates import PlanDates, TimelineEvent
from cpptool.core.records import field, record


@record
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
    # Shown only in the plan's own section of the page: empty when that section was made already
    # (in a worker process, or kept in the cache).
    timeline: list[TimelineEvent] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.readable and not (self.errors or self.warnings or self.infos)


@record(frozen=True)
class Tally:
    """Findings of one rule or one requirement across the caseload."""

    key: str  # a rule code or requirement id
    title: str  # the rule's name or the requirement's text
    findings: int
    plans: int
    levels: str  # 'error', 'warning, error'


@record
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


def build(plans: Iterable[tuple[FileResult, PlanDates | None]], as_of: dt.date, *,
          names: bool = False) -> TeamReport:
    """The report on plans given as their check results and dates (None for a plan that could not
    be read), in order. Each plan's findings are gone through once (a caseload has tens of
    thousands): counted for the plan, by rule and by requirement."""
    from cpptool.core.requirements import requirements

    views: list[PlanView] = []
    overdue: list[DueItem] = []
    by_rule: dict[str, _Group] = {}
    by_requirement: dict[str, _Group] = {}
    rule_names: dict[str, str] = {}
    for result, dates in plans:
        view = plan_view(result, dates)
        views.append(view)
        overdue += view.overdue
        for f in result.findings:
            if f.waived:
                continue
            rule_names[f.code] = f.name
            _count(by_rule, f.code, result.file, f.level)
            for rid in f.requirements:
                _count(by_requirement, rid, result.file, f.level)
    texts = {rid: req.text for rid, req in requirements().items()}
    return TeamReport(as_of=as_of, names=names, plans=views, by_rule=_tally(by_rule, rule_names),
                      by_requirement=_tally(by_requirement, texts), overdue_by_worker=_overdue_groups(overdue))


def plan_anchor(file: str) -> str:
    """The id of a plan's section on the page: the same for the same file in every report, and
    whatever the other plans are, so that a section can be made (and cached) on its own."""
    return "plan-" + hashlib.sha256(file.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def plan_view(r: FileResult, dates: PlanDates | None) -> PlanView:
    """One plan as the report shows it, from its check result and its dates (None: unreadable)."""
    levels = {"error": 0, "warning": 0, "info": 0}
    waived = 0
    for f in r.findings:
        if f.waived:
            waived += 1
        else:
            levels[f.level] = levels.get(f.level, 0) + 1
    view = PlanView(file=r.file, anchor=plan_anchor(r.file), profile=r.profile or "", readable=dates is not None,
                    errors=levels["error"], warnings=levels["warning"], infos=levels["info"], waived=waived)
    if dates is None:
        return view
    view.worker, view.worker_name, view.child = dates.worker, dates.worker_name, dates.child
    view.overdue = [i for i in dates.items if i.overdue]
    view.timeline = list(dates.timeline)
    return view


class _Group:
    """Findings of one rule or requirement so far: how many, in which plans, at which levels."""

    __slots__ = ("findings", "files", "levels")

    def __init__(self) -> None:
        self.findings, self.files, self.levels = 0, set(), set()


def _count(groups: dict[str, _Group], key: str, file: str, level: str) -> None:
    group = groups.get(key)
    if group is None:
        group = groups[key] = _Group()
    group.findings += 1
    group.files.add(file)
    group.levels.add(level)


def _tally(groups: dict[str, _Group], titles: dict[str, str]) -> list[Tally]:
    order = ("error", "warning", "info").index
    out = [Tally(key, titles.get(key, ""), g.findings, len(g.files), ", ".join(sorted(g.levels, key=order)))
           for key, g in groups.items()]
    return sorted(out, key=lambda t: (-t.findings, t.key))


def _overdue_groups(items: list[DueItem]) -> list[tuple[str, str, list[DueItem]]]:
    by_worker: dict[str, list[DueItem]] = defaultdict(list)
    for item in items:
        by_worker[item.worker].append(item)
    return [(worker, next((i.worker_name for i in by_worker[worker] if i.worker_name), ""),
             sorted(by_worker[worker], key=DueItem.sort_key)) for worker, _ in overdue_by_worker(items)]
