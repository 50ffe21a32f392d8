"""Facts about a plan's whole life, worked out from what plan format 2 records.

The lifecycle rules and the rendered agreement both ask these questions: is the child looked
after, and since when; which meeting ended the plan; which core group came first after each
conference; who must be sent the minutes; which copy of the plan each person gets. Nothing here
judges: the rules do (cpptool/rules/lifecycle.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from cpptool.core.deadlines import meetings_of
from cpptool.core.history import conferences_held
from cpptool.core.plan_format import age_on

# Legal statuses under which a child is looked after by the local authority.
LOOKED_AFTER = ("accommodated", "interim-care-order", "care-order", "emergency-protection-order")
# Grounds on which a plan ends without a review conference deciding that the child is safe.
EVENT_GROUNDS = ("reached-18", "died", "left-the-country", "moved-to-another-area")
# Members sent the minutes and the agreement; an interpreter helps others read them.
RECIPIENT_KINDS = ("professional", "parent", "carer", "family", "advocate")


def legal_periods(plan: Any, status: tuple[str, ...] = LOOKED_AFTER) -> list[tuple[int, Any]]:
    """(index, period) of the legal status periods of these kinds, oldest first."""
    legal = getattr(plan, "legal", None)
    if legal is None:
        return []
    found = [(i, p) for i, p in enumerate(legal.status) if p.status in status]
    return sorted(found, key=lambda ip: ip[1].from_)


def looked_after_since(plan: Any, on: dt.date) -> tuple[int, Any] | None:
    """The looked-after period in force on `on` (index, period), or None."""
    current = [(i, p) for i, p in legal_periods(plan) if p.from_ <= on and (p.to is None or p.to >= on)]
    return current[-1] if current else None


def status_on(plan: Any, status: str, on: dt.date) -> bool:
    return any(p.from_ <= on and (p.to is None or p.to >= on) for _, p in legal_periods(plan, (status,)))


def interim_order_exception(plan: Any, on: dt.date) -> list[str]:
    """What the record does not show of Stoke-on-Trent's interim care order exception (C06 §07): the
    child subject of an interim care order, not living with the family, and no unsupervised contact
    with the alleged abuser. An empty list: all three are recorded."""
    legal = getattr(plan, "legal", None)
    missing = []
    if not status_on(plan, "interim-care-order", on):
        missing.append("an interim care order in force (legal.status)")
    if legal is None or legal.lives_with_family is not False:
        missing.append("that the child is not living with the family (legal.lives_with_family: false)")
    if legal is None or legal.abuser_unsupervised_contact is not False:
        missing.append("no unsupervised contact with the alleged abuser (legal.abuser_unsupervised_contact: false)")
    return missing


def recorded_exception(plan: Any) -> str | None:
    """An exceptional circumstance for ending early that the record itself shows (plan format 2):
    the child died, moved away, or is under an interim care order while not living with the family
    and with no unsupervised contact with the alleged abuser (Stoke-on-Trent C06 §07)."""
    ending = plan.ending
    if ending is None:
        return None
    if ending.ground == "died" or ending.how == "child-died":
        return "died"
    if ending.ground in ("moved-to-another-area", "left-the-country") or ending.how in ("transfer", "moved-away"):
        return "moved-away"
    if getattr(plan, "legal", None) is not None and not interim_order_exception(plan, ending.proposed):
        return "interim-care-order"
    return None


def first_core_groups(plan: Any) -> Iterator[tuple[int, Any]]:
    """(index, meeting) of the first core group recorded after each conference."""
    groups = meetings_of(plan, "core-group")
    days = conferences_held(plan)
    for n, day in enumerate(days):
        until = days[n + 1] if n + 1 < len(days) else None
        after = [(i, m) for i, m in groups if m.date >= day and (until is None or m.date < until)]
        if after:
            yield after[0]


def full_record(meeting: Any) -> bool:
    """A meeting recorded in full (plan format 2: who attended), not by its date alone."""
    return bool(getattr(meeting, "attended", None))


def child_signs_from_age(profile: Any) -> int:
    """The age from which the child signs the agreement and is sent their own copies: the profile's
    `agreement.child_signs_from_age`, or 12 where it sets no whole number."""
    value = profile.get("agreement.child_signs_from_age", 12)
    return value if isinstance(value, int) and not isinstance(value, bool) else 12


def child_receives(plan: Any, from_age: int, on: dt.date) -> bool:
    """Whether the child gets copies themselves ("depending on age and understanding")."""
    age = age_on(plan.child.date_of_birth, on)
    return age is not None and age >= from_age


def recipients(plan: Any, *, child_from_age: int, on: dt.date) -> list[tuple[int, Any]]:
    """(index, member) of the core group members who must be sent the minutes and the agreement."""
    out = []
    for i, m in enumerate(plan.core_group):
        if m.kind in RECIPIENT_KINDS or (m.kind == "child" and child_receives(plan, child_from_age, on)):
            out.append((i, m))
    return out


def sent_to(meeting: Any, document: str | tuple[str, ...]) -> dict[str, tuple[dt.date, int]]:
    """Who was sent `document` after this meeting: recipient -> (earliest date, index in sent)."""
    kinds = (document,) if isinstance(document, str) else document
    found: dict[str, tuple[dt.date, int]] = {}
    for k, entry in enumerate(getattr(meeting, "sent", None) or []):
        if entry.document in kinds:
            for who in entry.to:
                if who not in found or entry.date < found[who][0]:
                    found[who] = (entry.date, k)
    return found


def copy_language(agreement: Any, member_id: str) -> str | None:
    """The language of one person's copy: their own entry in agreement.copies, else the family's copy."""
    for copy in getattr(agreement, "copies", None) or []:
        if copy.member == member_id and copy.language:
            return copy.language
    return agreement.language


def months_old(born: dt.date | None, day: dt.date) -> int | None:
    if born is None or born > day:
        return None
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


# How a plan ended implies its ground when the ground is not written (ending.how -> ground).
HOW_GROUND = {"child-died": "died", "eighteenth-birthday": "reached-18", "transfer": "moved-to-another-area",
              "moved-away": "left-the-country", "became-looked-after": "looked-after"}


def ending_ground(ending: Any) -> str | None:
    """The ground for ending: as written, or as `how` implies it."""
    if ending is None:
        return None
    return ending.ground or HOW_GROUND.get(ending.how or "")
