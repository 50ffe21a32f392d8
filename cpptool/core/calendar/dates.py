"""Date text helpers: strict date parsing (YYYY-MM-DD, and DD/MM/YYYY as people type it), month arithmetic and the words for units.

Also the span of years cpptool counts in, which every other calendar module checks against.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from cpptool.core.errors import CpptoolError
from cpptool.core.patterns import LazyPattern

UNITS: tuple[str, ...] = ("working-days", "days", "weeks", "months")
UNIT_WORDS = {"working-days": "working day", "days": "day", "weeks": "week", "months": "month"}

MONTHS = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# The years cpptool will count in. The `holidays` rules stop at 2100, and nothing in a
# child protection plan needs earlier than 1980; anything outside is almost surely a typo.
FIRST_YEAR = 1980
LAST_YEAR = 2100

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = LazyPattern(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Forms a person may type that cannot be read safely: a two-digit year, or day, month and year
# joined by - or . (read as month-first in some countries), or the year first with slashes.
_SHORT_YEAR = LazyPattern(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")
_OTHER_SEPARATOR = LazyPattern(r"(\d{1,2})[.-](\d{1,2})[.-](\d{4})")
_YEAR_FIRST_SLASH = LazyPattern(r"(\d{4})/(\d{1,2})/(\d{1,2})")


def parse_date(text: str, what: str = "date", *, day_first: bool = True) -> date:
    """Parse a date with a one-line message saying exactly what is wrong.

    YYYY-MM-DD always; with `day_first` (wherever a person types a date) also DD/MM/YYYY, the
    way dates are written in the UK. Forms that could be misread (23-11-2026, 23/11/26) are
    refused with the two forms to use. Stored dates (closures files, the GOV.UK list) pass
    day_first=False and take YYYY-MM-DD only."""
    if isinstance(text, date):  # YAML loaders may already have made a date
        return text
    raw = str(text).strip()
    if len(raw) == 10 and raw[4] == raw[7] == "-" and raw.isascii():
        try:
            return date.fromisoformat(raw)  # YYYY-MM-DD, as dates are stored: read directly
        except ValueError:
            pass  # not digits, or no such day: the words below say which
    match = _ISO.fullmatch(raw)
    if match:
        year, month, day = (int(part) for part in match.groups())
    elif day_first and _DAY_FIRST.fullmatch(raw):
        day, month, year = (int(part) for part in _DAY_FIRST.fullmatch(raw).groups())
        if month > 12 and day <= 12:
            raise CpptoolError(f"{_prefix(what, raw)} is not a real date: there is no month {month}; dates "
                               f"typed with / are day/month/year ({month}/{day}/{year} is "
                               f"{_iso(year, day, month)}), or write YYYY-MM-DD")
    else:
        raise CpptoolError(_unreadable(raw, what, day_first))
    return _checked(year, month, day, _prefix(what, raw))


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _prefix(what: str, raw: str) -> str:
    return raw if what == "date" else f"{what} {raw}"


def _unreadable(raw: str, what: str, day_first: bool) -> str:
    shown = f"'{raw}'" if raw else "nothing"
    article = what
    if what[:1].isalpha():
        article = ("an " if what[:1].lower() in "aeiou" else "a ") + what
    if not day_first:
        return f"expected {article} as YYYY-MM-DD, e.g. 2026-11-23, but got {shown}"
    if _SHORT_YEAR.fullmatch(raw):
        return (f"{_prefix(what, raw)} has a two-digit year, which cpptool will not guess; write the year in "
                "full, e.g. 23/11/2026 or 2026-11-23")
    other = _OTHER_SEPARATOR.fullmatch(raw)
    if other:
        a, b, year = other.groups()
        return (f"{_prefix(what, raw)} could be read as day-month or month-day; write it as "
                f"{a}/{b}/{year} (day/month/year) or as YYYY-MM-DD")
    if _YEAR_FIRST_SLASH.fullmatch(raw):
        return f"{_prefix(what, raw)}: write a year-first date with dashes, as YYYY-MM-DD, e.g. 2026-11-23"
    return f"expected {article} as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-11-23 or 23/11/2026, but got {shown}"


def _checked(year: int, month: int, day: int, prefix: str) -> date:
    if not 1 <= month <= 12:
        raise CpptoolError(f"{prefix} is not a real date: there is no month {month} (use 01 to 12)")
    if year == 0:
        raise CpptoolError(f"{prefix} is not a real date: there is no year 0")
    days = monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise CpptoolError(
            f"{prefix} is not a real date: {MONTHS[month - 1]} {year} has {days} days"
        )
    return date(year, month, day)


def add_months(d: date, months: int) -> date:
    """d plus whole calendar months, clamped to the month's end (31 Aug + 3 months = 30 Nov)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    if year > 9999:
        raise CpptoolError(f"{months} months after {d} is beyond any date cpptool can count to")
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


def units_text(n: int, unit: str) -> str:
    """'10 working days', '1 month'."""
    return f"{n} {UNIT_WORDS[unit]}" + ("" if n == 1 else "s")


def years_text(years: list[int] | tuple[int, ...]) -> str:
    """2019–2021, 2023 style."""
    years = sorted(years)
    parts: list[str] = []
    i = 0
    while i < len(years):
        j = i
        while j + 1 < len(years) and years[j + 1] == years[j] + 1:
            j += 1
        parts.append(str(years[i]) if i == j else f"{years[i]}–{years[j]}")
        i = j + 1
    return ", ".join(parts)


def check_year(year: int) -> None:
    """Refuse a year outside FIRST_YEAR..LAST_YEAR, with a hint that it is probably a typo."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CpptoolError(
            f"cpptool can only count working days in the years {FIRST_YEAR} to {LAST_YEAR}, "
            f"and this needs {year}; check the dates and numbers"
        )
