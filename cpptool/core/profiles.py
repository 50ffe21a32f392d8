"""Procedure profiles: what a local procedure requires, as YAML data shipped in the package."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cpptool.core.errors import CpptoolError
from cpptool.resources import resource_dir

DEFAULT_PROFILE = "england"


@dataclass
class Profile:
    id: str
    title: str
    calendar: str
    values: dict[str, Any]
    file: str
    origins: dict[str, str] = field(default_factory=dict)  # dotted key -> file that set it

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


def shipped_profiles() -> list[str]:
    return sorted(p.stem for p in resource_dir("profiles").glob("*.yaml"))


def profile_file(name: str, *, relative_to: Path | None = None) -> Path:
    """A shipped name resolves to the packaged file; anything with a slash or .yaml is a path."""
    if "/" in name or "\\" in name or name.endswith((".yaml", ".yml")):
        path = Path(name)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        if not path.is_file():
            raise CpptoolError(f"profile file not found: {path}")
        return path
    path = resource_dir("profiles") / f"{name}.yaml"
    if not path.is_file():
        raise CpptoolError(f"unknown profile '{name}'; shipped profiles are: {', '.join(shipped_profiles())}")
    return path


@lru_cache(maxsize=64)
def load_profile(name: str, relative_to: str | None = None) -> Profile:
    file = profile_file(name, relative_to=Path(relative_to) if relative_to else None)
    values, origins = _resolve(file, ())
    pid = values.get("id") or file.stem
    for key in ("title", "calendar"):
        if not isinstance(values.get(key), str):
            raise CpptoolError(f"profile {file}: '{key}' must be set to text")
    return Profile(id=pid, title=values["title"], calendar=values["calendar"], values=values,
                   file=str(file), origins=origins)


def _resolve(file: Path, chain: tuple[Path, ...]) -> tuple[dict, dict]:
    resolved = file.resolve()
    if resolved in chain:
        cycle = " -> ".join(p.name for p in chain + (resolved,))
        raise CpptoolError(f"profile 'extends' forms a cycle: {cycle}")
    data = read_yaml_mapping(file, what="profile")
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    parents = data.get("extends") or []
    if isinstance(parents, str):
        parents = [parents]
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        raise CpptoolError(f"profile {file}: 'extends' must be a list of profile names or paths")
    for parent in parents:
        pv, po = _resolve(profile_file(parent, relative_to=file.parent), chain + (resolved,))
        merge(values, pv, origins, po)
    own = {k: v for k, v in data.items() if k != "extends"}
    merge(values, own, origins, {k: str(file) for k in _dotted_keys(own)})
    return values, origins


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


def _dotted_keys(data: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out += _dotted_keys(value, dotted + ".")
        else:
            out.append(dotted)
    return out


def read_yaml_mapping(file: Path, *, what: str) -> dict:
    """Read a small configuration YAML file (profile, cpptool.yaml) with clear errors."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CpptoolError(f"{what} file not found: {file}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CpptoolError(f"cannot read {what} file {file}: {type(err).__name__}") from None
    try:
        data = YAML(typ="safe").load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else str(file)
        raise CpptoolError(f"{what} file is not valid YAML: {err.problem or err.context}", where=where) from None
    except YAMLError as err:
        raise CpptoolError(f"{what} file is not valid YAML: {type(err).__name__}", where=str(file)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CpptoolError(f"{what} file must be a mapping of keys", where=str(file))
    return data
