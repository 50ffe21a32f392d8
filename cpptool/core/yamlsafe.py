"""Cheap checks on YAML text before a parser sees it.

libyaml's C composer (ruamel.yaml.clib) recurses once per nesting level and crashes the
process (SIGSEGV) somewhere past 20,000 levels, which no `except` can catch. Real plans,
profiles and settings nest a handful of levels, so anything deeper than MAX_DEPTH is refused
before parsing. The estimate may overcount a little (brackets inside quoted text count too)
but never misses deep nesting.
"""

from __future__ import annotations

import re

from cpptool.core.errors import CpptoolError
from cpptool.core.patterns import LazyPattern

__all__ = ["MAX_DEPTH", "check_nesting", "nesting_depth"]

MAX_DEPTH = 100

_NOT_BRACKET = LazyPattern(r"[^\[\]{}]+")
_ONE_KIND = str.maketrans("{}", "[]")
# A content line's indentation, then any block indicators ("- ", "? ", ": ") that open
# nested nodes on the same line. Blank and comment-only lines open nothing and are skipped.
_LINE_START = LazyPattern(r"^([ \t]*)((?:[-?:][ \t]+)*)(?=[^\s#])", re.MULTILINE)
_INDICATOR = LazyPattern(r"[-?:][ \t]+")


def check_nesting(text: str, where: str, *, limit: int = MAX_DEPTH) -> None:
    """Refuse YAML text nested more than `limit` levels deep, with one line naming `where`."""
    if nesting_depth(text, limit=limit) > limit:
        raise CpptoolError(
            f"{where} is nested more than {limit} levels deep; no real file needs that, "
            "so it is refused (is this the right file?)"
        )


def nesting_depth(text: str, *, limit: int = MAX_DEPTH) -> int:
    """How deeply `text` nests (an upper estimate); counting may stop once past `limit`."""
    return max(_flow_depth(text, limit), _block_depth(text, limit))


def _flow_depth(text: str, limit: int) -> int:
    """The deepest [ ] / { } nesting, unclosed brackets included."""
    if text.count("[") + text.count("{") <= limit:
        return 0  # too few openers to nest that deep; the exact figure is not needed
    brackets = _NOT_BRACKET.sub("", text).translate(_ONE_KIND)
    # Each pass removes the innermost pairs, i.e. one level, in C; what is left has no pair,
    # only stray closers then unclosed openers, and every unclosed opener is one more level.
    passes = 0
    while "[]" in brackets:
        if passes > limit:
            return passes
        brackets = brackets.replace("[]", "")
        passes += 1
    return passes + brackets.count("[")


def _block_depth(text: str, limit: int) -> int:
    """Indentation nesting: the open levels are a stack of the columns where nodes start."""
    if not re.search(r"^[ \t\-?:]{%d}" % limit, text, re.MULTILINE):
        return 0  # each level starts at least one column further right, so none is that deep
    stack = [-1]
    for indent, indicators in _LINE_START.findall(text):
        column = len(indent)
        while stack[-1] >= column:
            stack.pop()
        stack.append(column)
        for part in _INDICATOR.findall(indicators) if indicators else ():
            column += len(part)
            stack.append(column)
        if len(stack) > limit + 1:
            break
    return len(stack) - 1


# ----------------------------------------------------------------------------------------------
# Loading small YAML files (profiles, cpptool.yaml, --answers) safely

MAX_VALUES = 50_000  # values after every alias is expanded; a profile holds a few hundred
_DATE_TEXT = LazyPattern(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def load_yaml(text: str, where: str, *, constructor: type | None = None) -> object:
    """Parse YAML text into Python data, refusing with one line (naming `where` and the line) what
    would crash, hang or fill memory: deep nesting, alias bombs, impossible dates, huge numbers."""
    if constructor is None:
        from cpptool.core.shipped import reading

        shipped, data = reading(where, text)  # a shipped file, read once already when cpptool was made
        if shipped:
            return data
    check_nesting(text, where)
    if constructor is None:
        from cpptool.core.yamlevents import read_settings

        # Straight from libyaml's events, several times quicker, where the text is plain YAML
        # whose every value is read as ruamel's safe loader reads it; else the careful way.
        quick = read_settings(text, _settings_scalar, max_nodes=MAX_VALUES, max_depth=MAX_DEPTH)
        if quick is not None:
            return quick
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe")
    if constructor is not None:
        yaml.Constructor = constructor
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        at = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark else where
        raise CpptoolError(f"{at}: not valid YAML: {_one_line(err.problem or err.context)}") from None
    except YAMLError as err:
        raise CpptoolError(f"{where}: not valid YAML: {_one_line(str(err))}") from None
    if node is None:
        return None
    if _expanded_size(node, {}) > MAX_VALUES:
        raise CpptoolError(f"{where}: YAML aliases (*name) expand to more than {MAX_VALUES} values; "
                           "write the values out instead of using anchors and aliases")
    _refuse_bad_scalars(node, where, set())
    try:
        return yaml.constructor.construct_document(node)
    except (ValueError, OverflowError, RecursionError) as err:
        raise CpptoolError(f"{where}: a value cannot be read ({type(err).__name__}); check dates are real "
                           "dates written as YYYY-MM-DD") from None
    except MarkedYAMLError as err:
        # ruamel's words quote the values, which may be anything a person typed: say it in ours.
        mark = err.problem_mark or err.context_mark
        at = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark else where
        if type(err).__name__ == "DuplicateKeyError":
            raise CpptoolError(f"{at}: not valid YAML: this key is given twice in the same group; keep one") from None
        raise CpptoolError(f"{at}: not valid YAML: this value cannot be read; put text in quotes") from None


_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
          "null": None, "Null": None, "NULL": None, "~": None, "": None}
_TYPED_START = frozenset("-+0123456789.<=~")  # how YAML 1.2's numbers, dates, merge and value keys start
_INT_TEXT = LazyPattern(r"-?(?:0|[1-9][0-9]{0,17})")
_ISO_DATE = LazyPattern(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_resolver: list = []


def _settings_scalar(text: str) -> object:
    """A plain scalar as ruamel's safe loader (YAML 1.2) reads it: text, a whole number, a date,
    true/false or null. Anything else (floats, hex, 1_000, timestamps with times, impossible
    dates) raises, and the careful way reads the file."""
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _TYPED_START:
        return text  # YAML 1.2 types nothing else that starts like this
    if not _resolver:
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver

        resolver = VersionedResolver()
        _resolver.append(lambda value: str(resolver.resolve(ScalarNode, value, (True, False))))
    tag = _resolver[0](text)
    if tag.endswith(":str"):
        return text
    if tag.endswith(":int") and _INT_TEXT.fullmatch(text):
        return int(text)
    date = _ISO_DATE.fullmatch(text) if tag.endswith(":timestamp") else None
    if date is None:
        raise ValueError("for the careful way")
    import datetime as dt

    return dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))  # an impossible one raises


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def _children(node: object) -> list:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        out.extend(item if isinstance(item, tuple) else (item,))
    return out


def _expanded_size(node: object, memo: dict[int, int]) -> int:
    """How many values the node becomes once every alias is expanded, without expanding them."""
    key = id(node)
    if key not in memo:
        memo[key] = 0  # a recursive alias counts once
        memo[key] = 1 + sum(_expanded_size(child, memo) for child in _children(node))
    return memo[key]


def _refuse_bad_scalars(node: object, where: str, seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    tag = str(getattr(node, "tag", ""))
    value = getattr(node, "value", None)
    if isinstance(value, str):
        mark = node.start_mark  # type: ignore[attr-defined]
        at = f"{where}:{mark.line + 1}:{mark.column + 1}"
        if tag.endswith(":timestamp") and not _real_date(value):
            raise CpptoolError(f"{at}: this is not a real date; write a real date as YYYY-MM-DD")
        if tag.endswith((":int", ":float")) and len(value) > 100:
            raise CpptoolError(f"{at}: this number is far too long to be meant; write a real value")
        return
    for child in _children(node):
        _refuse_bad_scalars(child, where, seen)


def _real_date(text: str) -> bool:
    import datetime as dt

    m = _DATE_TEXT.match(text)
    if m is None:
        return True  # another timestamp form: the constructor judges it
    try:
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True
