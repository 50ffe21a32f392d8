"""Local office closures: a small YAML file of extra non-working days (see the README).

Closures are kept apart from bank holidays and used only when a file is given. ruamel.yaml
is imported only here, and only when a file is read, so importing the calendar stays cheap.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cpptool.core.calendar._read import read_user_file
from cpptool.core.calendar.dates import FIRST_YEAR, LAST_YEAR, parse_date
from cpptool.core.errors import CpptoolError
from cpptool.core.yamlsafe import check_nesting

_EXAMPLE = "expected 'closures:' followed by a list of entries with a date (or from and to) and a reason"
_ENTRY_KEYS = ("date", "from", "to", "reason")


def read_closures(path: Path) -> dict[date, str]:
    """Read a closures YAML file into {closed weekday: reason}.

    Closure days that fall on a weekend change nothing and are dropped. A day closed by two
    entries keeps the reason of the first. (working.load_closures turns the result into
    NonWorkingDay values; this module does not import working, so imports never go round.)
    """
    path = Path(path)
    label = f"closures file {path}"
    text = read_user_file(path, label, what="closures file")
    entries = _entries(_load_yaml(text, label), label)

    closures: dict[date, str] = {}
    seen: set[tuple[date, date]] = set()
    for number, entry in enumerate(entries, start=1):
        first, last, reason = _closure(entry, number, label)
        if (first, last) in seen:  # repeats (e.g. a YAML alias used many times) add nothing
            continue
        seen.add((first, last))
        current = first
        while current <= last:
            if current.weekday() < 5 and current not in closures:
                closures[current] = reason
            current += timedelta(days=1)
    return closures


def _load_yaml(text: str, label: str) -> Any:
    """Parse the file's YAML, keeping dates as text and each mapping's line number."""
    if "\x00" in text:
        raise CpptoolError(
            f"{label} is not a text file (it holds NUL bytes); give the path of the closures YAML file"
        )
    check_nesting(text, label)  # before parsing: libyaml crashes on very deep nesting

    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = YAML(typ="safe")
    yaml.Constructor = _constructor()
    try:
        return yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = _one_line(err.problem or err.context or "syntax error")
        raise CpptoolError(f"{label} is not valid YAML{where} ({problem}); fix the file") from None
    except ReaderError as err:  # a character YAML does not allow, e.g. a control character
        line = text.count("\n", 0, err.position) + 1
        problem = _one_line(str(err).splitlines()[0])  # the rest names "<unicode string>"
        raise CpptoolError(f"{label} is not valid YAML at line {line} ({problem}); fix the file") from None
    except Exception as err:  # noqa: BLE001 - ruamel raises several unrelated types
        raise CpptoolError(f"{label} is not valid YAML ({_one_line(str(err))}); fix the file") from None


def _one_line(message: str) -> str:
    # ruamel's messages can run over several lines; cpptool's errors are one line.
    return " ".join(str(message).split())


def _constructor() -> type:
    from ruamel.yaml.constructor import SafeConstructor

    class Lined(dict):  # a mapping that remembers its line, for error messages
        line = 0

    class Constructor(SafeConstructor):
        def construct_lined_map(self, node):  # type: ignore[no-untyped-def]
            data = Lined()
            data.line = node.start_mark.line + 1
            yield data
            data.update(self.construct_mapping(node))

        def construct_text_timestamp(self, node):  # type: ignore[no-untyped-def]
            # Keep dates as text so parse_date can say precisely what is wrong with them.
            return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:map", Constructor.construct_lined_map)
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_text_timestamp)
    return Constructor


def _entries(data: Any, label: str) -> list[Any]:
    """The list under 'closures:', after checking the file holds nothing else."""
    if not isinstance(data, dict) or "closures" not in data:
        raise CpptoolError(f"{label}: {_EXAMPLE}")
    entries = data["closures"]
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise CpptoolError(f"{label}, line {getattr(data, 'line', 1)}: {_EXAMPLE}")
    extra = sorted(str(key) for key in data if key != "closures")
    if extra:
        raise CpptoolError(f"{label}: unexpected '{extra[0]}'; the file holds only 'closures:'")
    return entries


def _closure(entry: Any, number: int, label: str) -> tuple[date, date, str]:
    """One entry's first and last day and its reason, or a one-line error naming its line."""
    where = f"{label}, line {getattr(entry, 'line', '?')} (closure {number})"
    if not isinstance(entry, dict):
        raise CpptoolError(f"{label} (closure {number}): {_EXAMPLE}")
    unknown = sorted(str(key) for key in entry if key not in _ENTRY_KEYS)
    if unknown:
        raise CpptoolError(f"{where}: unexpected '{unknown[0]}'; use date (or from and to) and reason")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise CpptoolError(f"{where}: no reason given; add e.g. 'reason: Council Christmas closure'")

    if "date" in entry:
        if "from" in entry or "to" in entry:
            raise CpptoolError(f"{where}: give either 'date' or 'from' and 'to', not both")
        first = last = _day(entry, "date", "date", where)
    elif "from" in entry and "to" in entry:
        first, last = _day(entry, "from", "from date", where), _day(entry, "to", "to date", where)
        if first > last:
            raise CpptoolError(f"{where}: 'from' {first} is after 'to' {last}; swap them")
        if (last - first).days > 366:
            raise CpptoolError(f"{where}: {first} to {last} is longer than a year; check the dates")
    else:
        raise CpptoolError(f"{where}: give a 'date', or both 'from' and 'to'")
    return first, last, reason.strip()


def _day(entry: dict[str, Any], key: str, what: str, where: str) -> date:
    value = entry.get(key)
    if value is None:
        raise CpptoolError(f"{where}: '{key}' has no date; write it as YYYY-MM-DD")
    try:
        parsed = parse_date(str(value), what, day_first=False)
    except CpptoolError as err:
        raise CpptoolError(f"{where}: {err}") from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise CpptoolError(f"{where}: {parsed} is outside {FIRST_YEAR}–{LAST_YEAR}; check the year")
    return parsed
