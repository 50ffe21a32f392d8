"""`cpptool due --ics FILE`: the due dates as an iCalendar file (RFC 5545) for Outlook or Google Calendar.

One all-day event per item. Each event's UID is the SHA-256 of the plan file's path relative to
the current folder and the item's kind and index (`visit`, `action:2`): never of a name or a date,
so importing a newer file moves an event instead of adding a second one. The icalendar library is
imported only here, so only `--ics` pays for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from cpptool.core.caseload import DueItem
from cpptool.core.deadlines import day_text
from cpptool.reporters import relative

UID_DOMAIN = "cpptool"
_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)  # SEQUENCE counts minutes from here


def uid(item: DueItem) -> str:
    """Stable across runs and re-imports: the relative plan path and the item's kind/index."""
    key = f"cpptool-due/v1\x00{relative(item.file)}\x00{item.key}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:40]}@{UID_DOMAIN}"


def summary(item: DueItem, names: bool) -> str:
    text = f"{item.what[:1].upper()}{item.what[1:]}: {relative(item.file)}"
    if names and item.child:
        text += f" ({item.child})"
    return ("OVERDUE: " if item.overdue else "") + text


def description(item: DueItem, as_of: dt.date, names: bool) -> str:
    worker = item.worker or "none named"
    if names and item.worker_name:
        worker += f" ({item.worker_name})"
    lines = [f"Plan file: {relative(item.file)}", f"Lead social worker: {worker}",
             f"How the date was worked out: {item.how}"]
    if item.path:
        lines.append(f"Where in the plan: {item.path}")
    lines.append(f"{'Overdue' if item.overdue else 'Not overdue'} as of {day_text(as_of)} (cpptool due).")
    return "\n".join(lines)


def calendar_bytes(items: list[DueItem], *, as_of: dt.date, names: bool, now: dt.datetime | None = None) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//cpptool//due dates//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Child protection plans: due dates")
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    # A later export is a newer revision of the same events: calendars keep the highest SEQUENCE.
    sequence = max(0, int((stamp - _EPOCH).total_seconds() // 60))
    for item in items:
        event = Event()
        event.add("uid", uid(item))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", item.due)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", summary(item, names))
        event.add("description", description(item, as_of, names))
        event.add("categories", [item.kind])
        event.add("class", "CONFIDENTIAL")
        event.add("transp", "TRANSPARENT")  # a deadline, not time spent: does not block the day
        cal.add_component(event)
    return cal.to_ical()
