"""The YAML data shipped in the package (profiles, requirements, sources, glossary), read from one
JSON file made from it.

Every check reads a profile, the requirement catalogue and the sources: as YAML that costs a
one-plan check about 6 ms, as JSON a tenth of that. `make schema` writes cpptool/data/shipped.json
(`python -m cpptool.core.schema --shipped`). Each entry records the length and CRC of the text it
was made from, so a shipped file edited since (in a checkout, without `make schema`) is read from
its YAML, as every other file is. The YAML stays the source: the JSON is only a faster way to read
it. The entry for the bank-holiday list (JSON already) only records that it passed every check.
"""

from __future__ import annotations

import json
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

PACKAGE = Path(__file__).resolve().parent.parent
BUNDLE = PACKAGE / "data" / "shipped.json"
FOLDERS = ("profiles", "data")  # inside the package: the YAML files there are shipped data
_entries: list[dict[str, dict]] = []


def reading(where: str, text: str) -> tuple[bool, Any]:
    """(True, data) when `where` names a shipped YAML file and `text` is the text the bundle was
    made from; else (False, None), and the caller reads the YAML."""
    entry = _entry(where, text)
    if entry is None or not isinstance(entry.get("json"), str):
        return False, None
    try:
        return True, json.loads(entry["json"])  # new objects on every call: readers may change them
    except ValueError:  # a damaged entry: the YAML says what the file holds
        return False, None


def checked(where: str, text: str) -> bool:
    """True when `where` names a shipped data file that `make schema` read with its careful reader
    (every check passed) from this very text, so a reader may skip checking it again."""
    entry = _entry(where, text)
    return entry is not None and entry.get("checked") is True


def _entry(where: str, text: str) -> dict | None:
    """The bundle's entry for the file `where` names, if it was made from this very text."""
    try:
        key = Path(where).resolve().relative_to(PACKAGE).as_posix()
    except (ValueError, OSError, RuntimeError):  # not in the package; a name no file system takes
        return None
    entry = _bundle().get(key)
    if not isinstance(entry, dict):
        return None
    raw = text.encode("utf-8", "surrogateescape")
    return entry if entry.get("size") == len(raw) and entry.get("crc32") == zlib.crc32(raw) else None


@contextmanager
def set_aside() -> Iterator[None]:
    """Read every shipped file from its YAML meanwhile (to make the bundle anew)."""
    _entries[:] = [{}]
    try:
        yield
    finally:
        _entries.clear()


def _bundle() -> dict[str, dict]:
    if not _entries:
        try:
            files = json.loads(BUNDLE.read_bytes())["files"]
            _entries.append(files if isinstance(files, dict) else {})
        except (OSError, ValueError, KeyError, TypeError):  # missing or damaged: read the YAML
            _entries.append({})
    return _entries[0]
