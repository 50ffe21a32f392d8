"""The working-day calendar: bank holidays, local closures and deadline arithmetic.

A wrong date here is a wrong statutory deadline for a child, so the rules are:

* The official GOV.UK bank holiday list (shipped in cpptool/data, optionally refreshed by
  `cpptool calendar update` into the user data folder) is the source of truth.
* Outside the years that list covers, and for Jersey (which has no official feed), bank
  holidays come from the rules in the `holidays` package, and every answer that depended on
  such a year is marked provisional.
* Local office closures are kept apart from bank holidays and used only when a file is given.

This module is pure core: it never prints and never exits; problems are CpptoolError.
It must stay cheap to import, so `holidays` and `ruamel.yaml` are imported only when needed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from bisect import bisect_left, bisect_right
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cpptool.core.errors import CpptoolError

__all__ = [
    "CALENDARS",
    "COUNTINGS",
    "ROLLS",
    "UNITS",
    "Calendar",
    "DivisionChanges",
    "Explanation",
    "ListUpdate",
    "NonWorkingDay",
    "clear_cache",
    "coverage_warning",
    "load_calendar",
    "load_closures",
    "parse_date",
    "rules_bank_holidays",
    "update_bank_holidays",
    "user_data_dir",
    "user_list_path",
    "add_months",
    "units_text",
    "years_text",
]

# Calendar name -> arguments for holidays.country_holidays(), used outside the official years.
_RULES: dict[str, tuple[str, str | None]] = {
    "england-and-wales": ("GB", "ENG"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
    "jersey": ("JE", None),
}
CALENDARS: tuple[str, ...] = tuple(_RULES)
UNITS: tuple[str, ...] = ("working-days", "days", "weeks", "months")
ROLLS: tuple[str, ...] = ("previous", "next", "none")
COUNTINGS: tuple[str, ...] = ("exclusive", "inclusive")

# The years cpptool will count in. The `holidays` rules stop at 2100, and nothing in a
# child protection plan needs earlier than 1980; anything outside is almost surely a typo.
FIRST_YEAR = 1980
LAST_YEAR = 2100

GOV_UK_URL = "https://www.gov.uk/bank-holidays.json"
USER_LIST_NAME = "bank-holidays.json"

_SOURCE_LABELS = {
    "weekend": "weekend",
    "official": "official list",
    "rules": "rules fallback, provisional",
    "closure": "local closure",
}
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


# --------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class NonWorkingDay:
    """One day that is not a working day, and why."""

    date: date
    name: str
    source: str  # "weekend", "official", "rules" or "closure"

    @property
    def source_label(self) -> str:
        """Plain-English source, e.g. "official list"."""
        return _SOURCE_LABELS[self.source]


@dataclass(frozen=True)
class Explanation:
    """A deadline with everything needed to check it by hand."""

    calendar: str
    start: date
    n: int
    unit: str
    counting: str
    roll: str
    result: date
    # For working days: the non-working days passed over while counting. For days, weeks
    # and months (which count every calendar day): the non-working days the roll stepped over.
    skipped: tuple[NonWorkingDay, ...]
    rolled_from: date | None  # the date before rolling, when a roll moved the result
    result_is_working_day: bool  # False only with roll="none"
    provisional: bool
    provisional_reason: str | None
    closures_file: Path | None

    @property
    def rolled(self) -> bool:
        return self.rolled_from is not None


# --------------------------------------------------------------------------------------
# Dates


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str, what: str = "date") -> date:
    """Parse YYYY-MM-DD strictly, with a one-line message saying exactly what is wrong."""
    if isinstance(text, date):  # YAML loaders may already have made a date
        return text
    raw = str(text).strip()
    match = _ISO.fullmatch(raw)
    if not match:
        if what[:1].isalpha():
            what = ("an " if what[:1].lower() in "aeiou" else "a ") + what
        shown = f"'{raw}'" if raw else "nothing"
        raise CpptoolError(f"expected {what} as YYYY-MM-DD, e.g. 2026-11-23, but got {shown}")
    year, month, day = (int(part) for part in match.groups())
    prefix = raw if what == "date" else f"{what} {raw}"
    if not 1 <= month <= 12:
        raise CpptoolError(f"{prefix} is not a real date: there is no month {month} (use 01 to 12)")
    if year == 0:
        raise CpptoolError(f"{prefix} is not a real date: there is no year 0")
    days = monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise CpptoolError(
            f"{prefix} is not a real date: {_MONTHS[month - 1]} {year} has {days} days"
        )
    return date(year, month, day)


def add_months(d: date, months: int) -> date:
    """d plus whole calendar months, clamped to the month's end (31 Aug + 3 months = 30 Nov)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    if year > 9999:
        raise CpptoolError(f"{months} months after {d} is beyond any date cpptool can count to")
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


_UNIT_WORDS = {"working-days": "working day", "days": "day", "weeks": "week", "months": "month"}


def units_text(n: int, unit: str) -> str:
    """'10 working days', '1 month'."""
    return f"{n} {_UNIT_WORDS[unit]}" + ("" if n == 1 else "s")


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CpptoolError(
            f"cpptool can only count working days in the years {FIRST_YEAR} to {LAST_YEAR}, "
            f"and this needs {year}; check the dates and numbers"
        )


def _is_weekend_ordinal(ordinal: int) -> bool:
    # date.fromordinal(1) (1 January of year 1) was a Monday.
    return (ordinal - 1) % 7 >= 5


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


# --------------------------------------------------------------------------------------
# The official lists (shipped, and the user's updated copy)

# division -> {date: event dict with title, date, notes, bunting}
_Lists = dict[str, dict[date, dict[str, Any]]]


def user_data_dir() -> Path:
    """Where `calendar update` keeps its list: never inside the installed package."""
    override = os.environ.get("CPPTOOL_DATA_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and Path(xdg).is_absolute():  # the XDG spec says to ignore relative paths
        return Path(xdg) / "cpptool"
    return Path.home() / ".local" / "share" / "cpptool"


def user_list_path() -> Path:
    return user_data_dir() / USER_LIST_NAME


def _shipped_list_path() -> Path:
    from cpptool.resources import resource_dir

    return resource_dir("data") / "uk-bank-holidays.json"


def _parse_list(text: str, label: str, *, fix: str) -> _Lists:
    """Validate a bank-holidays.json text (GOV.UK format); `fix` says what to do about errors."""

    def fail(problem: str, sep: str = ": ") -> CpptoolError:
        return CpptoolError(f"{label}{sep}{problem}; {fix}")

    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise fail(f"is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})", " ") from None
    if not isinstance(data, dict) or not data:
        raise fail(
            "is not a bank holiday list (expected divisions such as england-and-wales)", " "
        )
    lists: _Lists = {}
    for division, body in data.items():
        if division not in _RULES:
            raise fail(f"has an unknown division '{division}' (expected {', '.join(CALENDARS)})")
        if not isinstance(body, dict) or not isinstance(body.get("events"), list):
            raise fail(f"division '{division}' has no list of events")
        if body.get("division", division) != division:
            raise fail(f"division '{division}' says it is '{body.get('division')}'")
        if not body["events"]:
            raise fail(f"division '{division}' has no events")
        events: dict[date, dict[str, Any]] = {}
        for number, event in enumerate(body["events"], start=1):
            where = f"event {number} of {division}"
            if not isinstance(event, dict):
                raise fail(f"{where} is not an object with a date and a title")
            if not isinstance(event.get("date"), str):
                raise fail(f"{where} has no date")
            try:
                day = parse_date(event["date"])
            except CpptoolError as err:
                raise fail(f"{where}: {err}") from None
            title = event.get("title")
            if not isinstance(title, str) or not title.strip():
                raise fail(f"{where} ({day}) has no title")
            if day.weekday() >= 5:
                # GOV.UK lists the weekday a holiday is taken on, never a weekend date, so a
                # weekend date means the file is not what it claims to be.
                raise fail(
                    f"{where} ({day}, {title.strip()}) is a {_WEEKDAYS[day.weekday()]}; "
                    "the list must give the weekday on which each holiday is taken"
                )
            if day in events:
                raise fail(f"{day} appears twice in {division}")
            notes = event.get("notes", "")
            bunting = event.get("bunting", False)
            events[day] = {
                "title": title.strip(),
                "date": day.isoformat(),
                "notes": notes if isinstance(notes, str) else "",
                "bunting": bunting if isinstance(bunting, bool) else False,
            }
        lists[division] = events
    return lists


def _merge_by_year(base: _Lists, newer: _Lists) -> _Lists:
    """Whole years in `newer` replace the same years in `base`; other years are kept.

    Never merge by date: a holiday that moved (e.g. Scotland's 2027 summer holiday, moved from
    30 August to 2 August) would otherwise stay in the list on its old date as well.
    """
    merged: _Lists = {division: dict(events) for division, events in base.items()}
    for division, events in newer.items():
        years = {day.year for day in events}
        kept = {day: e for day, e in merged.get(division, {}).items() if day.year not in years}
        kept.update(events)
        merged[division] = dict(sorted(kept.items()))
    return merged


_shipped_cache: _Lists | None = None
_user_cache: dict[tuple[str, int, int], _Lists] = {}


def _file_signature(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_mtime_ns, st.st_size)


def _shipped_lists() -> _Lists:
    global _shipped_cache
    if _shipped_cache is None:
        path = _shipped_list_path()
        _shipped_cache = _parse_list(
            path.read_text(encoding="utf-8"), f"the shipped bank holiday list {path}",
            fix="reinstall cpptool",
        )
    return _shipped_cache


def _user_lists(signature: tuple[str, int, int] | None) -> _Lists:
    if signature is None:
        return {}
    if signature not in _user_cache:
        path = Path(signature[0])
        fix = (
            "delete that file (cpptool then uses the list shipped with it), then run "
            f"'cpptool calendar update' again with a fresh download from {GOV_UK_URL}"
        )
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CpptoolError(f"cannot read the bank holiday list {path} ({err}); {fix}") from None
        _user_cache[signature] = _parse_list(text, f"the bank holiday list {path}", fix=fix)
    return _user_cache[signature]


def _effective_lists(signature: tuple[str, int, int] | None) -> _Lists:
    """The shipped list with the user's updated years laid over it."""
    return _merge_by_year(_shipped_lists(), _user_lists(signature))


# --------------------------------------------------------------------------------------
# Rules fallback (the `holidays` package)


def rules_bank_holidays(name: str, year: int) -> dict[date, str]:
    """Bank holidays by rule (the `holidays` package) on weekdays in `year`.

    `holidays` also lists the Saturday or Sunday a holiday nominally falls on, beside the
    weekday substitute; only the weekday matters for counting, and the official list holds
    only weekdays, so weekend entries are dropped.
    """
    country, subdiv = _RULES[_check_name(name)]
    _check_year(year)
    import holidays  # lazily: importing it costs ~150 ms, and most dates never need it

    found = holidays.country_holidays(country, subdiv=subdiv, years=year)
    return {day: str(title) for day, title in sorted(found.items()) if day.weekday() < 5 and day.year == year}


# --------------------------------------------------------------------------------------
# Local closures


def _read_text(path: Path, label: str, expected: str, *, fix: str | None = None) -> str:
    """A user-named file's text, or one line saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CpptoolError(f"{label} does not exist; check the path and file name") from None
    except IsADirectoryError:
        raise CpptoolError(f"{label} is a folder; give the path of {expected}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CpptoolError(f"cannot read {label} ({err})" + (f"; {fix}" if fix else "")) from None


def load_closures(path: Path) -> dict[date, NonWorkingDay]:
    """Read a closures YAML file (see the README for the format) into non-working days.

    Closure days that fall on a weekend change nothing and are dropped.
    """
    path = Path(path)
    label = f"closures file {path}"
    text = _read_text(path, label, "the YAML file")

    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.error import MarkedYAMLError

    class _Lined(dict):  # a mapping that remembers its line, for error messages
        line = 0

    class _Constructor(SafeConstructor):
        def construct_lined_map(self, node):  # type: ignore[no-untyped-def]
            data = _Lined()
            data.line = node.start_mark.line + 1
            yield data
            data.update(self.construct_mapping(node))

        def construct_text_timestamp(self, node):  # type: ignore[no-untyped-def]
            # Keep dates as text so parse_date can say precisely what is wrong with them.
            return self.construct_scalar(node)

    _Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_lined_map)
    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_text_timestamp)

    yaml = YAML(typ="safe")
    yaml.Constructor = _Constructor
    try:
        data = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = (err.problem or err.context or "syntax error").strip()
        raise CpptoolError(f"{label} is not valid YAML{where} ({problem}); fix the file") from None
    except Exception as err:  # noqa: BLE001 - ruamel raises several unrelated types
        raise CpptoolError(f"{label} is not valid YAML ({err}); fix the file") from None

    example = "expected 'closures:' followed by a list of entries with a date (or from and to) and a reason"
    if not isinstance(data, dict) or "closures" not in data:
        raise CpptoolError(f"{label}: {example}")
    entries = data["closures"]
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise CpptoolError(f"{label}, line {getattr(data, 'line', 1)}: {example}")
    extra = sorted(str(key) for key in data if key != "closures")
    if extra:
        raise CpptoolError(f"{label}: unexpected '{extra[0]}'; the file holds only 'closures:'")

    closures: dict[date, NonWorkingDay] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{label}, line {getattr(entry, 'line', '?')} (closure {number})"
        if not isinstance(entry, dict):
            raise CpptoolError(f"{label} (closure {number}): {example}")
        unknown = sorted(str(key) for key in entry if key not in ("date", "from", "to", "reason"))
        if unknown:
            raise CpptoolError(
                f"{where}: unexpected '{unknown[0]}'; use date (or from and to) and reason"
            )
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise CpptoolError(f"{where}: no reason given; add e.g. 'reason: Council Christmas closure'")

        def day(key: str, what: str) -> date:
            value = entry.get(key)
            if value is None:
                raise CpptoolError(f"{where}: '{key}' has no date; write it as YYYY-MM-DD")
            try:
                parsed = parse_date(str(value), what)
            except CpptoolError as err:
                raise CpptoolError(f"{where}: {err}") from None
            if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
                raise CpptoolError(f"{where}: {parsed} is outside {FIRST_YEAR}–{LAST_YEAR}; check the year")
            return parsed

        if "date" in entry:
            if "from" in entry or "to" in entry:
                raise CpptoolError(f"{where}: give either 'date' or 'from' and 'to', not both")
            first = last = day("date", "date")
        elif "from" in entry and "to" in entry:
            first, last = day("from", "from date"), day("to", "to date")
            if first > last:
                raise CpptoolError(f"{where}: 'from' {first} is after 'to' {last}; swap them")
            if (last - first).days > 366:
                raise CpptoolError(
                    f"{where}: {first} to {last} is longer than a year; check the dates"
                )
        else:
            raise CpptoolError(f"{where}: give a 'date', or both 'from' and 'to'")

        current = first
        while current <= last:
            if current.weekday() < 5 and current not in closures:
                closures[current] = NonWorkingDay(current, reason.strip(), "closure")
            current += timedelta(days=1)
    return closures


# --------------------------------------------------------------------------------------
# The calendar


def _check_name(name: str) -> str:
    key = str(name).strip().lower()
    if key not in _RULES:
        raise CpptoolError(f"unknown calendar '{name}'; choose one of: {', '.join(CALENDARS)}")
    return key


def _check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise CpptoolError(f"unknown {what} '{value}'; use {', '.join(choices[:-1])} or {choices[-1]}")
    return value


class Calendar:
    """Working days for one calendar: Monday to Friday, less bank holidays and closures.

    Internally a sorted list of the ordinals of every working day over a span of whole years,
    so `add` and `between` are two bisections. The span starts as the official years and grows
    a year at a time (using the rules fallback) only when a date outside it is asked for.
    """

    def __init__(
        self,
        name: str,
        official: dict[date, str],
        closures: dict[date, NonWorkingDay] | None = None,
        closures_file: Path | None = None,
    ) -> None:
        self.name = name
        self.closures_file = closures_file
        self._official = dict(official)
        self._official_years = frozenset(day.year for day in official)
        # Closures on a weekend change nothing, so they are not kept.
        self._closures = {day: c for day, c in (closures or {}).items() if day.weekday() < 5}
        self._bank: dict[int, dict[date, NonWorkingDay]] = {}  # year -> weekday bank holidays
        self._wd: list[int] = []  # ordinals of working days from 1 Jan _first to 31 Dec _last
        self._first = 0
        self._last = -1
        if self._official_years:
            self._cover(min(self._official_years), max(self._official_years))

    def __repr__(self) -> str:
        return f"Calendar({self.name!r}, coverage={self.coverage}, closures={self.closures_file})"

    # -- what is and is not a working day

    @property
    def coverage(self) -> tuple[int, int] | None:
        """First and last year of the official list for this calendar (None: rules only)."""
        if not self._official_years:
            return None
        return (min(self._official_years), max(self._official_years))

    def is_official_year(self, year: int) -> bool:
        return year in self._official_years

    def _bank_holidays(self, year: int) -> dict[date, NonWorkingDay]:
        found = self._bank.get(year)
        if found is None:
            _check_year(year)
            if year in self._official_years:
                found = {
                    day: NonWorkingDay(day, title, "official")
                    for day, title in self._official.items()
                    if day.year == year
                }
            else:
                found = {
                    day: NonWorkingDay(day, title, "rules")
                    for day, title in rules_bank_holidays(self.name, year).items()
                }
            self._bank[year] = found
        return found

    def _build(self, first_year: int, last_year: int) -> list[int]:
        closed: set[int] = set()
        for year in range(first_year, last_year + 1):
            closed.update(day.toordinal() for day in self._bank_holidays(year))
        closed.update(day.toordinal() for day in self._closures if first_year <= day.year <= last_year)
        start = date(first_year, 1, 1).toordinal()
        end = date(last_year, 12, 31).toordinal()
        return [o for o in range(start, end + 1) if not _is_weekend_ordinal(o) and o not in closed]

    def _cover(self, first_year: int, last_year: int) -> None:
        """Grow the working-day list so it spans at least first_year..last_year."""
        _check_year(first_year)
        _check_year(last_year)
        if self._last < self._first:
            self._wd = self._build(first_year, last_year)
            self._first, self._last = first_year, last_year
            return
        if first_year < self._first:
            self._wd = self._build(first_year, self._first - 1) + self._wd
            self._first = first_year
        if last_year > self._last:
            self._wd.extend(self._build(self._last + 1, last_year))
            self._last = last_year

    def _cover_date(self, d: date) -> None:
        year = d.year
        if not self._first <= year <= self._last:
            if self._last < self._first:  # nothing built yet (a rules-only calendar)
                self._cover(year, year)
            else:
                self._cover(min(year, self._first), max(year, self._last))

    def is_working_day(self, d: date) -> bool:
        self._cover_date(d)
        o = d.toordinal()
        i = bisect_left(self._wd, o)
        return i < len(self._wd) and self._wd[i] == o

    def non_working_day(self, d: date) -> NonWorkingDay | None:
        """Why `d` is not a working day (a bank holiday wins over a closure), or None."""
        if d.weekday() >= 5:
            return NonWorkingDay(d, "weekend", "weekend")
        bank = self._bank_holidays(d.year).get(d)
        return bank or self._closures.get(d)

    def holidays(self, year: int) -> list[NonWorkingDay]:
        """Bank holidays and closure days in `year` (weekdays only), in date order.

        A closure on a bank holiday is listed as well, after the bank holiday.
        """
        _check_year(year)
        days = list(self._bank_holidays(year).values())
        days += [c for day, c in self._closures.items() if day.year == year]
        order = {"official": 0, "rules": 0, "closure": 1}
        return sorted(days, key=lambda nwd: (nwd.date, order[nwd.source]))

    # -- arithmetic

    def _nth_after(self, d: date, n: int) -> date:
        """The nth working day strictly after d (n >= 1)."""
        self._cover_date(d)
        j = bisect_right(self._wd, d.toordinal()) + n - 1
        while j >= len(self._wd):
            if self._last >= LAST_YEAR:
                raise CpptoolError(
                    f"{n} working days after {d} falls after {LAST_YEAR}, "
                    "beyond the dates cpptool can count; check the number"
                )
            # About 250 working days a year; grow by enough years in one go.
            grow = (j - len(self._wd)) // 250 + 1
            self._cover(self._first, min(LAST_YEAR, self._last + grow))
        return date.fromordinal(self._wd[j])

    def _roll(self, d: date, roll: str) -> date:
        if roll == "none":
            return d
        self._cover_date(d)
        o = d.toordinal()
        if roll == "previous":
            i = bisect_right(self._wd, o)
            if i == 0:  # no working day yet in the covered span: cover the year before
                self._cover_date(date(d.year - 1, 12, 31) if d.year > FIRST_YEAR else d)
                i = bisect_right(self._wd, o)
                if i == 0:
                    raise CpptoolError(f"there is no working day before {d} that cpptool can count")
            return date.fromordinal(self._wd[i - 1])
        i = bisect_left(self._wd, o)
        if i == len(self._wd):
            self._cover_date(date(d.year + 1, 1, 1) if d.year < LAST_YEAR else d)
            i = bisect_left(self._wd, o)
            if i == len(self._wd):
                raise CpptoolError(f"there is no working day after {d} that cpptool can count")
        return date.fromordinal(self._wd[i])

    def _raw_calendar_date(self, d: date, n: int, unit: str) -> date:
        try:
            if unit == "days":
                return d + timedelta(days=n)
            if unit == "weeks":
                return d + timedelta(weeks=n)
            return add_months(d, n)
        except OverflowError:
            raise CpptoolError(f"{n} {unit} after {d} is beyond any date cpptool can count to") from None

    def add(
        self,
        d: date,
        n: int,
        unit: str = "working-days",
        roll: str = "previous",
        *,
        counting: str = "exclusive",
    ) -> date:
        """The deadline `n` units after `d` (see the README's counting conventions).

        working-days, exclusive: the nth working day strictly after d (d is day 0).
        working-days, inclusive: d itself is day 1 when it is a working day.
        days/weeks/months: d plus n units (months clamped to the month's end), then moved by
        `roll` if that lands on a non-working day. n = 0 gives d itself, moved by `roll`.
        """
        if n.__class__ is not int:
            n = _check_n(n)
        if n < 0:
            _check_n(n)
        if roll not in ROLLS:
            _check_choice(roll, ROLLS, "roll")
        if unit == "working-days" or unit == "working_days":
            if counting == "exclusive":
                return self._nth_after(d, n) if n else self._roll(d, roll)
            _check_choice(counting, COUNTINGS, "counting")
            if n == 0:
                return self._roll(d, roll)
            # Inclusive: d itself is day 1 if it is a working day.
            if self.is_working_day(d):
                return d if n == 1 else self._nth_after(d, n - 1)
            return self._nth_after(d, n)
        _check_choice(unit, UNITS, "unit")
        _check_choice(counting, COUNTINGS, "counting")
        return self._roll(self._raw_calendar_date(d, n, unit), roll)

    def between(self, start: date, end: date, *, counting: str = "exclusive") -> int:
        """Working days after START up to and including END (negative if END is earlier).

        The inverse of add: between(d, add(d, n)) == n. With counting="inclusive" START itself
        counts too, so between(d, add(d, n, counting="inclusive"), counting="inclusive") == n
        for n >= 1; when START == END it is 1 if that day is a working day, else 0.
        """
        _check_choice(counting, COUNTINGS, "counting")
        if end < start:
            return -self.between(end, start, counting=counting)
        self._cover_date(start)
        self._cover_date(end)
        count = bisect_right(self._wd, end.toordinal()) - bisect_right(self._wd, start.toordinal())
        if counting == "inclusive" and self.is_working_day(start):
            count += 1
        return count

    def provisional_reason(self, first: date, last: date) -> str | None:
        """Why an answer that depended on the days first..last is provisional, or None."""
        if last < first:
            first, last = last, first
        years = [y for y in range(first.year, last.year + 1) if y not in self._official_years]
        if not years:
            return None
        if not self._official_years:
            return (
                f"{self.name} has no official bank holiday list in cpptool; its bank holidays "
                "were worked out from rules and a one-off holiday could be missing"
            )
        first_year, last_year = self.coverage  # type: ignore[misc]
        verb = "is" if len(years) == 1 else "are"
        return (
            f"{years_text(years)} {verb} not in the official bank holiday list for {self.name} "
            f"({first_year}–{last_year}); bank holidays there were worked out from rules and a "
            "one-off holiday could be missing"
        )

    def between_provisional_reason(self, start: date, end: date, *, counting: str = "exclusive") -> str | None:
        """The provisional reason for between(start, end), or None."""
        first, last = min(start, end), max(start, end)
        if counting != "inclusive":
            first = first + timedelta(days=1)
        if last < first:
            return None
        return self.provisional_reason(first, last)

    def explain(
        self,
        d: date,
        n: int,
        unit: str = "working-days",
        roll: str = "previous",
        *,
        counting: str = "exclusive",
    ) -> Explanation:
        """add() with the working shown: what was skipped, any roll, and whether provisional."""
        result = self.add(d, n, unit, roll, counting=counting)
        unit = "working-days" if unit == "working_days" else unit
        if unit == "working-days" and n > 0:
            # The days counted over: after d (exclusive) or from d (inclusive) to the result.
            first = d if counting == "inclusive" else d + timedelta(days=1)
            last = result
            skipped = self._skipped(first, result - timedelta(days=1))
            unrolled = result
        else:
            unrolled = d if n == 0 else self._raw_calendar_date(d, n, unit)
            first, last = min(unrolled, result), max(unrolled, result)
            if result < unrolled:  # rolled back: the days from just after the result to unrolled
                skipped = self._skipped(result + timedelta(days=1), unrolled)
            elif result > unrolled:  # rolled forward
                skipped = self._skipped(unrolled, result - timedelta(days=1))
            else:
                skipped = ()
        reason = self.provisional_reason(first, last) if first <= last else None
        return Explanation(
            calendar=self.name,
            start=d,
            n=n,
            unit=unit,
            counting=counting,
            roll=roll,
            result=result,
            skipped=skipped,
            rolled_from=unrolled if unrolled != result else None,
            result_is_working_day=self.is_working_day(result),
            provisional=reason is not None,
            provisional_reason=reason,
            closures_file=self.closures_file,
        )

    def _skipped(self, first: date, last: date) -> tuple[NonWorkingDay, ...]:
        found = []
        current = first
        while current <= last:
            why = self.non_working_day(current)
            if why is not None:
                found.append(why)
            current += timedelta(days=1)
        return tuple(found)


def _check_n(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise CpptoolError(f"the number of days, weeks or months must be a whole number, not {n!r}")
    if n < 0:
        raise CpptoolError(
            f"the number of days, weeks or months must be 0 or more, not {n}; "
            "cpptool only counts forwards from a date"
        )
    return n


# --------------------------------------------------------------------------------------
# Loading, with a cache


_calendars: dict[tuple[Any, ...], Calendar] = {}


def clear_cache() -> None:
    """Forget loaded calendars and lists (after an update, or in tests)."""
    global _shipped_cache
    _calendars.clear()
    _user_cache.clear()
    _shipped_cache = None


def load_calendar(name: str, closures: Path | None = None) -> Calendar:
    """The calendar called `name`, with the closures file applied if one is given.

    Cached by name and closures file; the cache notices when the user's list or the closures
    file changes on disk.
    """
    key_name = _check_name(name)
    user_sig = _file_signature(user_list_path())
    closures_path = Path(closures).expanduser().resolve() if closures is not None else None
    closures_sig = _file_signature(closures_path) if closures_path is not None else None
    key = (key_name, user_sig, str(closures_path), closures_sig)
    found = _calendars.get(key)
    if found is None:
        lists = _effective_lists(user_sig)
        official = {day: event["title"] for day, event in lists.get(key_name, {}).items()}
        closed = load_closures(Path(closures)) if closures is not None else None
        found = Calendar(key_name, official, closed, Path(closures) if closures is not None else None)
        _calendars[key] = found
    return found


def coverage_warning(calendar: Calendar, today: date) -> str | None:
    """A one-line warning when the official list ends within 12 months of `today`."""
    coverage = calendar.coverage
    if coverage is None:
        return None
    end = date(coverage[1], 12, 31)
    if today > end:
        status = f"ended on {end}"
    elif add_months(today, 12) >= end:
        status = f"ends on {end}"
    else:
        return None
    where = f"download {GOV_UK_URL} and run" if calendar.name != "jersey" else "get a newer list and run"
    return (
        f"the official bank holiday list for {calendar.name} {status}, and dates after that are "
        f"provisional; to update it, {where} 'cpptool calendar update FILE'"
    )


# --------------------------------------------------------------------------------------
# Updating the list


@dataclass(frozen=True)
class DivisionChanges:
    """What an update changes in one division."""

    division: str
    years: tuple[int, ...]  # years the new file replaces
    new_years: tuple[int, ...]  # of those, years the list did not cover before
    added: tuple[tuple[date, str], ...]
    removed: tuple[tuple[date, str], ...]
    renamed: tuple[tuple[date, str, str], ...]  # (date, old title, new title)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.renamed)


@dataclass(frozen=True)
class ListUpdate:
    """The outcome of update_bank_holidays."""

    source: Path
    target: Path
    divisions: tuple[DivisionChanges, ...]
    dry_run: bool
    written: bool

    @property
    def changed(self) -> bool:
        return any(d.changed for d in self.divisions)


def update_bank_holidays(source: Path, *, dry_run: bool = False) -> ListUpdate:
    """Merge a newer GOV.UK bank-holidays.json into the user's list, by whole years.

    The user file keeps only years that came from updates; the loader lays it over the shipped
    list. Nothing is written when nothing changes, or with dry_run.
    """
    source = Path(source)
    label = f"the update file {source}"
    fix = f"download it again from {GOV_UK_URL}"
    text = _read_text(source, label, "the downloaded JSON file", fix=fix)
    newer = _parse_list(text, label, fix=fix)

    target = user_list_path()
    user_sig = _file_signature(target)
    current = _effective_lists(user_sig)

    changes = []
    for division in CALENDARS:
        if division not in newer:
            continue
        new_events = newer[division]
        old_events = current.get(division, {})
        years = tuple(sorted({day.year for day in new_events}))
        old_in_years = {day: e for day, e in old_events.items() if day.year in years}
        covered = {day.year for day in old_events}
        changes.append(
            DivisionChanges(
                division=division,
                years=years,
                new_years=tuple(y for y in years if y not in covered),
                added=tuple((day, e["title"]) for day, e in new_events.items() if day not in old_in_years),
                removed=tuple((day, e["title"]) for day, e in old_in_years.items() if day not in new_events),
                renamed=tuple(
                    (day, old_in_years[day]["title"], e["title"])
                    for day, e in new_events.items()
                    if day in old_in_years and old_in_years[day]["title"] != e["title"]
                ),
            )
        )
    report_changed = any(c.changed for c in changes)
    if dry_run or not report_changed:
        return ListUpdate(source, target, tuple(changes), dry_run, written=False)

    merged_user = _merge_by_year(_user_lists(user_sig), newer)
    _write_list(target, merged_user)
    clear_cache()
    return ListUpdate(source, target, tuple(changes), dry_run, written=True)


def _write_list(target: Path, lists: _Lists) -> None:
    """Write in GOV.UK format, atomically: a half-written list must never be read."""
    body = {
        division: {
            "division": division,
            "events": [lists[division][day] for day in sorted(lists[division])],
        }
        for division in CALENDARS
        if lists.get(division)
    }
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    folder = target.parent
    tmp_name = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".bank-holidays.", suffix=".tmp", dir=folder)
        # mkstemp makes the file private (0600); give it the usual permissions instead.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as err:
        raise CpptoolError(
            f"cannot write the bank holiday list to {target} ({err.strerror or err}); "
            "set CPPTOOL_DATA_DIR to a folder you can write to"
        ) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
