"""Phrase lists are compiled into one matcher: it must answer exactly as a phrase-by-phrase search."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cpptool.rules import quality
from cpptool.rules._common import contains_phrase, matches_phrase, normalise

WORDS = st.sampled_from(["ongoing", "asap", "as", "soon", "possible", "will", "not", "core", "group", "legal",
                         "planning", "meeting", "TBC", "n/a", "PLO", "stay", "with", "", " ", "-", ".", "'",
                         "ICPC", "CAMHS", "(CAMHS)", "S47", "CP", "É", "日"])
TEXT = st.lists(WORDS, max_size=8).map(" ".join) | st.text(max_size=12)
PHRASES = st.lists(TEXT, max_size=6)


def _old_matches(text, phrases):
    t = " ".join(normalise(text).split())
    return any(t == " ".join(normalise(p).split()) for p in phrases)


def _old_contains(text, phrases):
    t = f" {' '.join(normalise(text).split())} "
    for p in phrases:
        if f" {' '.join(normalise(p).split())} " in t:
            return p
    return None


@settings(max_examples=500, deadline=None)
@given(TEXT, PHRASES)
def test_compiled_phrase_matching_answers_as_before(text, phrases):
    assert matches_phrase(text, phrases) == _old_matches(text, phrases)
    assert contains_phrase(text, phrases) == _old_contains(text, phrases)


def _old_acronyms(text, acronyms):
    return [a for a in acronyms if isinstance(a, str) and a.strip()
            and re.search(rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])", text) and f"({a})" not in text]


def _new_acronyms(text, acronyms):
    tokens = set(quality._ALNUM_RUN.findall(text))
    return [a for a, pattern in quality._acronym_finders(tuple(acronyms))
            if (a in tokens if pattern is None else pattern.search(text)) and f"({a})" not in text]


@settings(max_examples=500, deadline=None)
@given(TEXT, st.lists(st.sampled_from(["ICPC", "CAMHS", "S47", "CP", "CP-IS", " CG ", "", "é1", "A.B", "GP"]),
                      max_size=6))
def test_one_scan_finds_the_same_abbreviations(text, acronyms):
    assert _new_acronyms(text, acronyms) == _old_acronyms(text, acronyms)
