"""The rule catalogue: rules are functions registered with their metadata.

A rule function takes a Context and yields Hits (a YAML path and a message). The engine adds the
file, line, column, level and the procedure citation, so rules stay small and pure.
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any, Callable, Iterable, Iterator

from cpptool.core.records import field, record
from cpptool.core.yamlpath import Path

FAMILIES = {
    "E": "file and YAML syntax",
    "S": "plan structure",
    "O": "outline plan",
    "D": "detailed plan",
    "W": "written agreement",
    "T": "timescales",
    "Q": "plan quality",
    "L": "the plan's life: meetings, circulation, visits, legal status, moves and endings",
    "X": "waivers",
}


@record(frozen=True)
class Hit:
    """A rule's report. `message` must never quote plan values (names, dates, free text);
    `detail` may (e.g. a deadline and how it was computed) and is shown only in the text report."""

    path: Path
    message: str
    detail: str = ""
    at: tuple[int, int] | None = None  # (line, column) where the reader already knows them


@record(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    level: str
    requirements: tuple[str, ...]
    fix: str
    fn: Callable[[Any], Iterable[Hit]]
    stages: tuple[str, ...] = ("outline", "detailed")
    needs_plan: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    raised_by_engine: bool = False  # the waiver rules: the engine raises them after the others
    source_refs: tuple[str, ...] = ()  # the sources as written in the rule ('KEY section: "words"')
    # The examples as written in the rule; `passing` and `failing` give them dedented. Registering
    # keeps them as they are: a check never shows them, and 236 dedents cost it over a millisecond.
    passing_as_written: str = ""
    failing_as_written: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """Each source as a citation people can follow (worked out when first asked for)."""
        from cpptool.core.citations import resolve

        return tuple(resolve(ref) for ref in self.source_refs)

    @property
    def passing(self) -> str:
        return _example(self.passing_as_written)

    @property
    def failing(self) -> str:
        return _example(self.failing_as_written)

    @property
    def short_sources(self) -> tuple[str, ...]:
        """Each source as its publisher and section, for one-line listings."""
        from cpptool.core.citations import short

        return tuple(short(ref) for ref in self.source_refs) or self.sources

    @property
    def family(self) -> str:
        return self.code.split("-")[1][0]

    @property
    def docs(self) -> str:
        return inspect.cleandoc(self.fn.__doc__ or "")

    def run(self, ctx: Any) -> Iterator[Hit]:
        return iter(self.fn(ctx) or ())


RULES: dict[str, Rule] = {}
_NAMES: dict[str, str] = {}


def rule(
    code: str,
    name: str,
    *,
    summary: str,
    level: str,
    requirements: Iterable[str] = (),
    sources: Iterable[str] = (),
    fix: str,
    passing: str,
    failing: str,
    stages: Iterable[str] = ("outline", "detailed"),
    needs_plan: bool = True,
    options: dict[str, Any] | None = None,
    raised_by: str = "rule",
) -> Callable[[Callable], Callable]:
    """Register a rule. Codes and names are stable: never reuse or rename one. `sources` name
    documents by their key in cpptool/data/sources.yaml ('nyscp-plans standard 4: "words"'); the
    rule keeps them as citations people can follow."""
    def register(fn: Callable) -> Callable:
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        if name in _NAMES:
            raise ValueError(f"duplicate rule name {name} ({code} and {_NAMES[name]})")
        if level not in ("error", "warning", "info"):
            raise ValueError(f"{code}: bad default level {level}")
        RULES[code] = Rule(
            code=code, name=name, summary=summary, level=level, requirements=tuple(requirements), fix=fix, fn=fn,
            stages=tuple(stages), needs_plan=needs_plan, options=dict(options or {}),
            raised_by_engine=raised_by == "engine", source_refs=tuple(sources),
            passing_as_written=passing, failing_as_written=failing,
        )
        _NAMES[name] = code
        return fn

    return register


def _example(text: str) -> str:
    # dedent keeps tabs, which the tab-indentation rule's example needs
    return textwrap.dedent(text).strip("\n") + "\n" if text.strip() else ""


def load_rules() -> dict[str, Rule]:
    """Import every rule family once, filling RULES."""
    import cpptool.rules  # noqa: F401 - importing registers the rules

    return RULES


def find_rule(code_or_name: str) -> Rule | None:
    rules = load_rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    code = _NAMES.get(key)
    return rules.get(code) if code else None
