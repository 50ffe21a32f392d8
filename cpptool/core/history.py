"""The plan's history: every conference and core group the record holds, with the current
conference, in date order, so that the timescale rules judge the whole history and not only the
conference the plan was last updated at.

A past breach is reported once, on the record entry that shows it (its YAML path), so a waiver
can acknowledge it there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpptool.core.deadlines import meetings_of
from cpptool.core.records import record

_RECORD_TYPE = {"initial": "initial-conference", "review": "review-conference"}


@record(frozen=True)
class Event:
    """One meeting in the plan's history: where it is written (YAML path), its date and kind."""

    path: tuple  # of its date
    date: dt.date
    kind: str  # a record.meetings type: initial-conference, review-conference, core-group, ...
    meeting: Any = None  # the record entry, or the plan's own conference

    @property
    def entry(self) -> tuple:
        """The YAML path of the meeting itself (the record entry, or `conference`)."""
        return self.path[:-1]


def conferences(plan: Any, kind: str, as_of: dt.date | None = None) -> list[Event]:
    """The conferences of one kind (initial-conference or review-conference) held on or before
    `as_of`, oldest first: the record's, and the plan's own conference when the record does not
    already hold it (same kind and date)."""
    found = [Event(("record", "meetings", i, "date"), m.date, kind, m) for i, m in meetings_of(plan, kind)]
    conf = plan.conference
    if _RECORD_TYPE.get(conf.type) == kind and not any(e.date == conf.date for e in found):
        found.append(Event(("conference", "date"), conf.date, kind, conf))
    found = [e for e in found if as_of is None or e.date <= as_of]
    return sorted(found, key=lambda e: e.date)


def initial_conference(plan: Any) -> Event | None:
    """The initial conference that started the plan: this plan's own, or the latest in the record."""
    held = conferences(plan, "initial-conference")
    return held[-1] if held else None


def conference_on(plan: Any, day: dt.date, kind: str = "review-conference") -> Event | None:
    """The conference of `kind` held on `day`: in the record, or the plan's own conference."""
    return next((e for e in conferences(plan, kind) if e.date == day), None)


def conferences_held(plan: Any) -> list[dt.date]:
    """The dates of every initial and review conference the plan knows of, oldest first."""
    return sorted({e.date for kind in ("initial-conference", "review-conference") for e in conferences(plan, kind)})


def after(events: list[Event], day: dt.date) -> list[Event]:
    return [e for e in events if e.date >= day]
