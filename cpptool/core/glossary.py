"""The one list of abbreviations and their plain words (cpptool/data/glossary.yaml).

The family copy of a rendered agreement spells them out, and CPP-Q009 asks authors to; both read
this list so they can never disagree. It is loaded once, on first use: ruamel.yaml is imported
only then, so importing this module costs nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from cpptool.resources import resource_dir

_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9]*$")


@lru_cache(maxsize=1)
def _load() -> tuple[Mapping[str, str], frozenset[str]]:
    from cpptool.core.yamlsafe import load_yaml

    file = resource_dir("data") / "glossary.yaml"
    data = load_yaml(file.read_text(encoding="utf-8"), str(file))
    terms = data["abbreviations"]
    # A broken shipped file is a packaging bug: fail loudly at once rather than expand wrongly.
    for short, words in terms.items():
        if not (isinstance(short, str) and _ABBREVIATION.match(short) and isinstance(words, str) and words.strip()):
            raise ValueError(f"glossary.yaml: bad entry {short!r}")
    known = frozenset(data.get("widely_known") or ())
    if not known <= terms.keys():
        raise ValueError(f"glossary.yaml: widely_known names unknown abbreviations {sorted(known - terms.keys())}")
    return MappingProxyType(dict(terms)), known


def expansions() -> Mapping[str, str]:
    """Abbreviation -> the plain words, e.g. 'IRO' -> 'Independent Reviewing Officer' (read-only)."""
    return _load()[0]


def to_spell_out() -> list[str]:
    """The abbreviations CPP-Q009 reports in family text, sorted: all but the widely known (GP)."""
    terms, known = _load()
    return sorted(k for k in terms if k not in known)
