"""Bank holiday lists: the official GOV.UK list, the user's updated copy, the rules fallback.

* The official list shipped in cpptool/data is the source of truth; `cpptool calendar update`
  lays newer whole years over it in the user data folder, never inside the package.
* Outside the official years, and for Jersey (no official feed), bank holidays come from the
  rules in the `holidays` package. It is imported only when such a year is asked for: the
  import costs ~150 ms and most dates never need it.
"""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Callable

from cpptool.core.calendar._read import read_user_file
from cpptool.core.calendar.dates import FIRST_YEAR, LAST_YEAR, WEEKDAYS, check_year, parse_date
from cpptool.core.errors import CpptoolError
from cpptool.core.files import atomic_write_text, read_text
from cpptool.core.records import record

# Calendar name -> arguments for holidays.country_holidays(), used outside the official years.
_RULES: dict[str, tuple[str, str | None]] = {
    "england-and-wales": ("GB", "ENG"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
    "jersey": ("JE", None),
}
CALENDARS: tuple[str, ...] = tuple(_RULES)

GOV_UK_URL = "https://www.gov.uk/bank-holidays.json"
USER_LIST_NAME = "bank-holidays.json"

# division -> {date: event dict with title, date, notes, bunting}
Lists = dict[str, dict[date, dict[str, Any]]]
_Fail = Callable[..., CpptoolError]


def check_name(name: str) -> str:
    """The calendar name in canonical form, or a one-line error listing the valid ones."""
    key = str(name).strip().lower()
    if key not in _RULES:
        raise CpptoolError(f"unknown calendar '{name}'; choose one of: {', '.join(CALENDARS)}")
    return key


# --------------------------------------------------------------------------------------
# Where the lists live


def user_data_dir() -> Path:
    """Where `calendar update` keeps its list: never inside the installed package."""
    from cpptool.core.files import user_folder

    return user_folder("CPPTOOL_DATA_DIR", "XDG_DATA_HOME", ".local/share")


def user_list_path() -> Path:
    return user_data_dir() / USER_LIST_NAME


def list_files() -> tuple[Path, Path]:
    """The shipped official list and the user's updated copy (which may not exist)."""
    return shipped_list_path(), user_list_path()


def shipped_list_path() -> Path:
    from cpptool.resources import resource_dir

    return resource_dir("data") / "uk-bank-holidays.json"


# --------------------------------------------------------------------------------------
# Parsing a list (GOV.UK format)


def _list_error(label: str, fix: str, problem: str, sep: str = ": ") -> CpptoolError:
    return CpptoolError(f"{label}{sep}{problem}; {fix}")


def parse_list(text: str, label: str, *, fix: str) -> Lists:
    """Validate a bank-holidays.json text completely; `fix` says what to do about errors."""
    fail = partial(_list_error, label, fix)
    data = _load_json(text, fail)
    if not isinstance(data, dict) or not data:
        raise fail("is not a bank holiday list (expected divisions such as england-and-wales)", " ")
    return {division: _parse_division(division, body, fail) for division, body in data.items()}


def read_checked(text: str) -> Lists:
    """The Lists parse_list gives for `text`, a list it has already passed (when cpptool was made:
    see core/shipped.py), without checking its 470 events again on every run."""
    lists: Lists = {}
    for division, body in json.loads(text).items():
        events = lists[division] = {}
        for event in body["events"]:
            events[date.fromisoformat(event["date"])] = _entry(event, event["title"], event["date"])
    return lists


def _load_json(text: str, fail: _Fail) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise fail(f"is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})", " ") from None
    except RecursionError:  # thousands of nested [ or {: no bank holiday list looks like that
        raise fail("is not valid JSON (it is nested too deeply)", " ") from None
    except ValueError as err:  # e.g. an integer longer than Python's digit limit
        raise fail(f"is not valid JSON ({err})", " ") from None


def _parse_division(division: str, body: Any, fail: _Fail) -> dict[date, dict[str, Any]]:
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
        day, entry = _parse_event(event, _Where(number, division), fail)
        if day in events:
            raise fail(f"{day} appears twice in {division}")
        events[day] = entry
    return events


class _Where:
    """'event 12 of scotland', written out only for a message: every check reads the 470 events."""

    __slots__ = ("number", "division")

    def __init__(self, number: int, division: str) -> None:
        self.number, self.division = number, division

    def __str__(self) -> str:
        return f"event {self.number} of {self.division}"


def _parse_event(event: Any, where: _Where, fail: _Fail) -> tuple[date, dict[str, Any]]:
    if not isinstance(event, dict):
        raise fail(f"{where} is not an object with a date and a title")
    if not isinstance(event.get("date"), str):
        raise fail(f"{where} has no date")
    try:
        day = parse_date(event["date"], day_first=False)
    except CpptoolError as err:
        raise fail(f"{where}: {err}") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # Refused here, not later: a list holding such a year would break every count.
        raise fail(f"{where} ({day}) is outside the years cpptool can count ({FIRST_YEAR}–{LAST_YEAR})")
    title = event.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail(f"{where} ({day}) has no title")
    if day.weekday() >= 5:
        # GOV.UK lists the weekday a holiday is taken on, never a weekend date, so a weekend
        # date means the file is not what it claims to be.
        raise fail(
            f"{where} ({day}, {title.strip()}) is a {WEEKDAYS[day.weekday()]}; "
            "the list must give the weekday on which each holiday is taken"
        )
    return day, _entry(event, title, day.isoformat())


def _entry(event: dict, title: str, iso: str) -> dict[str, Any]:
    """An event as the lists keep it: notes and bunting only where given as text and true/false."""
    notes, bunting = event.get("notes", ""), event.get("bunting", False)
    return {"title": title.strip(), "date": iso, "notes": notes if isinstance(notes, str) else "",
            "bunting": bunting if isinstance(bunting, bool) else False}


def merge_by_year(base: Lists, newer: Lists) -> Lists:
    """Whole years in `newer` replace the same years in `base`; other years are kept.

    Never merge by date: a holiday that moved (e.g. Scotland's 2027 summer holiday, moved from
    30 August to 2 August) would otherwise stay in the list on its old date as well.
    """
    merged: Lists = {division: dict(events) for division, events in base.items()}
    for division, events in newer.items():
        years = {day.year for day in events}
        kept = {day: e for day, e in merged.get(division, {}).items() if day.year not in years}
        kept.update(events)
        merged[division] = dict(sorted(kept.items()))
    return merged


# --------------------------------------------------------------------------------------
# The lists in use, cached


_shipped_cache: Lists | None = None
_user_cache: dict[tuple[str, int, int], Lists] = {}
# Bumped whenever the caches are cleared, so caches built on these lists know to clear too.
_generation = 0


def generation() -> int:
    return _generation


def clear_list_cache() -> None:
    global _shipped_cache, _generation
    _user_cache.clear()
    _shipped_cache = None
    _generation += 1


def file_signature(path: Path) -> tuple[str, int, int] | None:
    """Path, modification time and size: a cache key that changes when the file does."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_mtime_ns, st.st_size)


def _shipped_lists() -> Lists:
    global _shipped_cache
    if _shipped_cache is None:
        path = shipped_list_path()
        label = f"the shipped bank holiday list {path}"
        text = read_text(path, what="shipped bank holiday list")
        from cpptool.core import shipped

        if shipped.checked(str(path), text):
            _shipped_cache = read_checked(text)
        else:
            _shipped_cache = parse_list(text, label, fix="reinstall cpptool")
    return _shipped_cache


def _user_lists(signature: tuple[str, int, int] | None) -> Lists:
    if signature is None:
        return {}
    if signature not in _user_cache:
        path = Path(signature[0])
        label = f"the bank holiday list {path}"
        fix = (
            "delete that file (cpptool then uses the list shipped with it), then run "
            f"'cpptool calendar update' again with a fresh download from {GOV_UK_URL}"
        )
        text = read_user_file(path, label, what="bank holiday list", fix=fix)
        _user_cache[signature] = parse_list(text, label, fix=fix)
    return _user_cache[signature]


def effective_lists(signature: tuple[str, int, int] | None) -> Lists:
    """The shipped list with the user's updated years laid over it."""
    return merge_by_year(_shipped_lists(), _user_lists(signature))


# --------------------------------------------------------------------------------------
# Rules fallback (the `holidays` package)


def rules_bank_holidays(name: str, year: int) -> dict[date, str]:
    """Bank holidays by rule (the `holidays` package) on weekdays in `year`.

    `holidays` also lists the Saturday or Sunday a holiday nominally falls on, beside the
    weekday substitute; only the weekday matters for counting, and the official list holds
    only weekdays, so weekend entries are dropped.
    """
    country, subdiv = _RULES[check_name(name)]
    check_year(year)
    import holidays  # lazily: see the module docstring

    found = holidays.country_holidays(country, subdiv=subdiv, years=year)
    return {day: str(title) for day, title in sorted(found.items()) if day.weekday() < 5 and day.year == year}


# --------------------------------------------------------------------------------------
# Updating the user's list


@record(frozen=True)
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


@record(frozen=True)
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
    list. The whole file is validated before anything is written. Nothing is written when
    nothing changes, or with dry_run.
    """
    source = Path(source)
    label = f"the update file {source}"
    fix = f"download it again from {GOV_UK_URL}"
    # Unreadable (a pipe, a folder, too large): the reader's message already says what to do.
    text = read_user_file(source, label, what="downloaded bank holiday list")
    newer = parse_list(text, label, fix=fix)

    target = user_list_path()
    user_sig = file_signature(target)
    current = effective_lists(user_sig)
    changes = tuple(
        _division_changes(division, newer[division], current.get(division, {}))
        for division in CALENDARS
        if division in newer
    )
    if dry_run or not any(c.changed for c in changes):
        return ListUpdate(source, target, changes, dry_run, written=False)

    _write_list(target, merge_by_year(_user_lists(user_sig), newer))
    clear_list_cache()
    return ListUpdate(source, target, changes, dry_run, written=True)


def _division_changes(
    division: str, new_events: dict[date, dict[str, Any]], old_events: dict[date, dict[str, Any]]
) -> DivisionChanges:
    years = tuple(sorted({day.year for day in new_events}))
    old_in_years = {day: e for day, e in old_events.items() if day.year in years}
    covered = {day.year for day in old_events}
    return DivisionChanges(
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


def _write_list(target: Path, lists: Lists) -> None:
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
    try:
        atomic_write_text(target, text, force=True, make_parents=True)
    except CpptoolError as err:
        raise CpptoolError(
            f"cannot write the bank holiday list ({err}); set CPPTOOL_DATA_DIR to a folder you can write to"
        ) from None
