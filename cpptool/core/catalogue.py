"""Views of the rule catalogue and profiles for people: coverage of requirements, resolved values."""

from __future__ import annotations

from cpptool.core.citations import requirement_citation
from cpptool.core.profiles import Profile
from cpptool.core.records import record
from cpptool.core.registry import load_rules
from cpptool.core.requirements import requirements


@record(frozen=True)
class Coverage:
    id: str
    level: str
    cite: str
    text: str
    rules: tuple[str, ...]  # codes of the rules that enforce it
    not_checkable: str | None  # the profile's reason, when no rule can check it
    outdated: str | None
    needs_field: str | None = None  # the field a later plan format needs before it can be checked

    @property
    def covered(self) -> bool:
        """Enforced, or openly not: not checkable with a reason, or waiting for a field."""
        return bool(self.rules) or bool(self.not_checkable) or bool(self.needs_field)

    @property
    def status(self) -> str:
        """How the profile treats it, in words: enforced by rules, not checkable, or not covered."""
        if self.needs_field:
            return f"not covered: needs field {self.needs_field}"
        if self.rules:
            return "enforced by " + ", ".join(self.rules)
        if self.not_checkable:
            return f"not checkable: {self.not_checkable}"
        return "NOT COVERED (no rule, no reason, no field named)"


def coverage(profile: Profile) -> list[Coverage]:
    """For each requirement the profile applies: the rules enforcing it, or why none can."""
    rules = load_rules()
    known = requirements()
    reasons = profile.values.get("not_checkable") or {}
    fields = profile.values.get("needs_field") or {}
    outdated = profile.values.get("outdated") or {}
    out = []
    for rid, spec in sorted(profile.requirements.items(), key=lambda kv: requirement_order(kv[0])):
        enforcing = tuple(code for code, r in rules.items() if rid in r.requirements)
        out.append(Coverage(
            id=rid, level=str(spec.get("level", "")), cite=requirement_citation(profile, rid),
            text=known[rid].text, rules=enforcing if rid not in reasons and rid not in fields else (),
            not_checkable=reasons.get(rid), outdated=outdated.get(rid), needs_field=fields.get(rid),
        ))
    return out


def requirement_order(rid: str) -> tuple[int, int]:
    """Outline, detailed, agreement, timescales, then ending and meetings: O1 < D1 < W1 < T1 < L1 < A1."""
    return ("ODWTLA".find(rid[0]) % 7, int(rid[1:]) if rid[1:].isdigit() else 0)
