"""Small helpers shared by the rule families: reading intervals, spotting vague or empty text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable



@dataclass(frozen=True)
class Interval:
    """A repeating interval such as 'every 2 weeks': n units between occurrences."""

    n: int
    unit: str  # working-days | days | weeks | months

    def longest_days(self) -> float:
        """The longest gap in calendar days, for comparing intervals of different units."""
        return self.n * {"days": 1, "working-days": 7 / 5, "weeks": 7, "months": 31}[self.unit]

    def describe(self) -> str:
        from cpptool.core.calendar import units_text

        return f"every {units_text(self.n, self.unit)}"


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
_TIMES = re.compile(r"^(?:at\s+least\s+)?(once|twice|\d+\s+times)\s+(?:a|per|each|every)\s+(week|month|fortnight)$")


def parse_interval(text: Any) -> Interval | None:
    """Read 'every 2 weeks', 'fortnightly', 'every 10 working days', 'twice a week'; None if unreadable."""
    if not isinstance(text, str):
        return None
    t = re.sub(r"\s+", " ", text.strip().lower().rstrip("."))
    t = re.sub(r"^(at least|no less than|a minimum of)\s+", "at least ", t)
    plain = t.removeprefix("at least ").strip()
    if plain in _WORDS:
        return _WORDS[plain]
    m = _EVERY.match(t)
    if m:
        raw, unit = m.groups()
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
        if not n:
            return None
        if unit.startswith(("working", "school")):
            return Interval(n, "working-days")
        return Interval(n, unit.rstrip("s") + "s")
    m = _TIMES.match(t)
    if m:
        times, per = m.groups()
        count = {"once": 1, "twice": 2}.get(times) or int(times.split()[0])
        days = {"week": 7, "fortnight": 14, "month": 28}[per]
        return Interval(max(1, days // count), "days")
    return None


def interval_setting(value: Any) -> Interval | None:
    """A profile's {n: 2, unit: weeks} mapping as an Interval."""
    from cpptool.core.calendar import UNITS

    if isinstance(value, dict) and isinstance(value.get("n"), int) and value.get("unit") in UNITS:
        return Interval(value["n"], value["unit"])
    return None


def blank(value: Any) -> bool:
    """True for None, empty text and empty lists: nothing was written."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return not value
    return False


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower()).strip()


def matches_phrase(text: str, phrases: Iterable[str]) -> bool:
    """True when the whole text (ignoring case and punctuation) is one of the phrases."""
    t = " ".join(normalise(text).split())
    return any(t == " ".join(normalise(p).split()) for p in phrases)


def contains_phrase(text: str, phrases: Iterable[str]) -> str | None:
    t = f" {' '.join(normalise(text).split())} "
    for p in phrases:
        if f" {' '.join(normalise(p).split())} " in t:
            return p
    return None


def setting(ctx: Any, dotted: str, default: Any = None) -> Any:
    """A profile value (e.g. 'timescales.visit_interval'), or `default`."""
    return ctx.profile.get(dotted, default)


def term(ctx: Any, key: str, default: str) -> str:
    """The profile's word for something (e.g. 'lead' -> 'lead social worker')."""
    return ctx.profile.get(f"terminology.{key}", default) or default
