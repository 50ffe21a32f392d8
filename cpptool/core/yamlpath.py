"""YAML paths such as `actions[2].owner`, the way findings name a place in a plan."""

from __future__ import annotations

import re
from typing import Union

from cpptool.core.patterns import LazyPattern

PathItem = Union[str, int]
Path = tuple[PathItem, ...]

_PLAIN_KEY = LazyPattern(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_TOKEN = LazyPattern(r"\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[\"((?:[^\"\\]|\\.)*)\"\]")


def format_path(path: Path) -> str:
    out: list[str] = []
    for item in path:
        if isinstance(item, int):
            out.append(f"[{item}]")
        elif _PLAIN_KEY.match(item):
            out.append(f".{item}" if out else item)
        else:
            escaped = item.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


def parse_path(text: str) -> Path | None:
    """The inverse of format_path; None when `text` is not a path."""
    items: list[PathItem] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or (m.group(0).startswith(".") and pos == 0):
            return None
        if m.group(1) is not None:
            items.append(m.group(1))
        elif m.group(2) is not None:
            items.append(int(m.group(2)))
        else:
            items.append(re.sub(r"\\(.)", r"\1", m.group(3)))
        pos = m.end()
    return tuple(items) if items else None
