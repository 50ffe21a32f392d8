"""The team's view of a caseload: every date that falls due across many plans.

One DueItem per upcoming or overdue date in a plan: the lead social worker's next visit, the next
core group, the review conference, circulation of the minutes and the return of the signed copy
(each signatory's, in format 2), transfer conferences, the end of a chair's letter's objection
period, open actions, assessments, the risk assessment and the 18th birthday. Dates that a profile's
timescale produces carry `deadlines.explain` wording; dates the plan sets say where in the plan.

Items name the plan by its file and the lead social worker by the core group member id; the
child's and the worker's names are filled in only when asked for (`names=True`). It never reads a
plan itself: core/caseload_run.py hands in the items of each plan it read or took from the check
cache, so a caseload is read once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Callable, Iterable

from cpptool.core.deadlines import (
    OPEN_STATUSES, completed_actions, deadline, eighteenth_birthday, explain, meetings_of, next_core_group,
    next_review, next_visit, plan_start, timescale,
)
from cpptool.core.errors import CpptoolError
from cpptool.core.records import record
from cpptool.core.yamlpath import format_path

# Every kind of item, in the order `--by kind` lists them.
KINDS = ("visit", "core-group", "review-conference", "circulation", "signed-copy", "transfer", "ending",
         "action", "assessment", "risk-assessment", "18th-birthday")
GROUPINGS = ("worker", "plan", "kind")
NO_WORKER = ""  # the group of plans that name no lead social worker


@record(frozen=True)
class DueItem:
    """One date that falls due in one plan."""

    due: dt.date
    kind: str  # one of KINDS
    what: str  # 'visit seeing the child', 'action actions[2]'
    how: str  # how the date was worked out
    file: str  # the plan file, as named on the command line
    key: str  # the kind and index, stable within the plan: 'visit', 'action:2'
    path: str  # the YAML path the date comes from ('' when a timescale produced it)
    overdue: bool
    worker: str = NO_WORKER  # the lead social worker's core group member id
    worker_name: str = ""  # only with names
    child: str = ""  # only with names

    def sort_key(self) -> tuple:
        return (self.due, self.file, KINDS.index(self.kind), self.key)


@record(frozen=True)
class DueFilter:
    """--within N (working days on each plan's calendar), --worker ID, --overdue."""

    within: int | None = None
    workers: tuple[str, ...] = ()
    overdue_only: bool = False

    def __post_init__(self) -> None:
        if self.within is not None and self.within < 0:
            raise CpptoolError("--within must be 0 or more working days")


class _Items:
    """Collects a plan's items, each with the plan's file, worker and the as-of date."""

    def __init__(self, file: str, worker: str, as_of: dt.date, names: tuple[str, str]) -> None:
        self.file, self.worker, self.as_of = file, worker, as_of
        self.worker_name, self.child = names
        self.found: list[DueItem] = []

    def add(self, due: dt.date, kind: str, what: str, how: str, key: str, path: tuple = ()) -> None:
        self.found.append(DueItem(due=due, kind=kind, what=what, how=how, file=self.file, key=key,
                                  path=format_path(path), overdue=due < self.as_of, worker=self.worker,
                                  worker_name=self.worker_name, child=self.child))

    def timed(self, exp: Any, kind: str, what: str, anchor_name: str, key: str, path: tuple = (), *,
              agreed: str = "") -> None:
        """An item whose date a timescale produced, explained in deadlines' words; `agreed` names
        the plan's own frequency when the profile sets no limit and that frequency was used."""
        if exp is not None:
            how = explain(exp, what, anchor_name)
            if agreed:
                how += f"; the frequency agreed in {agreed} (the profile sets no limit)"
            self.add(exp.result, kind, what, how, key, path)


def due_items(plan: Any, setup: Any, as_of: dt.date, *, file: str = "", names: bool = False) -> list[DueItem]:
    """Every date still to come, or passed and not done, in one plan, soonest first."""
    worker = plan.lead_social_worker or NO_WORKER
    lead = plan.member(plan.lead_social_worker)
    shown = ((lead.name if lead else ""), plan.child.name) if names else ("", "")
    items = _Items(file, worker, as_of, shown)
    profile, calendar = setup.profile, setup.calendar
    for collect in _COLLECTORS:
        collect(items, plan, profile, calendar, as_of)
    return sorted(items.found, key=DueItem.sort_key)


def _visits(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    found = next_visit(plan, profile, calendar, as_of, agreed=True)
    if found:
        exp, anchor_name = found
        items.timed(exp, "visit", "visit seeing the child", anchor_name, "visit",
                    agreed="visits.frequency" if timescale(profile, "visit_interval") is None else "")


def _core_groups(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    found = next_core_group(plan, profile, calendar, as_of, agreed=True)
    if found:
        exp, anchor_name = found
        items.timed(exp, "core-group", "core group", anchor_name, "core-group",
                    agreed="meetings.core_group_frequency" if timescale(profile, "core_group_interval") is None else "")
        return
    if any(m.date <= as_of for _, m in meetings_of(plan, "core-group")):
        return  # held, and neither the profile nor the plan says how often
    planned = plan.meetings.first_core_group if plan.meetings else None
    if planned is not None:
        items.add(planned, "core-group", "first core group", "the date planned in meetings.first_core_group",
                  "core-group", ("meetings", "first_core_group"))
        return
    spec = timescale(profile, "first_core_group")
    if spec is not None and plan.conference.type == "initial":
        items.timed(deadline(calendar, plan.conference.date, spec), "core-group", "first core group",
                    "the initial conference", "core-group")


def _review(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    path, planned = next_review(plan)
    held = [m.date for _, m in meetings_of(plan, "review-conference") if m.date <= as_of]
    if planned is not None and not any(d >= planned for d in held):
        items.add(planned, "review-conference", "review conference",
                  f"the date planned in {format_path(path)}", "review-conference", path)
        return
    after_held = [d for d in held if d >= plan.conference.date]
    spec = timescale(profile, "review_interval")
    if after_held or plan.conference.type == "review":
        anchor = max(after_held, default=plan.conference.date)
        if spec is not None:
            items.timed(deadline(calendar, anchor, spec), "review-conference", "next review conference",
                        "the last review conference", "review-conference")
        return
    spec, start = timescale(profile, "first_review"), plan_start(plan)
    if spec is not None and start is not None:
        items.timed(deadline(calendar, start, spec), "review-conference", "first review conference",
                    "the plan starting", "review-conference")


def _circulation(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    """Minutes and the agreement to circulate, and signed copies to come back, after each core group."""
    circulate, returned = timescale(profile, "minutes_circulated"), timescale(profile, "agreement_returned")
    from_meeting = returned is not None and returned.get("from") == "meeting"
    for i, m in meetings_of(plan, "core-group"):
        path = ("record", "meetings", i)
        if circulate is not None and m.minutes_circulated is None:
            items.timed(deadline(calendar, m.date, circulate), "circulation",
                        "minutes and agreement circulated", "the core group", f"circulation:{i}", path)
        anchor = m.date if from_meeting else m.minutes_circulated
        if returned is not None and m.agreement_returned is None and anchor is not None:
            items.timed(deadline(calendar, anchor, returned), "signed-copy", "signed agreement returned",
                        "the core group" if from_meeting else "circulation", f"signed-copy:{i}", path)


def _signed_copies(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    """Format 2: each signatory's signed copy, due back the profile's limit after it was sent to them."""
    from cpptool.core.lifecycle import sent_to  # here: it loads the plan model, which a cached run never needs

    returned = timescale(profile, "agreement_returned")
    if returned is None or plan.agreement is None:
        return
    sent: dict[str, dt.date] = {}
    for _, meeting in meetings_of(plan, "core-group"):
        for who, (day, _) in sent_to(meeting, ("agreement", "plan")).items():
            sent[who] = max(day, sent.get(who, day))
    for j, sig in enumerate(plan.agreement.signatures):
        when = sent.get(sig.member)
        if when is None or not sig.signed or sig.returned is not None or (sig.date is not None and sig.date < when):
            continue
        items.timed(deadline(calendar, when, returned), "signed-copy", f"signed copy agreement.signatures[{j}]",
                    "it was sent", f"signed-copy-of:{j}", ("agreement", "signatures", j))


def _transfers(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    """Format 2: the transfer-in conference still to hold, and the receiving area's conference, after
    which (and not before) the sending area may end its plan."""
    moved_in, moved_out = getattr(plan, "transfer_in", None), getattr(plan, "transfer_out", None)
    spec = timescale(profile, "transfer_in")
    if moved_in is not None and moved_in.conference is None and moved_in.notified and spec is not None:
        items.timed(deadline(calendar, moved_in.notified, spec), "transfer", "transfer-in conference",
                    "the move was notified", "transfer-in", ("transfer_in",))
    ended = plan.ending is not None and plan.ending.date is not None
    if moved_out is not None and moved_out.receiving_conference is not None and not ended:
        items.add(moved_out.receiving_conference, "transfer", "receiving area's transfer conference: the plan "
                  "may end after it", "the date set in transfer_out.receiving_conference", "transfer-out",
                  ("transfer_out", "receiving_conference"))


def _ending_by_letter(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    """Format 2: the end of the objection period a chair's letter gives (North Yorkshire standard 12)."""
    letter = plan.ending.by_letter if plan.ending is not None and plan.ending.date is None else None
    if letter is not None and letter.objections_by is not None:
        items.add(letter.objections_by, "ending", "objection period ends (ending by letter)",
                  "the date set in ending.by_letter.objections_by", "ending-letter",
                  ("ending", "by_letter", "objections_by"))


def _actions(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    done = completed_actions(plan)
    for i, a in enumerate(plan.actions):
        if a.status in OPEN_STATUSES and a.id not in done and isinstance(a.due, dt.date):
            path = ("actions", i, "due")
            items.add(a.due, "action", f"action actions[{i}]", f"the due date set in {format_path(path)}",
                      f"action:{i}", path)


def _assessments(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    spec = timescale(profile, "assessment")
    for i, a in enumerate(plan.assessments):
        if a.is_done:
            continue
        kind = "risk-assessment" if a.is_risk else "assessment"
        what = f"{'risk assessment' if a.is_risk else 'assessment'} assessments[{i}]"
        if a.due is not None:
            path = ("assessments", i, "due")
            items.add(a.due, kind, what, f"the due date set in {format_path(path)}", f"assessment:{i}", path)
        elif spec is not None:
            items.timed(deadline(calendar, plan.conference.date, spec), kind, what, "the conference",
                        f"assessment:{i}", ("assessments", i))


def _risk_assessment(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    """Where the profile asks for one after a year on the plan, until one is done."""
    spec, start = timescale(profile, "risk_assessment"), plan_start(plan)
    if spec is None or start is None:
        return
    exp = deadline(calendar, start, spec)
    # Done only by one completed once the year had run, as CPP-T010 judges it.
    if exp is None or any(a.is_risk and a.is_done and (a.completed is None or a.completed >= exp.result)
                          for a in plan.assessments):
        return
    items.timed(exp, "risk-assessment", "systematic risk assessment",
                "the plan starting", "risk-assessment")


def _birthday(items: _Items, plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> None:
    birthday = eighteenth_birthday(plan)
    if birthday is not None:
        items.add(birthday, "18th-birthday", "18th birthday: the plan ends",
                  "18 years after child.date_of_birth", "18th-birthday", ("child", "date_of_birth"))


_COLLECTORS: tuple[Callable[..., None], ...] = (
    _visits, _core_groups, _review, _circulation, _signed_copies, _transfers, _ending_by_letter, _actions,
    _assessments, _risk_assessment, _birthday)


# ----------------------------------------------------------------------------------------------
# Choosing and grouping


def keep(items: Iterable[DueItem], calendar: Any, as_of: dt.date, flt: DueFilter) -> list[DueItem]:
    """The items that pass the filter; --within counts working days on this plan's calendar.
    Overdue items are always within any horizon."""
    horizon = None
    if flt.within is not None:
        try:
            horizon = calendar.add(as_of, flt.within, "working-days")
        except CpptoolError:
            horizon = None  # beyond the calendar: everything is within
    out = []
    for item in items:
        if flt.workers and item.worker not in flt.workers:
            continue
        if flt.overdue_only and not item.overdue:
            continue
        if horizon is not None and item.due > horizon:
            continue
        out.append(item)
    return out


def group(items: Iterable[DueItem], by: str) -> list[tuple[str, list[DueItem]]]:
    """(group, items soonest first): by lead worker id (no worker last), plan file, or kind."""
    if by not in GROUPINGS:
        raise CpptoolError(f"--by must be one of: {', '.join(GROUPINGS)}")
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        name = {"worker": item.worker, "plan": item.file, "kind": item.kind}[by]
        groups.setdefault(name, []).append(item)
    order: Callable[[str], Any] = {
        "worker": lambda g: (g == NO_WORKER, g),
        "plan": lambda g: g,
        "kind": KINDS.index,
    }[by]
    return [(name, sorted(groups[name], key=DueItem.sort_key)) for name in sorted(groups, key=order)]


def overdue_by_worker(items: Iterable[DueItem]) -> list[tuple[str, int]]:
    """(worker id, overdue items), most first."""
    c = Counter(i.worker for i in items if i.overdue)
    return sorted(c.items(), key=lambda wc: (-wc[1], wc[0] == NO_WORKER, wc[0]))


def gather(plans: Iterable[tuple[str, Iterable[DueItem] | None, Any]], as_of: dt.date,
           flt: DueFilter | None = None) -> tuple[list[DueItem], list[str]]:
    """The items of every plan that could be read, filtered, and the files that could not, from
    (file, its items or None when it could not be read, its calendar, which only --within uses)."""
    flt = flt or DueFilter()
    items: list[DueItem] = []
    unreadable: list[str] = []
    for file, found, calendar in plans:
        if found is None:
            unreadable.append(file)
            continue
        items += keep(found, calendar, as_of, flt)
    return sorted(items, key=DueItem.sort_key), unreadable
