"""The check cache: a re-run skips the plans whose result cannot have changed (as ruff and
pre-commit do).

An entry is the FileResult of one plan, with the plan's dates that `due` and `report` use
(core/plan_dates.py) and, once `report` has made it, the plan's section of the report page (never
the child's or the workers' names in either), found by a key over everything the
result depends on that is known before the plan is read: cpptool's version and code, the plan
file's bytes and the name it is shown by, the --as-of date (today's when not given), --profile,
--fail-level and the cpptool.yaml in force. The entry also lists the files the check read besides the plan (the
configuration, every profile file in the extends chain, the closures file, the shipped and the
user's bank-holiday lists) with a BLAKE2b digest of each; an entry is used only while every one of them
is unchanged, so editing a profile or a closures file is seen at once.

Entries hold plan dates (in the deadline explanations) and waiver reasons: they live in the
user's cache folder, never inside a plan repository, as JSON (a changed entry cannot run code;
a report section is HTML, which the page's Content-Security-Policy keeps from running scripts
or loading anything, but which, like any entry, only the user's own account can change),
in a folder only the user can open (0700), each file readable by the user only (0600). Each entry
is its own file, written to a temporary file and renamed into place, so concurrent runs never
tear one; an entry that cannot be read or makes no sense is ignored and written again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from cpptool.core.errors import CpptoolError
from cpptool.core.findings import FileResult, Finding
from cpptool.core.records import record

try:  # the very function hashlib.blake2b is: importing hashlib would also load OpenSSL, 3 ms a run
    from _blake2 import blake2b as _blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b as _blake2b

if TYPE_CHECKING:  # loaded only by the commands that use a plan's dates
    from cpptool.core.plan_dates import PlanDates

FORMAT = 1
FOLDER = f"check-v{FORMAT}"
KEEP_DAYS = 14  # entries not used for this long are removed (most are keyed by a past day)
_DAY = 24 * 3600
_MISSING = "-"  # the digest of a file that does not exist
_MAX_ENTRY = 16 * 1024 * 1024  # far above any plan's findings: a bigger file is not an entry
UNREADABLE = "unreadable"  # put(dates=UNREADABLE): the plan could not be read, so it has no dates
_NO_DATES = object()  # an entry written without dates (by a check that could not work them out)


def cache_dir() -> Path:
    """$CPPTOOL_CACHE_DIR, else $XDG_CACHE_HOME/cpptool, else ~/.cache/cpptool."""
    from cpptool.core.files import user_folder

    return user_folder("CPPTOOL_CACHE_DIR", "XDG_CACHE_HOME", ".cache")


def switched_off() -> bool:
    """True when CPPTOOL_NO_CACHE is set to 1 (or true, yes)."""
    return os.environ.get("CPPTOOL_NO_CACHE", "").strip().lower() in ("1", "true", "yes")


class Stored(NamedTuple):
    """An entry as read: the check result; the plan's dates (None for a plan that could not be
    read); its section of the caseload report (None until `report` made one; with one, the
    dates come without their timeline, which only the section shows); the entry itself."""

    result: FileResult
    dates: Any
    section: str | None
    entry: dict


@record(frozen=True)
class Store:
    """Where entries go and the fingerprint of the cpptool that made them; picklable, so the
    processes of a parallel check use the same store."""

    folder: Path
    tool: str

    def key(self, shown: str, raw: bytes, context: Iterable[Any]) -> str:
        h = _digest()
        # Where the user's bank-holiday list is looked for (its contents are checked as a dependency).
        data_dirs = tuple(os.environ.get(name) for name in ("CPPTOOL_DATA_DIR", "XDG_DATA_HOME", "HOME"))
        for part in (self.tool, shown, data_dirs, *context):
            h.update(repr(part).encode("utf-8", "surrogateescape") + b"\x00")
        h.update(raw)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The stored result, or None when there is none, it is unreadable, or a file it depends on
        has changed since."""
        found = self._entry(key)
        return found[0] if found is not None else None

    def get_dates(self, key: str) -> Stored | None:
        """The stored result, the plan's dates and its section of the caseload report (see
        Stored), or None as for `get`, and also when the entry was stored without dates."""
        found = self._entry(key, dates=True)
        return found if found is not None and found.dates is not _NO_DATES else None

    def _entry(self, key: str, *, dates: bool = False) -> Stored | None:
        from cpptool.core.files import read_bytes, regular_file

        path = self._path(key)
        try:
            mtime = regular_file(path).st_mtime
            entry = json.loads(read_bytes(path, limit=_MAX_ENTRY))
            if not all(type(file) is str and digest(file) == sha for file, sha in entry["deps"]):
                return None
            result = _result_from(entry["result"])
            section = entry.get("section")
            if not (section is None or type(section) is str):
                raise ValueError("bad entry")
            # Only a plan's section shows its timeline: with the section made, it is not read.
            found = _dates_from(entry["result"], result, entry["deps"], timeline=section is None) if dates \
                else _NO_DATES
        except (CpptoolError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no entry, or a broken one: checked again and rewritten
        if time.time() - mtime > _DAY:
            _touch(path)  # in use: keep it from being pruned
        return Stored(result, found, section, entry)

    def put(self, key: str, result: FileResult, deps: Iterable[str], *, dates: Any = None,
            section: str | None = None) -> None:
        """Store a result, with the plan's dates when given (a PlanDates, or `UNREADABLE` for a
        plan that could not be read) and its section of the caseload report (made without names;
        kept only with the dates); a cache that cannot be written is skipped, never an error."""
        stored = _result_to(result)
        if dates is not None:
            stored["dates"] = None if dates is UNREADABLE else _dates_to(dates.without_names())
        entry = {"format": FORMAT, "deps": [[f, digest(f)] for f in deps], "result": stored}
        if section is not None and dates is not None:
            entry["section"] = section
        self._write(key, entry)

    def add_section(self, key: str, stored: Stored, section: str) -> None:
        """Keep a plan's section of the caseload report, made from `stored` (as get_dates read it:
        one written by `check` or `due` has none), in the entry. What is written is that very
        entry with the section added, so an entry another run rewrote meanwhile (after a profile
        was edited, say) never gets a section made from the old one."""
        self._write(key, {**stored.entry, "section": section})

    def _write(self, key: str, entry: dict) -> None:
        from cpptool.core.files import write_private

        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape")
        path = self._path(key)
        try:
            try:
                write_private(path, data)
            except FileNotFoundError:
                os.makedirs(path.parent, mode=0o700, exist_ok=True)
                write_private(path, data)
        except OSError:
            pass


def open_store(plan_files: Iterable[Path]) -> tuple[Store | None, str | None]:
    """The cache for a run over `plan_files`, or (None, why not) when it must not or cannot be used."""
    try:
        root = cache_dir()
    except (RuntimeError, KeyError):  # no home folder: say so once, and check without a cache
        return None, "there is no home folder for the cache, so plans are not cached (set CPPTOOL_CACHE_DIR)"
    try:
        top = root.resolve()
    except (OSError, RuntimeError):
        return None, f"the cache folder {root} cannot be used, so plans are not cached"
    inside = _repository_holding(top, plan_files)
    if inside is not None:
        return None, (f"the cache folder {root} is inside the plan repository {inside}, where it could be "
                      "committed; plans are not cached (set CPPTOOL_CACHE_DIR to a folder outside it)")
    try:
        from cpptool.core.files import private_folder

        os.makedirs(root, mode=0o700, exist_ok=True)
        folder = private_folder(root / FOLDER)
    except OSError as err:
        return None, f"the cache folder {root} cannot be used ({err.strerror or type(err).__name__}), so plans are not cached"
    return Store(folder=folder, tool=tool_fingerprint()), None


def setup_files(setup: Any) -> list[str]:
    """The files besides the plan that a check read: configuration, profiles, closures, calendars."""
    from cpptool.core.calendar.holiday_lists import list_files

    files = [setup.config.file, *setup.profile.files, setup.config.closures, *list_files()]
    return [str(f) for f in files if f is not None]


# ---------------------------------------------------------------------------------------------
# Fingerprints

_digests: dict[str, str] = {}
_tool: list[str] = []


def _digest(data: bytes = b"") -> Any:
    """A 256-bit BLAKE2b digest: a key or a file's fingerprint no one can make collide."""
    return _blake2b(data, digest_size=32)


def forget() -> None:
    """Forget the digests worked out so far, so that a new run sees files edited since."""
    _digests.clear()


def digest(file: str) -> str:
    """The digest of a file's bytes ('-' when it is not a regular file that can be read), once per run."""
    from cpptool.core.files import read_bytes

    found = _digests.get(file)
    if found is None:
        try:
            found = _digest(read_bytes(Path(file))).hexdigest()
        except CpptoolError:
            found = _MISSING
        _digests[file] = found
    return found


def tool_fingerprint() -> str:
    """cpptool's version and its installed files (name, size, time), and the versions of the
    libraries that shape a result: a changed or upgraded cpptool never reuses an old result."""
    if not _tool:
        from importlib.util import find_spec

        from cpptool import __version__

        h = _digest(f"cpptool {__version__} format {FORMAT}".encode())
        from cpptool.resources import resource_dir

        package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
        # In a checkout the report's templates, which made the cached sections, sit outside the package.
        for folder in (package, str(resource_dir("templates") / "report")):
            h.update("".join(_source_stamps(folder, [])).encode("utf-8", "surrogateescape"))
        for name in ("pydantic_core", "ruamel.yaml", "holidays", "jinja2", "markupsafe"):
            spec = find_spec(name)
            origin = spec.origin if spec is not None and spec.origin else ""
            h.update(f"{name} {origin} {_mtime(origin)}\n".encode())
        _tool.append(h.hexdigest())
    return _tool[0]


def _source_stamps(folder: str, found: list[str]) -> list[str]:
    """'path size mtime' of each .py, .yaml, .json and .j2 file below `folder` (not in __pycache__),
    in name order, appended to `found`."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # a folder that cannot be read is passed over, as os.walk passes it over
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _source_stamps(entry.path, found)
        elif entry.name.endswith((".py", ".yaml", ".json", ".j2")):
            try:
                st = entry.stat()  # as os.stat: through a link to the file it names
                found.append(f"{entry.path} {st.st_size} {st.st_mtime_ns}\n")
            except OSError:  # a link to nothing
                found.append(f"{entry.path} -\n")
    return found


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _repository_holding(folder: Path, plan_files: Iterable[Path]) -> Path | None:
    """The repository (the nearest folder with .git or cpptool.yaml, else the plan's own folder)
    of any plan that `folder` lies in."""
    seen: set[Path] = set()
    for file in plan_files:
        parent = Path(os.path.abspath(file)).parent
        if parent in seen:
            continue
        seen.add(parent)
        root = _repository_root(parent)
        if folder == root or root in folder.parents:
            return root
    return None


def _repository_root(folder: Path) -> Path:
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):
        return folder
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists() or (candidate / "cpptool.yaml").is_file():
            return candidate
    return folder


# ---------------------------------------------------------------------------------------------
# Entries as JSON

_FIELDS = ("code", "name", "level", "message", "file", "line", "col", "path", "requirements", "sources",
           "fix", "detail", "waived_by")


def _result_to(r: FileResult) -> dict:
    return {"file": r.file, "profile": r.profile, "content_checked": r.content_checked,
            "fail_level": r.fail_level, "next_due": [list(item) for item in r.next_due],
            "findings": [[getattr(f, name) for name in _FIELDS] for f in r.findings]}


def _result_from(data: dict) -> FileResult:
    """A stored result, refusing (ValueError) anything that is not what _result_to wrote."""
    file, profile, fail_level = data["file"], data["profile"], data["fail_level"]
    if not isinstance(file, str) or not isinstance(profile, (str, type(None))) or not isinstance(fail_level, str) \
            or not isinstance(data["content_checked"], bool):
        raise ValueError("bad entry")
    due = [(_text(when), _text(what)) for when, what in data["next_due"]]
    findings = [_finding_from(row) for row in data["findings"]]
    return FileResult(file=file, findings=findings, content_checked=data["content_checked"], profile=profile,
                      next_due=due, fail_level=fail_level)


_shared: dict[Any, Any] = {}  # one copy of the texts many findings repeat (rule names, fixes, citations)
_ROW = (str, str, str, str, str, int, int, str, list, list, str, str)


def _finding_from(row: list) -> Finding:
    if len(row) != 13 or tuple(map(type, row[:12])) != _ROW or not (row[12] is None or type(row[12]) is str) \
            or not all(type(t) is str for t in row[8] + row[9]):
        raise ValueError("bad entry")
    share = _shared.setdefault
    code, name, level, message, file, line, col, path, requirements, sources, fix, detail, waived_by = row
    requirements, sources = tuple(requirements), tuple(sources)
    # By position, in the order of _FIELDS (Finding's own), which is quicker than by name.
    return Finding(share(code, code), share(name, name), share(level, level), message, share(file, file), line, col,
                   path, share(requirements, requirements), share(sources, sources), share(fix, fix), detail, waived_by)


_ITEM = (str, str, str, str, str, str, bool)  # a stored DueItem: due, kind, what, how, key, path, overdue


def _dates_to(d: PlanDates) -> dict:
    return {"worker": d.worker, "calendar": d.calendar, "closures": d.closures,
            "items": [[i.due.isoformat(), i.kind, i.what, i.how, i.key, i.path, i.overdue] for i in d.items],
            "timeline": [[e.date.isoformat(), e.lane, e.what, e.status, e.late, list(e.why), e.path]
                         for e in d.timeline]}


def _dates_from(data: dict, result: FileResult, deps: list, *, timeline: bool = True) -> Any:
    """The dates stored with a result (None: the plan could not be read; _NO_DATES: none stored),
    refusing (ValueError) anything that is not what _dates_to wrote."""
    if "dates" not in data:
        return _NO_DATES
    d = data["dates"]
    if d is None or not result.content_checked:
        if d is not None or result.content_checked:
            raise ValueError("bad entry")
        return None
    from cpptool.core.calendar import CALENDARS
    from cpptool.core.caseload import KINDS, DueItem
    from cpptool.core.plan_dates import LANES, STATUSES, PlanDates, TimelineEvent

    worker, closures = _text(d["worker"]), d["closures"]
    if closures is not None and closures not in [file for file, _ in deps]:
        raise ValueError("bad entry")  # only the closures file the entry depends on is ever read
    file, day = result.file, dt.date.fromisoformat
    # A caseload has thousands of dates: each row is checked in one test, as _finding_from does.
    if not all(type(row) is list and tuple(map(type, row)) == _ITEM and row[1] in KINDS for row in d["items"]):
        raise ValueError("bad entry")
    items = tuple(DueItem(day(due), kind, what, how, file, key, path, overdue, worker)
                  for due, kind, what, how, key, path, overdue in d["items"])
    events = tuple(TimelineEvent(_day(day), _one_of(lane, LANES), _text(what), _one_of(status, STATUSES),
                                 _flag(late), tuple(_text(w) for w in why), _text(path))
                   for day, lane, what, status, late, why, path in d["timeline"]) if timeline else ()
    return PlanDates(worker=worker, calendar=_one_of(d["calendar"], CALENDARS), closures=closures, items=items,
                     timeline=events)


def _day(value: Any) -> Any:
    return dt.date.fromisoformat(_text(value))


def _one_of(value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError("bad entry")
    return value


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("bad entry")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("bad entry")
    return value


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def prune(store: Store) -> None:
    """Remove entries unused for KEEP_DAYS, at most once a day; a cache that cannot be pruned is left."""
    mark = store.folder / "pruned"
    now = time.time()
    try:
        if now - os.stat(mark).st_mtime < _DAY:
            return
    except OSError:
        pass
    try:
        from cpptool.core.files import write_private

        write_private(mark, b"")
        for shard in os.scandir(store.folder):
            if shard.is_dir(follow_symlinks=False):
                for entry in os.scandir(shard.path):
                    if now - entry.stat(follow_symlinks=False).st_mtime > KEEP_DAYS * _DAY:
                        os.unlink(entry.path)
    except OSError:
        pass
