"""Views of the rule catalogue and profiles for people: coverage of requirements, resolved values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cpptool.core.profiles import Profile
from cpptool.core.registry import load_rules
from cpptool.core.requirements import requirements


@dataclass(frozen=True)
class Coverage:
    id: str
    level: str
    cite: str
    text: str
    rules: tuple[str, ...]  # codes of the rules that enforce it
    not_checkable: str | None  # the profile's reason, when no rule can check it
    outdated: str | None

    @property
    def covered(self) -> bool:
        return bool(self.rules) or bool(self.not_checkable)


def coverage(profile: Profile) -> list[Coverage]:
    """For each requirement the profile applies: the rules enforcing it, or why none can."""
    rules = load_rules()
    known = requirements()
    reasons = profile.values.get("not_checkable") or {}
    outdated = profile.values.get("outdated") or {}
    out = []
    for rid, spec in sorted(profile.requirements.items(), key=lambda kv: (kv[0][0], int(kv[0][1:]))):
        enforcing = tuple(code for code, r in rules.items() if rid in r.requirements)
        out.append(Coverage(
            id=rid, level=str(spec.get("level", "")), cite=str(spec.get("cite", "")),
            text=known[rid].text, rules=enforcing if rid not in reasons else (),
            not_checkable=reasons.get(rid), outdated=outdated.get(rid),
        ))
    return out
