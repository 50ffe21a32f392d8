"""Read a plan file into data, positions and a validated Plan, without ever raising on bad content.

The YAML is parsed by libyaml (ruamel.yaml.clib's C parser) into nodes that carry their line and
column; we build the Python data ourselves so that every value keeps its place in the file.
This is about eight times faster than ruamel's pure-Python round-trip loader.

Anything wrong with the file itself (not UTF-8, too big, broken YAML, duplicate keys, tabs,
alias bombs, unknown keys, wrong types) becomes a Problem with a rule code; the engine turns
problems into findings. Problems never quote the plan's values.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path as FsPath
from typing import Any

from cpptool.core.patterns import LazyPattern
from cpptool.core.records import field, record
from cpptool.core.yamlpath import Path, format_path
from cpptool.core.yamlsafe import nesting_depth

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000  # values built, counting every expansion of an alias
MAX_DEPTH = 64

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_PLAIN = "?plain"  # tag our resolver gives untagged plain scalars, so explicit tags stay visible
_TAG = "tag:yaml.org,2002:"


@record(frozen=True)
class Problem:
    code: str
    message: str
    path: Path
    line: int  # 1-based
    col: int  # 1-based
    detail: str = ""  # may name what the user typed; only the text report shows it


@record
class Positions:
    """Where each value (and each mapping key) starts in the file, by YAML path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that exists."""
        probe = tuple(path)
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]


@record
class LoadedPlan:
    file: str
    text: str | None = None
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    plan: Any = None  # cpptool.core.plan.Plan when the file validated
    problems: list[Problem] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return (self.text or "").splitlines()

    def add(self, code: str, message: str, path: Path = (), *, at: tuple[int, int] | None = None,
            key: bool = False, detail: str = "", mask_last: bool = False) -> None:
        line, col = at if at else self.positions.locate(path, key=key)
        shown = safe_path(path[:-1]) + ("<key>",) if mask_last and path else safe_path(path)
        self.problems.append(Problem(code, message, shown, line, col, detail))


_SAFE_KEY = LazyPattern(r"^[a-z][a-z0-9_]{0,40}$")


def safe_key(key: object) -> str:
    """A key as typed in the plan, or '<key>' when it may be plan content (e.g. someone's name)."""
    return key if isinstance(key, str) and _SAFE_KEY.match(key) else "<key>"


def safe_path(path: Path) -> Path:
    """Reported paths hold list positions and keys; keys that may be plan content are masked."""
    return tuple(p if isinstance(p, int) else safe_key(p) for p in path)


class _AliasBomb(Exception):
    pass


def _c_parser():
    from _ruamel_yaml import CParser  # ruamel.yaml.clib
    from ruamel.yaml.resolver import BaseResolver

    class Parser(CParser, BaseResolver):
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            BaseResolver.__init__(self)

        def resolve(self, kind, value, implicit):  # noqa: ANN001 - libyaml callback
            if kind.__name__ == "ScalarNode" and implicit[0]:
                return _PLAIN
            return super().resolve(kind, value, implicit)

    return Parser


_Parser = None


def load_plan(file: str | FsPath, *, display: str | None = None, max_bytes: int = MAX_BYTES,
              raw: bytes | None = None) -> LoadedPlan:
    """Load one plan file (or `raw`, its bytes, when already read). Raises CpptoolError only when
    the file cannot be read at all (missing, a folder, a pipe or device); everything wrong inside
    it becomes a problem."""
    loaded = LoadedPlan(file=display or str(file))
    size = 0
    if raw is None:
        raw, size = read_plan_bytes(file, max_bytes)
    if raw is None:
        loaded.add("CPP-E006", f"the file is {size // 1024} KiB; plans are limited to {max_bytes // 1024} KiB. "
                   "Split attachments out of the plan or check the file is really a plan", at=(1, 1))
        return loaded
    return load_plan_bytes(raw, loaded)


def read_plan_bytes(file: str | FsPath, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, int]:
    """A plan file's bytes and size; the bytes are None when it is over the size limit (CPP-E006:
    such a file is never read)."""
    from cpptool.core.files import read_bytes, regular_file

    fs_path = FsPath(file)
    size = regular_file(fs_path, what="plan file").st_size
    if size > max_bytes:
        return None, size
    return read_bytes(fs_path, what="plan file", limit=max_bytes), size


def load_plan_bytes(raw: bytes, loaded: LoadedPlan) -> LoadedPlan:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        loaded.add("CPP-E004", "the file is not UTF-8 text; save it as UTF-8 (in Word or Notepad: "
                   "Save As, encoding UTF-8)", at=(line, col))
        return loaded
    loaded.text = text
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        loaded.add("CPP-E004", "the file contains NUL bytes, so it is not a text file", at=(line, 1))
        return loaded
    tab_lines = _tab_lines(text)
    for line, col in tab_lines[:5]:
        loaded.add("CPP-E003", "a tab is used for indentation; YAML needs spaces, so replace the tab with spaces",
                   at=(line, col))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        loaded.add("CPP-E005", "the file is empty; start a plan with `cpptool new`", at=(1, 1))
        return loaded
    if nesting_depth(text, limit=MAX_DEPTH) > MAX_DEPTH:
        # libyaml's composer recurses per level and crashes the process far deeper than this.
        loaded.add("CPP-E007", f"the YAML is nested more than {MAX_DEPTH} levels deep; a plan needs only a "
                   "few levels, so check the file is really a plan", at=(1, 1))
        return loaded
    if not (_read_simple(text, loaded) or _read_nodes(text, loaded, tab_lines)):
        return loaded
    if loaded.data is None:
        loaded.add("CPP-E005", "the file holds no YAML content; start a plan with `cpptool new`", at=(1, 1))
        return loaded
    if not isinstance(loaded.data, dict):
        loaded.add("CPP-E008", "a plan must be a mapping of keys (format:, stage:, child:, ...) at the top level",
                   at=loaded.positions.values.get((), (1, 1)))
        return loaded
    _validate(loaded)
    return loaded


def _read_simple(text: str, loaded: LoadedPlan) -> bool:
    """Read plain YAML straight from libyaml's events (cpptool.core.yamlevents); False when the
    text needs the careful way."""
    from cpptool.core.yamlevents import read_simple

    built = read_simple(text, _plain, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
    if built is None:
        return False
    loaded.data, loaded.positions.values, loaded.positions.keys, repeated = built
    for path, at in repeated:
        loaded.add("CPP-E002", _repeated_key(path, loaded.positions.keys.get(path, (0, 0))[0]), path, at=at)
    return True


def _repeated_key(path: Path, first: int) -> str:
    return (f"the key '{safe_key(path[-1])}' appears twice in the same mapping (first on line {first}); "
            "YAML keeps only the last one, so merge them")


def _read_nodes(text: str, loaded: LoadedPlan, tab_lines: list[tuple[int, int]]) -> bool:
    """Compose libyaml's nodes and build the data from them: every YAML feature, every problem.
    False when there is no data to check (the problem is reported)."""
    global _Parser
    if _Parser is None:
        _Parser = _c_parser()
    try:
        root = _Parser(text).get_single_node()
    except Exception as err:  # libyaml's MarkedYAMLError family
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if not any(t[0] == line for t in tab_lines):  # else already reported as a tab
            loaded.add("CPP-E001", _syntax_message(err), at=(line, col))
        return False
    if root is None:
        loaded.add("CPP-E005", "the file holds no YAML content; start a plan with `cpptool new`", at=(1, 1))
        return False
    builder = _Builder(loaded)
    try:
        loaded.data = builder.build(root, ())
    except _AliasBomb:
        loaded.data = None
        loaded.add("CPP-E007", f"YAML aliases expand to more than {MAX_NODES} values; "
                   "write the values out instead of using anchors (&) and aliases (*)", at=builder.bomb_at)
        return False
    return True


def _tab_lines(text: str) -> list[tuple[int, int]]:
    out = []
    if "\t" not in text:
        return out
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            out.append((n, len(line) - len(stripped) + 1))
    return out


def _syntax_message(err: Exception) -> str:
    problem = getattr(err, "problem", None) or "this is not valid YAML"
    context = getattr(err, "context", None)
    if "expected a single document" in str(context or problem):
        return "the file holds more than one YAML document (a second '---'); keep one plan per file"
    text = f"YAML syntax error: {problem}"
    if context:
        text += f" ({context})"
    return f"{text}; check the indentation and that every 'key: value' has a space after the colon"


class _Builder:
    """Turns libyaml nodes into plain Python data while recording positions."""

    def __init__(self, loaded: LoadedPlan) -> None:
        self.loaded = loaded
        self.count = 0
        self.bomb_at = (1, 1)

    def build(self, node, path: Path, depth: int = 0) -> Any:
        self.count += 1
        here = (node.start_mark.line + 1, node.start_mark.column + 1)
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            self.bomb_at = here
            raise _AliasBomb()
        self.loaded.positions.values.setdefault(path, here)
        kind = type(node).__name__
        if kind == "ScalarNode":
            return self.scalar(node, path)
        if kind == "SequenceNode":
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if type(key_node).__name__ != "ScalarNode":
                self.loaded.add("CPP-E001", "a mapping key must be plain text, not a list or mapping", path, at=key_at)
                continue
            key = key_node.value
            if key == "<<":
                self.loaded.add("CPP-E001", "YAML merge keys (<<) are not supported in plans; write the keys out",
                                path, at=key_at)
                continue
            child = path + (key,)
            if key in result:
                first = self.loaded.positions.keys.get(child, (0, 0))[0]
                self.loaded.add("CPP-E002", _repeated_key(child, first), child, at=key_at)
                continue
            self.loaded.positions.keys[child] = key_at
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def scalar(self, node, path: Path) -> Any:
        value = node.value
        # The raw tag string: reading node.tag would URI-decode it on every scalar.
        tag = node.ctag.suffix if node.ctag is not None else None
        if tag == _PLAIN:
            return _plain(value)
        if tag in (_TAG + "str", "!"):
            return value
        if tag and tag.startswith(_TAG) and tag[len(_TAG):] in ("int", "float", "bool", "null", "timestamp"):
            return _plain(value)
        self.loaded.add("CPP-E001", "YAML tags (!something) are not used in plans; remove the tag", path,
                        at=(node.start_mark.line + 1, node.start_mark.column + 1))
        return value


_MAY_BE_TYPED = frozenset("0123456789+-.~nNtTfF")  # how nulls, booleans, numbers and dates start


def _plain(value: str) -> Any:
    if value and value[0] not in _MAY_BE_TYPED:
        return value  # text, as most values are
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _DATE.match(value):
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        except ValueError:
            return value  # "2023-02-31": validation explains it
    if _INT.match(value):
        # Past 4,300 digits int() refuses; no plan number is that long, so keep it as text.
        return int(value) if len(value) <= 30 else value
    if _FLOAT.match(value):
        return float(value)
    return value


# ---------------------------------------------------------------------------------------------
# Validation against the plan model


def _validate(loaded: LoadedPlan) -> None:
    from cpptool.core import plan_objects

    try:
        loaded.plan = plan_objects.read(loaded.data)
    except plan_objects.Unsure:
        _validate_by_the_model(loaded)
    _refuse_format_2(loaded)


def plan_from_data(data: Any) -> Any:
    """The plan in `data` (a plan's YAML as dicts and lists), validated as a loaded file is, or
    None when it is not a valid plan."""
    loaded = LoadedPlan(file="", data=data)
    _validate(loaded)
    return None if loaded.problems else loaded.plan


def _validate_by_the_model(loaded: LoadedPlan) -> None:
    """pydantic's reading, where the plain one could not be sure: the plan, or what is wrong with it."""
    from pydantic import ValidationError

    from cpptool.core import plan_objects
    from cpptool.core.plan import Plan

    try:
        loaded.plan = plan_objects.from_model(Plan.model_validate(loaded.data))
    except ValidationError as err:
        seen: set[tuple[Path, str]] = set()
        for e in err.errors(include_url=False, include_input=True):
            path, rest = _data_path(loaded.data, e["loc"])
            code, message, at_key = _describe(e, path, rest, loaded.data)
            if (path, code) in seen:
                continue  # a union reports once per alternative
            seen.add((path, code))
            # An unknown key may be anything typed (a name): machine outputs never show it.
            unknown = code == "CPP-S001"
            detail = f"the unknown key is written '{path[-1]}'" if unknown and path else ""
            loaded.add(code, message, path, key=at_key, detail=detail, mask_last=unknown)


def _refuse_format_2(loaded: LoadedPlan) -> None:
    """A format 1 plan may not use what plan format 2 added (CPP-S006): `cpptool migrate` first."""
    version = loaded.data.get("format")
    if type(version) is not int or version != 1:
        return
    from cpptool.core.plan_objects import format_2_paths

    paths = format_2_paths(loaded.data)
    for path in paths:
        loaded.add("CPP-S006", f"{format_path(safe_path(path))} uses plan format 2 (a field or value format 1 does not "
                   "have), but this plan is format 1; run `cpptool migrate` on the plan to make it format 2", path, key=True)
    if paths:
        loaded.plan = None


def _data_path(data: Any, loc: tuple) -> tuple[Path, tuple]:
    """Split pydantic's loc into the part that exists in the data and the rest."""
    path: list[Any] = []
    node = data
    for i, item in enumerate(loc):
        if isinstance(node, dict) and isinstance(item, str) and item in node:
            path.append(item)
            node = node[item]
        elif isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
            path.append(item)
            node = node[item]
        else:
            return tuple(path), tuple(loc[i:])
    return tuple(path), ()


def _describe(e: dict, path: Path, rest: tuple, data: Any) -> tuple[str, str, bool]:
    kind = e["type"]
    where = format_path(safe_path(path)) or "the top level"
    if kind == "missing":
        name = rest[0] if rest else "a value"
        return "CPP-S002", f"'{name}' is required in {where} but is missing", False
    if kind == "extra_forbidden":
        key = path[-1] if path else (rest[0] if rest else "?")
        parent = path[:-1]
        hint = _did_you_mean(str(key), parent)
        inside = format_path(safe_path(parent)) or "the top level"
        return "CPP-S001", f"unknown key in {inside}{hint}", True
    return "CPP-S003", f"{where}: {_type_message(e)}", False


def _did_you_mean(key: str, parent: Path) -> str:
    import difflib

    from cpptool.core.plan_objects import allowed_keys

    allowed = allowed_keys(parent)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    if allowed:
        shown = ", ".join(sorted(allowed)[:12])
        return f"; allowed keys here are: {shown}"
    return ""


_TYPE_MESSAGES = {
    "date_type": "expected a date written as YYYY-MM-DD, e.g. 2026-11-23",
    "date_parsing": "expected a date written as YYYY-MM-DD, e.g. 2026-11-23",
    "date_from_datetime_parsing": "expected a date written as YYYY-MM-DD, e.g. 2026-11-23",
    "date_from_datetime_inexact": "expected a date without a time, written as YYYY-MM-DD",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "string_type": "expected text",
    "list_type": "expected a list: put each item on its own line starting with '- '",
    "dict_type": "expected a group of 'key: value' lines",
    "model_type": "expected a group of 'key: value' lines",
    "model_attributes_type": "expected a group of 'key: value' lines",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "string_too_long": "the text is too long; keep each entry under 20,000 characters",
}


def _type_message(e: dict) -> str:
    kind = e["type"]
    ctx = e.get("ctx") or {}
    if kind in ("date_parsing", "date_from_datetime_parsing") and isinstance(e.get("input"), str) \
            and _DATE.match(e["input"]):
        return "this is not a real date (the month has no such day); write a real date as YYYY-MM-DD"
    if kind == "not_a_real_date":
        return "this is not a real date (the month has no such day); write a real date as YYYY-MM-DD"
    if kind == "literal_error":
        return f"must be one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return "not a valid id: start with a letter, then use letters, digits, - or _ (e.g. m1, a3, mum)"
    return _TYPE_MESSAGES.get(kind, e.get("msg", "has the wrong type"))
