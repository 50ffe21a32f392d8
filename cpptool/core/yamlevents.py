"""The quick way to read a plan: data and positions straight from libyaml's events.

Composing libyaml's nodes first costs a Python object (and a tag object) for every key and value
of the plan; reading the event stream directly builds the plan's data with about half the work.
It takes only the plain YAML plans are written in: one document of mappings, lists and untagged
scalars, with no anchors, aliases, tags, merge keys or non-text keys. For anything else, and
for any syntax error, it gives up (returns None) and the loader reads the file the careful way,
so every problem is reported exactly as before. The positions recorded are the same as the
careful way's: libyaml gives each node the position of the event it was made from.
"""

from __future__ import annotations

from typing import Any, Callable

from cpptool.core.yamlpath import Path

Built = tuple[Any, dict[Path, tuple[int, int]], dict[Path, tuple[int, int]], list[tuple[Path, tuple[int, int]]]]


class _GiveUp(Exception):
    pass


def read_simple(text: str, scalar: Callable[[str], Any], *, max_nodes: int, max_depth: int) -> Built | None:
    """(data, value positions, key positions, repeated keys as (path, where)), or None when the
    text is not plain YAML in one document (or has more than `max_nodes` values or is nested
    deeper than `max_depth`). `scalar` reads a plain untagged scalar ('3' -> 3); it may raise
    anything to give up."""
    return _read(text, scalar, max_nodes, max_depth, settings=False)


def read_settings(text: str, scalar: Callable[[str], Any], *, max_nodes: int, max_depth: int) -> Any:
    """The data of a settings file (a profile, cpptool.yaml, shipped data) in plain YAML, or None
    as for read_simple, and also for a repeated key, a key that is not text (`2019:`, `true:`)
    and a %YAML or %TAG directive: the careful way judges those."""
    built = _read(text, scalar, max_nodes, max_depth, settings=True)
    return None if built is None or built[3] else built[0]


def _read(text: str, scalar: Callable[[str], Any], max_nodes: int, max_depth: int, *, settings: bool) -> Built | None:
    from _ruamel_yaml import CParser  # ruamel.yaml.clib
    from ruamel.yaml import events

    reader = _Reader(CParser(text).get_event, events, scalar, max_nodes, max_depth)
    reader.settings = settings
    try:
        return reader.document()
    except _GiveUp:
        return None
    except Exception:  # libyaml's errors, or the scalar reader giving up: the careful way reports them
        return None


class _Reader:
    def __init__(self, next_event: Callable[[], Any], events: Any, scalar: Callable[[str], Any],
                 max_nodes: int, max_depth: int) -> None:
        self.next = next_event
        self.scalar_type = events.ScalarEvent
        self.mapping_start, self.mapping_end = events.MappingStartEvent, events.MappingEndEvent
        self.sequence_start, self.sequence_end = events.SequenceStartEvent, events.SequenceEndEvent
        self.events = events
        self.read_scalar = scalar
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.count = 0
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.repeated: list[tuple[Path, tuple[int, int]]] = []
        self.settings = False

    def document(self) -> Built:
        ev = self.events
        self._expect(ev.StreamStartEvent)
        start = self.next()
        if type(start) is not ev.DocumentStartEvent or (self.settings and (start.version or start.tags)):
            raise _GiveUp()
        data = self.value(self.next(), (), 0)
        self._expect(ev.DocumentEndEvent)
        self._expect(ev.StreamEndEvent)
        return data, self.values, self.keys, self.repeated

    def _expect(self, kind: type) -> None:
        if type(self.next()) is not kind:
            raise _GiveUp()

    def value(self, event: Any, path: Path, depth: int) -> Any:
        self.count += 1
        kind = type(event)
        if self.count > self.max_nodes or depth > self.max_depth or event.anchor is not None \
                or kind is self.events.AliasEvent or event.ctag is not None:
            raise _GiveUp()
        mark = event.start_mark
        if path not in self.values:
            self.values[path] = (mark.line + 1, mark.column + 1)
        if kind is self.scalar_type:
            return self.read_scalar(event.value) if event.implicit[0] else event.value
        if kind is self.sequence_start:
            return self.sequence(path, depth)
        if kind is self.mapping_start:
            return self.mapping(path, depth)
        raise _GiveUp()

    def sequence(self, path: Path, depth: int) -> list:
        items: list = []
        while True:
            event = self.next()
            if type(event) is self.sequence_end:
                return items
            items.append(self.value(event, path + (len(items),), depth + 1))

    def mapping(self, path: Path, depth: int) -> dict:
        result: dict[str, Any] = {}
        while True:
            event = self.next()
            kind = type(event)
            if kind is self.mapping_end:
                return result
            if kind is not self.scalar_type or event.anchor is not None or event.ctag is not None \
                    or event.value == "<<":
                raise _GiveUp()
            key = event.value
            if self.settings:
                self.count += 1  # keys count as values, as the careful way counts them
                if self.count > self.max_nodes or (event.implicit[0] and self.read_scalar(key) != key):
                    raise _GiveUp()  # too many, or a plain key that is not text (2019, true, null)
            child = path + (key,)
            at = (event.start_mark.line + 1, event.start_mark.column + 1)
            if key in result:
                self.repeated.append((child, at))
                self.skip()
                continue
            self.keys[child] = at
            result[key] = self.value(self.next(), child, depth + 1)

    def skip(self) -> None:
        """Pass over a value (a repeated key's), which is not built."""
        depth = 0
        while True:
            event = self.next()
            kind = type(event)
            if kind is self.events.AliasEvent or getattr(event, "anchor", None) is not None:
                raise _GiveUp()  # the careful way checks every alias, built or not
            if kind is self.mapping_start or kind is self.sequence_start:
                depth += 1
            elif kind is self.mapping_end or kind is self.sequence_end:
                depth -= 1
            if depth == 0:
                return
