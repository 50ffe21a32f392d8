"""Small helpers shared by the rule families: spotting vague or empty text, profile words."""

from __future__ import annotations

import re
from functools import lru_cache
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


def placeholder(value: Any) -> bool:
    """True for a template placeholder ("TO DO: ..."), which CPP-Q008 reports on its own."""
    return isinstance(value, str) and value.lstrip().startswith("TO DO")


_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def normalise(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


def words(text: str) -> str:
    """The text in lower case with punctuation dropped and single spaces: how phrases compare."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def matches_phrase(text: str, phrases: Iterable[str]) -> bool:
    """True when the whole text (ignoring case and punctuation) is one of the phrases."""
    return words(text) in _phrase_set(tuple(phrases))


def contains_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` found in the text as whole words (ignoring case and punctuation)."""
    listed, finder = _phrase_finder(tuple(phrases))
    t = words(text)
    if not t:  # empty text holds only an empty phrase
        return next((p for p, w in listed if not w), None)
    if finder is None or finder.search(t) is None:
        return None
    padded = f" {t} "
    return next(p for p, w in listed if w and f" {w} " in padded)


# Options can change a phrase list, so each list is compiled once, on first use, and cached.
@lru_cache(maxsize=256)
def _phrase_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words(p) for p in phrases)


@lru_cache(maxsize=256)
def _phrase_finder(phrases: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], re.Pattern | None]:
    """The phrases with their normalised words, and one pattern matching any of them between
    spaces (longest first), so a text is scanned once however long the list."""
    listed = tuple((p, words(p)) for p in phrases)
    alternatives = sorted({w for _, w in listed if w}, key=len, reverse=True)
    if not alternatives:
        return listed, None
    return listed, re.compile(r"(?<![^ ])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![^ ])")


def setting(ctx: Any, dotted: str, default: Any = None) -> Any:
    """A profile value (e.g. 'timescales.visit_interval'), or `default`."""
    return ctx.profile.get(dotted, default)


def term(ctx: Any, key: str, default: str) -> str:
    """The profile's word for something (e.g. 'lead' -> 'lead social worker')."""
    return ctx.profile.get(f"terminology.{key}", default) or default
