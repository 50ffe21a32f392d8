"""Working-day arithmetic: Monday to Friday, less bank holidays and local closures.

A wrong date here is a wrong statutory deadline for a child, so every answer that depended
on a year outside the official bank holiday list is marked provisional, and the working shown
by `explain` is enough to check a deadline by hand.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import cpptool.core.calendar.holiday_lists as holiday_lists
from cpptool.core.calendar.closures import read_closures
from cpptool.core.calendar.dates import FIRST_YEAR, LAST_YEAR, UNITS, add_months, check_year, years_text
from cpptool.core.calendar.holiday_lists import GOV_UK_URL, check_name, rules_bank_holidays
from cpptool.core.errors import CpptoolError
from cpptool.core.records import record

ROLLS: tuple[str, ...] = ("previous", "next", "none")
COUNTINGS: tuple[str, ...] = ("exclusive", "inclusive")

_SOURCE_LABELS = {
    "weekend": "weekend",
    "official": "official list",
    "rules": "rules fallback, provisional",
    "closure": "local closure",
}


# --------------------------------------------------------------------------------------
# Results


@record(frozen=True)
class NonWorkingDay:
    """One day that is not a working day, and why."""

    date: date
    name: str
    source: str  # "weekend", "official", "rules" or "closure"

    @property
    def source_label(self) -> str:
        """Plain-English source, e.g. "official list"."""
        return _SOURCE_LABELS[self.source]


@record(frozen=True)
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
# Checks on arguments


def _check_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise CpptoolError(f"unknown {what} '{value}'; use {', '.join(choices[:-1])} or {choices[-1]}")
    return value


def _check_n(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise CpptoolError(f"the number of days, weeks or months must be a whole number, not {n!r}")
    if n < 0:
        raise CpptoolError(
            f"the number of days, weeks or months must be 0 or more, not {n}; "
            "cpptool only counts forwards from a date"
        )
    return n


def _is_weekend_ordinal(ordinal: int) -> bool:
    # date.fromordinal(1) (1 January of year 1) was a Monday.
    return (ordinal - 1) % 7 >= 5


# --------------------------------------------------------------------------------------
# The calendar


class Calendar:
    """Working days for one calendar: Monday to Friday, less bank holidays and closures.

    Internally a sorted list of the ordinals of every working day over a span of whole years,
    so `add` and `between` are two bisections. The span starts empty and grows to take in each
    date asked for (using the rules fallback beyond the official years).
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
        # Built a year at a time as dates are asked for (a check asks for two or three years of
        # the seventeen listed): the list is the same whichever years are built first.
        self._first = 0
        self._last = -1

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
            check_year(year)
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
        check_year(first_year)
        check_year(last_year)
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
        check_year(year)
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


# --------------------------------------------------------------------------------------
# Loading, with a cache


_calendars: dict[tuple[Any, ...], Calendar] = {}


def clear_cache() -> None:
    """Forget loaded calendars and lists (after an update, or in tests)."""
    _calendars.clear()
    holiday_lists.clear_list_cache()


def load_closures(path: Path) -> dict[date, NonWorkingDay]:
    """A closures YAML file (see the README for the format) as non-working days."""
    return {day: NonWorkingDay(day, reason, "closure") for day, reason in read_closures(Path(path)).items()}


def load_calendar(name: str, closures: Path | None = None) -> Calendar:
    """The calendar called `name`, with the closures file applied if one is given.

    Cached by name and closures file; the cache notices when the user's list or the closures
    file changes on disk, and when the lists were updated in this process.
    """
    key_name = check_name(name)
    user_sig = holiday_lists.file_signature(holiday_lists.user_list_path())
    closures_path = _absolute(Path(closures)) if closures is not None else None
    closures_sig = holiday_lists.file_signature(closures_path) if closures_path is not None else None
    key = (key_name, user_sig, str(closures_path), closures_sig, holiday_lists.generation())
    found = _calendars.get(key)
    if found is None:
        lists = holiday_lists.effective_lists(user_sig)
        official = {day: event["title"] for day, event in lists.get(key_name, {}).items()}
        closed = load_closures(Path(closures)) if closures is not None else None
        found = Calendar(key_name, official, closed, Path(closures) if closures is not None else None)
        _calendars[key] = found
    return found


def _absolute(path: Path) -> Path:
    """The path the cache knows a closures file by."""
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):  # e.g. a symbolic link loop: reading it says so in one line
        return path.expanduser().absolute()


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
