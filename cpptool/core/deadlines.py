"""Deadlines: a profile's timescales, applied to a plan's dates on the profile's calendar.

One home for "N working days after the conference": the typed Timescale read from a profile,
the arithmetic with its explanation in words, the plan dates timescales count from, and the
list of what falls due next. The timescale rules, `cpptool new` and the engine all use it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

from cpptool.core.calendar import UNITS, units_text
from cpptool.core.calendar.dates import WEEKDAYS
from cpptool.core.citations import entry_short
from cpptool.core.errors import CpptoolError
from cpptool.core.patterns import LazyPattern
from cpptool.core.records import field, record

# Every timescale a profile may set, with what it counts from.
TIMESCALES: dict[str, str] = {
    "icpc_after_strategy": "the strategy discussion",
    "transfer_in": "the move was notified",
    "first_core_group": "the initial conference",
    "core_group_interval": "the previous core group",
    "minutes_circulated": "the core group",
    "agreement_returned": "circulation",
    "visit_interval": "the previous visit",
    "see_child_alone": "the plan starting",
    "cease_not_before": "the plan starting",
    "first_review": "the plan starting",
    "review_interval": "this review conference",
    "risk_assessment": "the plan starting",
    "eighteenth_review": "today",
    "assessment": "the conference",
    "conference_record": "the conference",
    "end_by_letter_notice": "the chair's letter",
    "looked_after_ending": "the decision to end the plan",
}
# Visits happen on any day, so the gap between them ("at least every two weeks") is measured in
# calendar time: a visit exactly 2 weeks after the last is in time even on a bank holiday, and the
# limit is never rolled back to the working day before (which would shorten it).
INTERVALS = ("visit_interval",)
_OWN_KEYS = {"n", "unit", "cite", "quote", "source"}
OPEN_STATUSES = ("not-started", "in-progress")


@record(frozen=True)
class Interval:
    """A repeating interval such as 'every 2 weeks': n units between occurrences."""

    n: int
    unit: str  # working-days | days | weeks | months

    def longest_days(self) -> float:
        """The longest gap in calendar days, for comparing intervals of different units."""
        return self.n * {"days": 1, "working-days": 7 / 5, "weeks": 7, "months": 31}[self.unit]

    def describe(self) -> str:
        return f"every {units_text(self.n, self.unit)}"


@record(frozen=True)
class Timescale:
    """One of a profile's timescales, with the counting conventions it is applied with."""

    name: str
    n: int
    unit: str
    anchor: str  # what it counts from, in words
    counting: str = "exclusive"
    roll: str = "previous"
    cite: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)  # e.g. at_home, from, outdated

    @property
    def text(self) -> str:
        """'10 working days', '6 weeks'."""
        return units_text(self.n, self.unit)

    @property
    def interval(self) -> Interval:
        return Interval(self.n, self.unit)

    @property
    def citation(self) -> str:
        return " ".join(self.cite.split())

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)


def timescale(profile: Any, name: str) -> Timescale | None:
    """The profile's timescale `name`, or None where the profile does not set it."""
    spec = profile.get(f"timescales.{name}")
    if not isinstance(spec, dict) or not isinstance(spec.get("n"), int) or spec.get("unit") not in UNITS:
        return None
    return Timescale(
        name=name, n=spec["n"], unit=spec["unit"], anchor=TIMESCALES.get(name, ""),
        counting=profile.get("counting.working_days", "exclusive"),
        roll="none" if name in INTERVALS else profile.get("counting.roll", "previous"),
        cite=entry_short(profile, spec), settings={k: v for k, v in spec.items() if k not in _OWN_KEYS},
    )


def deadline(calendar: Any, anchor: dt.date, ts: Timescale) -> Any:
    """The Explanation of `anchor` + the timescale, or None for a date the calendar cannot count
    (before 1980 or after 2100: the plan's structure is valid but no deadline exists)."""
    try:
        return calendar.explain(anchor, ts.n, ts.unit, roll=ts.roll, counting=ts.counting)
    except CpptoolError:
        return None


def due_date(calendar: Any, anchor: dt.date, ts: Timescale) -> dt.date:
    return calendar.add(anchor, ts.n, ts.unit, roll=ts.roll, counting=ts.counting)


def day_text(d: dt.date) -> str:
    """'Mon 2026-11-02', in English whatever the machine's locale."""
    return f"{WEEKDAYS[d.weekday()][:3]} {d.isoformat()}"


def explain(exp: Any, what: str, anchor_name: str) -> str:
    """'… due by Tue 2026-11-16: 10 working days after … on Mon 2026-11-02 (…); skipped …'."""
    text = (f"{what} due by {day_text(exp.result)}: {units_text(exp.n, exp.unit)} "
            f"after {anchor_name} on {day_text(exp.start)} ({exp.calendar} calendar, {exp.counting} counting")
    if exp.rolled_from:
        text += f", moved from {day_text(exp.rolled_from)} to the {exp.roll} working day"
    text += ")"
    holidays = [d for d in exp.skipped if d.source != "weekend"]
    weekends = len(exp.skipped) - len(holidays)
    skipped = [f"{day_text(d.date)} {d.name} ({d.source_label})" for d in holidays]
    if weekends:
        skipped.append(f"{weekends} weekend day{'s' if weekends != 1 else ''}")
    if skipped:
        text += "; skipped " + ", ".join(skipped)
    if exp.provisional:
        text += f"; provisional: {exp.provisional_reason}"
    return text


def is_late(when: dt.date | None, exp: Any) -> bool:
    return exp is not None and when is not None and when > exp.result


# ----------------------------------------------------------------------------------------------
# Intervals written in a plan ("every 2 weeks", "fortnightly")

_WORDS = {
    "daily": Interval(1, "days"), "every day": Interval(1, "days"),
    "every school day": Interval(1, "working-days"), "every working day": Interval(1, "working-days"),
    "weekly": Interval(1, "weeks"), "every week": Interval(1, "weeks"),
    "fortnightly": Interval(2, "weeks"), "every fortnight": Interval(2, "weeks"),
    "monthly": Interval(1, "months"), "every month": Interval(1, "months"),
    "quarterly": Interval(3, "months"),
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}
_EVERY = re.compile(
    r"^(?:at\s+least\s+)?(?:once\s+)?every\s+(\d+|[a-z]+)\s+(working\s+days?|school\s+days?|days?|weeks?|months?)$")
_TIMES = LazyPattern(r"^(?:at\s+least\s+)?(once|twice|\d+\s+times)\s+(?:a|per|each|every)\s+(week|month|fortnight)$")


_RANGE = re.compile(r"\b(\d+|[a-z]+)\s*(?:-|–|\bto\b|\bor\b)\s*(\d+|[a-z]+)\s+(?=(?:working\s+|school\s+)?(?:days?|weeks?|months?)\b)")
_AT_MOST = re.compile(r"^(?:and\s+|but\s+)?(?:never|not|no)\s+(?:more|longer)\s+than\s+(?:every\s+)?(\d+|[a-z]+)"
                      r"(?:\s+(working\s+days?|school\s+days?|days?|weeks?|months?))?(?:\s+apart)?$")


def parse_interval(text: Any) -> Interval | None:
    """Read 'every 2 weeks', 'fortnightly', 'every 10 working days', 'twice a week'; None if unreadable.

    A range or a limit ('every 5 to 6 weeks, never more than 6') gives the longest gap it allows."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    t = re.sub(r"\s+", " ", text.strip().lower().rstrip("."))
    t = _RANGE.sub(lambda m: f"{_longer(m.group(1), m.group(2))} ", t)
    found: list[Interval] = []
    for part in (p.strip() for p in re.split(r"[,;(]|\)", t) if p.strip()):
        limit = _AT_MOST.match(part)
        if limit and found:
            n = _number(limit.group(1))
            unit = _unit(limit.group(2)) if limit.group(2) else found[-1].unit
            interval = Interval(n, unit) if n else None
        else:
            interval = _parse_one(part)
        if interval is None:
            return None
        found.append(interval)
    return max(found, key=Interval.longest_days) if found else None


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 5 else _NUMBERS.get(raw)


def _longer(a: str, b: str) -> str:
    na, nb = _number(a), _number(b)
    return b if na is None or nb is None else str(max(na, nb))


def _unit(unit: str) -> str:
    return "working-days" if unit.startswith(("working", "school")) else unit.rstrip("s") + "s"


def _parse_one(t: str) -> Interval | None:
    t = re.sub(r"^(at least|no less than|a minimum of)\s+", "at least ", t)
    plain = t.removeprefix("at least ").strip()
    if plain in _WORDS:
        return _WORDS[plain]
    m = _EVERY.match(t)
    if m:
        raw, unit = m.groups()
        n = _number(raw)
        return Interval(n, _unit(unit)) if n else None
    m = _TIMES.match(t)
    if m:
        times, per = m.groups()
        count = {"once": 1, "twice": 2}.get(times) or int(times.split()[0][:4])
        days = {"week": 7, "fortnight": 14, "month": 28}[per]
        return Interval(max(1, days // max(count, 1)), "days")
    return None


# ----------------------------------------------------------------------------------------------
# The plan dates timescales count from

def plan_start(plan: Any) -> dt.date | None:
    """When the plan began: conference.plan_start, else this initial conference, else the
    initial conference in the record; None when nothing says."""
    c = plan.conference
    if c.plan_start:
        return c.plan_start
    if c.type == "initial":
        return c.date
    held = meetings_of(plan, "initial-conference")
    return held[-1][1].date if held else None


def lead_visits(plan: Any, as_of: dt.date | None = None, *, at_home: bool = False) -> list[tuple[int, Any]]:
    """(index, visit) of the recorded visits that count toward the lead social worker's minimum,
    oldest first: made by the lead social worker (record.visits[].by), seeing the child, on or
    before `as_of`, and at home where `at_home` asks (a blank at_home is not a home visit)."""
    if plan.record is None or plan.lead_social_worker is None:
        return []
    found = [(i, v) for i, v in enumerate(plan.record.visits)
             if v.by == plan.lead_social_worker and v.child_seen and (as_of is None or v.date <= as_of)
             and (not at_home or v.at_home is True)]
    return sorted(found, key=lambda iv: iv[1].date)


def meetings_of(plan: Any, kind: str) -> list[tuple[int, Any]]:
    """(index, meeting) of the recorded meetings of one kind, oldest first."""
    if plan.record is None:
        return []
    found = [(i, m) for i, m in enumerate(plan.record.meetings) if m.type == kind]
    return sorted(found, key=lambda im: im[1].date)


def eighteenth_birthday(plan: Any) -> dt.date | None:
    dob = plan.child.date_of_birth
    if dob is None or dob.year > dt.MAXYEAR - 18:
        return None
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:  # born on 29 February
        return dt.date(dob.year + 18, 3, 1)


def next_review(plan: Any) -> tuple[tuple, dt.date | None]:
    m = plan.meetings
    if m is None:
        return ("meetings",), None
    if m.next_review_conference:
        return ("meetings", "next_review_conference"), m.next_review_conference
    return ("meetings", "first_review_conference"), m.first_review_conference


def completed_actions(plan: Any) -> set:
    return {a.action for a in plan.record.actions_completed} if plan.record else set()


# ----------------------------------------------------------------------------------------------
# What falls due next

def next_due(plan: Any, profile: Any, calendar: Any, as_of: dt.date, limit: int = 8) -> list[tuple[str, str]]:
    """What falls due next, soonest first: visits, core groups, review, actions, 18th birthday,
    as (date text, what) with '(overdue)' after a date already passed."""
    items = _meeting_items(plan, profile, calendar, as_of)
    done = completed_actions(plan)
    for a in plan.actions:
        if a.status in OPEN_STATUSES and a.id not in done and isinstance(a.due, dt.date):
            items.append((a.due, f"action {a.id}"))
    for a in plan.assessments:
        if not a.is_done and a.due:
            items.append((a.due, "assessment"))
    birthday = eighteenth_birthday(plan)
    if birthday and birthday > as_of:
        items.append((birthday, "18th birthday: the plan ends"))
    items.sort(key=lambda x: x[0])
    return [(day_text(d) + (" (overdue)" if d < as_of else ""), what) for d, what in items[:limit]]


def _meeting_items(plan: Any, profile: Any, calendar: Any, as_of: dt.date) -> list[tuple[dt.date, str]]:
    items: list[tuple[dt.date, str]] = []
    visit = next_visit(plan, profile, calendar, as_of)
    if visit:
        items.append((visit[0].result, "visit seeing the child"))
    core_group = next_core_group(plan, profile, calendar, as_of)
    if core_group:
        items.append((core_group[0].result, "core group"))
    elif not _core_groups_held(plan, as_of) and plan.meetings and plan.meetings.first_core_group:
        items.append((plan.meetings.first_core_group, "first core group"))
    _, review = next_review(plan)
    if review:
        items.append((review, "review conference"))
    return items


# ----------------------------------------------------------------------------------------------
# The next visit and core group: from the last one held, by the profile's limit (or, where the
# profile sets none and `agreed` is asked for, by the frequency the plan itself agrees)

def agreed_timescale(profile: Any, name: str, text: Any) -> Timescale | None:
    """A frequency written in the plan ('every 2 weeks') as a Timescale counted like the profile's."""
    interval = parse_interval(text)
    if interval is None:
        return None
    return Timescale(name=name, n=interval.n, unit=interval.unit, anchor=TIMESCALES.get(name, ""),
                     counting=profile.get("counting.working_days", "exclusive"),
                     roll="none" if name in INTERVALS else profile.get("counting.roll", "previous"),
                     cite="the frequency agreed in the plan")


def next_visit(plan: Any, profile: Any, calendar: Any, as_of: dt.date, *,
               agreed: bool = False) -> tuple[Any, str] | None:
    """(Explanation, what it counts from) for the next visit seeing the child: the limit after the
    lead social worker's last visit on or before `as_of` that saw the child (at home, where the
    profile's limit says so), or after the conference when none has."""
    spec = timescale(profile, "visit_interval")
    if spec is None and agreed and plan.visits is not None:
        spec = agreed_timescale(profile, "visit_interval", plan.visits.frequency)
    if spec is None:
        return None
    seen = [v.date for _, v in lead_visits(plan, as_of, at_home=bool(spec.get("at_home")))]
    exp = deadline(calendar, max(seen, default=plan.conference.date), spec)
    if exp is None:
        return None
    return exp, "the previous visit seeing the child" if seen else "the conference"


def next_core_group(plan: Any, profile: Any, calendar: Any, as_of: dt.date, *,
                    agreed: bool = False) -> tuple[Any, str] | None:
    """(Explanation, what it counts from) for the next core group: the limit after the last one
    held on or before `as_of`; None before the first core group."""
    held = _core_groups_held(plan, as_of)
    spec = timescale(profile, "core_group_interval")
    if spec is None and agreed and plan.meetings is not None:
        spec = agreed_timescale(profile, "core_group_interval", plan.meetings.core_group_frequency)
    if spec is None or not held:
        return None
    exp = deadline(calendar, max(held), spec)
    return (exp, "the previous core group") if exp is not None else None


def _core_groups_held(plan: Any, as_of: dt.date) -> list[dt.date]:
    return [m.date for _, m in meetings_of(plan, "core-group") if m.date <= as_of]
