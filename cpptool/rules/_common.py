"""Small helpers shared by the rule families: spotting vague or empty text, profile words."""

from __future__ import annotations

import re
from typing import Any, Iterable



def blank(value: Any) -> bool:
    """True for None, empty text and empty lists: nothing was written."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return not value
    return False


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower()).strip()


def matches_phrase(text: str, phrases: Iterable[str]) -> bool:
    """True when the whole text (ignoring case and punctuation) is one of the phrases."""
    t = " ".join(normalise(text).split())
    return any(t == " ".join(normalise(p).split()) for p in phrases)


def contains_phrase(text: str, phrases: Iterable[str]) -> str | None:
    t = f" {' '.join(normalise(text).split())} "
    for p in phrases:
        if f" {' '.join(normalise(p).split())} " in t:
            return p
    return None


def setting(ctx: Any, dotted: str, default: Any = None) -> Any:
    """A profile value (e.g. 'timescales.visit_interval'), or `default`."""
    return ctx.profile.get(dotted, default)


def term(ctx: Any, key: str, default: str) -> str:
    """The profile's word for something (e.g. 'lead' -> 'lead social worker')."""
    return ctx.profile.get(f"terminology.{key}", default) or default
