"""`cpptool due` listings: text for people, CSV for spreadsheets, JSON for scripts.

Not a `check` format (the name does not end in _report): these list dates from plans, which
`check`'s machine formats never do. They are for the team's own machine, never CI logs. Plans are
named by file and lead workers by core group member id; names appear only when the items carry
them (`cpptool due --names`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable

from cpptool.core.caseload import NO_WORKER, DueItem, group
from cpptool.core.deadlines import day_text

FORMATS = ("text", "csv", "json")
VERSION = 1
COLUMNS = ("due", "overdue", "kind", "what", "plan", "lead_worker", "how", "path")
NAME_COLUMNS = ("lead_worker_name", "child_name")
_GROUP_WORDS = {"worker": "lead social worker", "plan": "plan", "kind": "kind"}
KIND_WORDS = {
    "visit": "visits seeing the child", "core-group": "core groups", "review-conference": "review conferences",
    "circulation": "minutes and agreement circulated", "signed-copy": "signed agreements returned",
    "action": "actions", "assessment": "assessments", "risk-assessment": "risk assessments",
    "18th-birthday": "18th birthdays",
}


def listing(fmt: str, items: list[DueItem], *, by: str, as_of, plans: int, names: bool) -> str:
    return {"text": text, "csv": csv_text, "json": json_text}[fmt](items, by=by, as_of=as_of, plans=plans,
                                                                    names=names)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def group_title(name: str, by: str, items: list[DueItem], names: bool) -> str:
    if by == "worker":
        if name == NO_WORKER:
            return "no lead social worker named"
        who = items[0].worker_name if names and items and items[0].worker_name else ""
        return f"{name} ({who})" if who else name
    if by == "plan":
        child = items[0].child if names and items else ""
        return f"{name} ({child})" if child else name
    return KIND_WORDS.get(name, name)


def _where(item: DueItem, by: str, names: bool) -> str:
    """What a row says besides the date and what: the plan and/or worker not already in the heading."""
    plan = f"{item.file} ({item.child})" if names and item.child else item.file
    worker = item.worker or "no lead social worker"
    if names and item.worker_name:
        worker += f" ({item.worker_name})"
    if by == "worker":
        return plan
    if by == "plan":
        return f"lead: {worker}"
    return f"{plan}  lead: {worker}"


def text(items: list[DueItem], *, by: str, as_of, plans: int, names: bool) -> str:
    overdue = sum(i.overdue for i in items)
    lines = [f"{_plural(len(items), 'date')} due as of {day_text(as_of)} ({overdue} overdue) in "
             f"{_plural(plans, 'plan')}, by {_GROUP_WORDS[by]}", ""]
    width = max((len(i.what) for i in items), default=0)
    for name, members in group(items, by):
        late = sum(i.overdue for i in members)
        lines.append(f"{group_title(name, by, members, names)}  "
                     f"[{_plural(len(members), 'date')}, {late} overdue]")
        for i in members:
            flag = "OVERDUE" if i.overdue else "       "
            lines.append(f"  {day_text(i.due)}  {flag}  {i.what:<{width}}  {_where(i, by, names)}")
            lines.append(f"      how: {i.how}")
        lines.append("")
    if not items:
        lines.append("nothing is due")
    return "\n".join(lines).rstrip("\n") + "\n"


def _row(item: DueItem, names: bool) -> dict:
    row = {"due": item.due.isoformat(), "overdue": item.overdue, "kind": item.kind, "what": item.what,
           "plan": item.file, "lead_worker": item.worker, "how": item.how, "path": item.path}
    if names:
        row.update(lead_worker_name=item.worker_name, child_name=item.child)
    return row


def _ordered(items: list[DueItem], by: str) -> Iterable[DueItem]:
    for _, members in group(items, by):
        yield from members


def csv_text(items: list[DueItem], *, by: str, names: bool, **_: object) -> str:
    buf = io.StringIO()
    columns = COLUMNS + (NAME_COLUMNS if names else ())
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for item in _ordered(items, by):
        row = _row(item, names)
        row["overdue"] = "yes" if item.overdue else "no"
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()


def _cell(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def json_text(items: list[DueItem], *, by: str, as_of, plans: int, names: bool) -> str:
    doc = {
        "version": VERSION,
        "tool": "cpptool due",
        "as_of": as_of.isoformat(),
        "by": by,
        "summary": {"plans": plans, "items": len(items), "overdue": sum(i.overdue for i in items)},
        "groups": [{"group": name, "items": [_row(i, names) for i in members]}
                   for name, members in group(items, by)],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
