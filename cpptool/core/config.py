"""cpptool.yaml: the configuration of a plan repository, found upward from each plan."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cpptool.core.errors import CpptoolError
from cpptool.core.findings import LEVELS
from cpptool.core.profiles import DEFAULT_PROFILE, Profile, load_profile, merge, read_yaml_mapping
from cpptool.core.records import field, record

CONFIG_NAME = "cpptool.yaml"
KNOWN_KEYS = {"profile", "extends", "rules", "closures", "fail_level"}


@record(frozen=True)
class RuleSetting:
    level: str  # error | warning | info | off
    options: dict[str, Any] = field(default_factory=dict)
    origin: str = "default"

    @property
    def explicit(self) -> bool:
        """Set by a profile or cpptool.yaml rather than taken from the rule's defaults."""
        return self.origin != "default"


@record
class Config:
    file: Path | None = None
    profile: str | None = None
    extends: list[str] = field(default_factory=list)
    rules: dict[str, Any] = field(default_factory=dict)
    closures: Path | None = None
    fail_level: str | None = None


def reset_caches() -> None:
    """Forget files read earlier, so a new run sees edits (a run itself reads each file once)."""
    from cpptool.core.profiles import load_profile

    _find_config.cache_clear()
    load_config.cache_clear()
    load_profile.cache_clear()


def find_config(start: Path) -> Path | None:
    """The nearest cpptool.yaml in `start` or a folder above it."""
    return _find_config(start.resolve() if start.is_dir() else start.resolve().parent)


@lru_cache(maxsize=256)
def _find_config(folder: Path) -> Path | None:
    candidate = folder / CONFIG_NAME
    if candidate.is_file():
        return candidate
    if folder.parent == folder:
        return None
    return _find_config(folder.parent)


@lru_cache(maxsize=64)
def load_config(file: Path | None) -> Config:
    if file is None:
        return Config()
    data = read_yaml_mapping(file, what="configuration")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise CpptoolError(f"unknown key '{unknown[0]}'; allowed keys are: {', '.join(sorted(KNOWN_KEYS))}",
                           where=str(file))
    cfg = Config(file=file)
    cfg.profile = _text(data, "profile", file)
    extends = data.get("extends") or []
    if isinstance(extends, str):
        extends = [extends]
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise CpptoolError("'extends' must be a list of profile names or paths", where=str(file))
    cfg.extends = extends
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise CpptoolError("'rules' must map rule codes to off, error, warning, info or settings",
                           where=str(file))
    cfg.rules = rules
    closures = _text(data, "closures", file)
    cfg.closures = (file.parent / closures) if closures else None
    level = _text(data, "fail_level", file)
    if level is not None and level not in LEVELS:
        raise CpptoolError(f"'fail_level' must be one of {', '.join(LEVELS)}", where=str(file))
    cfg.fail_level = level
    return cfg


def _text(data: dict, key: str, file: Path) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise CpptoolError(f"'{key}' must be text", where=str(file))
    return value


def effective_profile(cfg: Config, plan_profile: str | None, override: str | None) -> Profile:
    """--profile beats cpptool.yaml, which beats the plan's own `profile:`, which beats england."""
    base = override or cfg.profile or plan_profile or DEFAULT_PROFILE
    where = str(cfg.file.parent) if cfg.file and not override else None
    profile = load_profile(base, where)
    if not cfg.extends:
        return profile
    values = _copy(profile.values)
    origins = dict(profile.origins)
    files = profile.files
    for extra in cfg.extends:
        more = load_profile(extra, str(cfg.file.parent) if cfg.file else None)
        merge(values, _copy(more.values), origins, more.origins)
        files += more.files
    return Profile(id=values.get("id", profile.id), title=values.get("title", profile.title),
                   calendar=values.get("calendar", profile.calendar), values=values,
                   file=profile.file, origins=origins, files=files)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def rule_settings(profile: Profile, cfg: Config) -> dict[str, RuleSetting]:
    """The level and options of every rule: defaults, then the profile, then cpptool.yaml."""
    from cpptool.core.registry import load_rules

    rules = load_rules()
    settings = {code: RuleSetting(r.level, dict(r.options)) for code, r in rules.items()}
    layers = [(profile.values.get("rules") or {}, profile.file), (cfg.rules, str(cfg.file))]
    for layer, origin in layers:
        if not isinstance(layer, dict):
            raise CpptoolError("'rules' must map rule codes to settings", where=origin)
        for key, value in layer.items():
            code = _rule_code(str(key), rules, origin)
            current = settings[code]
            settings[code] = _apply(code, current, value, rules[code].options, origin)
    return settings


def _rule_code(key: str, rules: dict, origin: str) -> str:
    from cpptool.core.registry import find_rule

    found = find_rule(key)
    if found is None:
        import difflib

        close = difflib.get_close_matches(key.upper(), list(rules), n=1)
        hint = f"; did you mean {close[0]}?" if close else "; run `cpptool rules` for the catalogue"
        raise CpptoolError(f"unknown rule '{key}'{hint}", where=origin)
    return found.code


def _apply(code: str, current: RuleSetting, value: Any, defaults: dict, origin: str) -> RuleSetting:
    valid = ("off",) + LEVELS
    if isinstance(value, str):
        if value not in valid:
            raise CpptoolError(f"{code}: level must be one of {', '.join(valid)}", where=origin)
        return RuleSetting(value, dict(current.options), origin)
    if not isinstance(value, dict):
        raise CpptoolError(f"{code}: expected a level ({', '.join(valid)}) or a mapping of settings",
                           where=origin)
    level = value.get("level", current.level)
    if level not in valid:
        raise CpptoolError(f"{code}: level must be one of {', '.join(valid)}", where=origin)
    options = dict(current.options)
    for name, opt in value.items():
        if name == "level":
            continue
        if name not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise CpptoolError(f"{code}: unknown option '{name}' (options: {known})", where=origin)
        expected = _expected_type(defaults[name], opt)
        if expected:
            raise CpptoolError(f"{code}: option '{name}' must be {expected}", where=origin)
        options[name] = opt
    # Options alone keep the level's origin, so a requirement-derived level still applies.
    return RuleSetting(level, options, origin if "level" in value else current.origin)


def _expected_type(default: Any, value: Any) -> str | None:
    """What `value` should have been, or None when it has the type of the option's default.
    An option whose default is None (no limit) takes a whole number."""
    if isinstance(default, bool) or isinstance(value, bool):
        return None if isinstance(default, bool) and isinstance(value, bool) else "true or false"
    if default is None or isinstance(default, (int, float)):
        ok = value is None if default is None and value is None else isinstance(value, (int, float))
        return None if ok else "a number"
    if isinstance(default, list):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return "a list of text entries"
    if isinstance(default, dict):
        if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return None
        return "a mapping of text to text"
    return None if isinstance(value, type(default)) else type(default).__name__
