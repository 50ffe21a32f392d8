"""Procedure profiles: what a local procedure requires, as YAML data shipped in the package."""

from __future__ import annotations

import os
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from cpptool.core.errors import CpptoolError
from cpptool.core.patterns import LazyPattern
from cpptool.core.records import field, record
from cpptool.resources import resource_dir

DEFAULT_PROFILE = "england"


@record
class Profile:
    id: str
    title: str
    calendar: str
    values: dict[str, Any]
    file: str
    origins: dict[str, str] = field(default_factory=dict)  # dotted key -> file that set it
    files: tuple[str, ...] = ()  # every file read to build it (the extends chain), for the check cache

    @cached_property  # asked for by every rule for every plan; a profile's values do not change once made
    def requirements(self) -> dict[str, dict]:
        """The requirement IDs this profile applies, with their level and citation."""
        return {k: v for k, v in (self.values.get("requirements") or {}).items() if v}

    def applies(self, rid: str, stage: str | None) -> bool:
        """True when this profile applies requirement `rid` to a plan at `stage`: at the stages its
        entry lists (`stages:`), or else the requirement's own (cpptool/data/requirements.yaml)."""
        from cpptool.core.requirements import applies_at

        spec = self.requirements.get(rid)
        if spec is None:
            return False
        if spec.get("stages"):
            return stage in spec["stages"]
        return applies_at(rid, stage)

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


class UnknownProfile(CpptoolError):
    """A profile name or path that names nothing."""


def shipped_profiles() -> list[str]:
    return sorted(p.stem for p in resource_dir("profiles").glob("*.yaml"))


def profile_file(name: str, *, relative_to: Path | None = None) -> Path:
    """A shipped name resolves to the packaged file; anything with a slash or .yaml is a path."""
    if "/" in name or "\\" in name or name.endswith((".yaml", ".yml")):
        path = Path(name)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        if not _is_file(path):
            if os.path.lexists(path):
                from cpptool.core.files import regular_file

                regular_file(path, what="profile file")  # says why: a folder, a pipe, a link loop
            raise UnknownProfile(f"profile file not found: {path}")
        return path
    path = resource_dir("profiles") / f"{name}.yaml"
    if not _SHIPPED_NAME.match(name) or not _is_file(path):
        shown = name if len(name) <= 60 and name.isprintable() else name[:40] + "..."
        raise UnknownProfile(f"unknown profile '{shown}'; shipped profiles are: {', '.join(shipped_profiles())}")
    return path


_SHIPPED_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name too long for the file system
        return False


@lru_cache(maxsize=64)
def load_profile(name: str, relative_to: str | None = None) -> Profile:
    file = profile_file(name, relative_to=Path(relative_to) if relative_to else None)
    read: list[str] = []
    values, origins = _resolve(file, (), read)
    pid = values.get("id") or file.stem
    validate_profile(values, str(file))
    return Profile(id=pid, title=values["title"], calendar=values["calendar"], values=values,
                   file=str(file), origins=origins, files=tuple(read))


def _resolve(file: Path, chain: tuple[Path, ...], read: list[str]) -> tuple[dict, dict]:
    resolved = file.resolve()
    if resolved in chain:
        cycle = " -> ".join(p.name for p in chain + (resolved,))
        raise CpptoolError(f"profile 'extends' forms a cycle: {cycle}")
    data = read_yaml_mapping(file, what="profile")
    _default_source(data)
    read.append(str(file))
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    parents = data.get("extends") or []
    if isinstance(parents, str):
        parents = [parents]
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        raise CpptoolError(f"profile {file}: 'extends' must be a list of profile names or paths")
    for parent in parents:
        pv, po = _resolve(profile_file(parent, relative_to=file.parent), chain + (resolved,), read)
        merge(values, pv, origins, po)
    own = {k: v for k, v in data.items() if k != "extends"}
    merge(values, own, origins, {k: str(file) for k, _, _ in flatten(own, {})})
    return values, origins


def _default_source(data: dict) -> None:
    """A requirement or timescale entry that names no `source` cites its own file's first source."""
    own = data.get("sources")
    first = next(iter(own), None) if isinstance(own, dict) else None
    if first is None:
        return
    for section in ("requirements", "timescales"):
        entries = data.get(section)
        for spec in (entries.values() if isinstance(entries, dict) else ()):
            if isinstance(spec, dict) and "source" not in spec:
                spec["source"] = first


def merge(base: dict, over: dict, origins: dict, over_origins: dict, prefix: str = "") -> None:
    """Deep-merge mappings (later wins); lists and scalars are replaced whole."""
    for key, value in over.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value, origins, over_origins, dotted + ".")
        else:
            base[key] = value
            for k in list(origins):
                if k == dotted or k.startswith(dotted + "."):
                    del origins[k]
            for k, src in over_origins.items():
                if k == dotted or k.startswith(dotted + "."):
                    origins[k] = src


def flatten(values: dict, origins: dict, prefix: str = "") -> list[tuple[str, Any, str]]:
    """Every leaf value of a profile as (dotted key, value, file it came from)."""
    out = []
    for key, value in values.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out += flatten(value, origins, dotted + ".")
        else:
            out.append((dotted, value, _origin(dotted, origins)))
    return out


def _origin(dotted: str, origins: dict) -> str:
    probe = dotted
    while probe:
        if probe in origins:
            return origins[probe]
        probe = probe.rpartition(".")[0]
    return "?"


def read_yaml_mapping(file: Path, *, what: str) -> dict:
    """Read a small settings YAML file (profile, cpptool.yaml, answers) with one-line errors."""
    from cpptool.core.files import exists, read_text
    from cpptool.core.yamlsafe import load_yaml

    if not exists(file):
        raise CpptoolError(f"{what} file not found: {file}")
    data = load_yaml(read_text(file, what=f"{what} file"), str(file))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CpptoolError(f"{what} file must be a mapping of keys", where=str(file))
    return data


PROFILE_KEYS = {
    "id", "title", "nation", "extends", "description", "source_date", "superseded", "sources",
    "terminology", "calendar", "counting", "categories", "timescales", "requirements", "not_checkable",
    "agreement", "quality", "outdated", "outline_at_review", "rules", "needs_field",
}
_MAPPINGS = ("counting", "categories", "timescales", "requirements", "not_checkable", "terminology",
             "agreement", "quality", "outdated", "rules", "sources", "needs_field")


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), "a single value")


def validate_profile(values: dict, where: str) -> None:
    """Refuse a profile with unknown keys or bad values, naming the key (exit code 2)."""
    from cpptool.core.calendar import CALENDARS, UNITS  # one home for the calendar names
    from cpptool.core.deadlines import TIMESCALES
    from cpptool.core.requirements import requirements

    def bad(message: str) -> CpptoolError:
        return CpptoolError(f"profile: {message}", where=where)

    unknown = sorted(set(values) - PROFILE_KEYS)
    if unknown:
        raise bad(f"unknown key '{unknown[0]}'; allowed keys are: {', '.join(sorted(PROFILE_KEYS))}")
    for key in _MAPPINGS:
        if values.get(key) is not None and not isinstance(values[key], dict):
            raise bad(f"'{key}' must be a group of 'key: value' lines, not {_kind(values[key])}")
    for key in ("title", "calendar"):
        if not isinstance(values.get(key), str):
            raise bad(f"'{key}' must be set to text")
    if values["calendar"] not in CALENDARS:
        raise bad(f"'calendar' must be one of: {', '.join(CALENDARS)}")
    counting = values.get("counting") or {}
    if counting.get("working_days", "exclusive") not in ("exclusive", "inclusive"):
        raise bad("'counting.working_days' must be exclusive or inclusive")
    if counting.get("roll", "previous") not in ("previous", "next", "none"):
        raise bad("'counting.roll' must be previous, next or none")
    for name, spec in (values.get("timescales") or {}).items():
        if name not in TIMESCALES:
            raise bad(f"unknown timescale '{name}'; known timescales are: {', '.join(sorted(TIMESCALES))}")
        if spec is None:
            continue  # switched off by a profile that extends another
        if not isinstance(spec, dict) or not isinstance(spec.get("n"), int) or spec["n"] < 0 \
                or spec.get("unit") not in UNITS:
            raise bad(f"timescale '{name}' needs n (a whole number) and unit ({', '.join(UNITS)})")
    _validate_sources(values, bad)
    _validate_requirements(values, bad)
    known = requirements()
    for section, what in (("not_checkable", "a reason"), ("needs_field", "the field it needs")):
        for rid, reason in (values.get(section) or {}).items():
            if rid not in known or not isinstance(reason, str) or not reason.strip():
                raise bad(f"'{section}' entry '{rid}' must be a requirement id with {what}")
    categories = values.get("categories") or {}
    if categories and not isinstance(categories.get("allowed", []), list):
        raise bad("'categories.allowed' must be a list of codes")


# A 'must' is the procedure's own duty: its words say so. (A 'should' may quote a duty-free list item.)
_DUTY = LazyPattern(r"\b(must|will|shall|always|only|required|ensure|is to|are to)\b", re.IGNORECASE)


def _validate_requirements(values: dict, bad) -> None:
    from cpptool.core.requirements import STAGES, requirements

    known = requirements()
    for rid, spec in (values.get("requirements") or {}).items():
        if rid not in known:
            raise bad(f"unknown requirement '{rid}' in 'requirements'")
        if spec is None:
            continue  # removed by a profile that extends another
        if not isinstance(spec, dict) or str(spec.get("level", "")).split(" ")[0] not in ("must", "should"):
            raise bad(f"requirement '{rid}' needs level: must or should")
        quote = spec.get("quote")
        if quote is not None and (not isinstance(quote, str) or not quote.strip()):
            raise bad(f"requirement '{rid}': 'quote' must be the procedure's own words")
        if isinstance(quote, str) and str(spec["level"]).startswith("must") and not _DUTY.search(quote):
            raise bad(f"requirement '{rid}' is a must, but its quote states no duty (must, will, shall ...); "
                      "quote the words that make it one, or make it a should")
        stages = spec.get("stages")
        if stages is not None and (not isinstance(stages, list) or not stages or set(stages) - set(STAGES)):
            raise bad(f"requirement '{rid}': 'stages' must list {' and/or '.join(STAGES)}")


def _validate_sources(values: dict, bad) -> None:
    from cpptool.core.citations import document

    own = values.get("sources") or {}
    for key, entry in own.items():
        if entry is not None and not isinstance(entry, dict):
            raise bad(f"source '{key}' must be a group of 'key: value' lines (title, publisher, url, date)")
        if document(str(key), entry) is None:
            raise bad(f"source '{key}' is not a shipped document; give it a title (and publisher, url)")
    for section in ("requirements", "timescales"):
        for name, spec in (values.get(section) or {}).items():
            key = spec.get("source") if isinstance(spec, dict) else None
            if key is not None and key not in own and document(str(key)) is None:
                raise bad(f"{section[:-1]} '{name}' names source '{key}', which is not in 'sources'")
