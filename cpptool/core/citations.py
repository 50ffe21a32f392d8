"""Citations a user can follow: the public document, its section and its words.

Rules and profiles name a document by a key of cpptool/data/sources.yaml (or of a profile's own
`sources:`, for a local procedure). What people see is the document itself: who published it,
its title, the section, the words quoted, and its web address where it has one.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from cpptool.resources import resource_dir

_FIELDS = ("publisher", "title", "date", "url", "note")


@lru_cache(maxsize=1)
def sources() -> Mapping[str, Mapping[str, str]]:
    """Every shipped document by key (read-only)."""
    from cpptool.core.yamlsafe import load_yaml

    file = resource_dir("data") / "sources.yaml"
    data = load_yaml(file.read_text(encoding="utf-8"), str(file))
    for key, entry in data.items():  # a broken shipped file is a packaging bug: fail loudly
        if not isinstance(entry, dict) or not entry.get("title") or not entry.get("publisher") \
                or set(entry) - set(_FIELDS):
            raise ValueError(f"sources.yaml: bad entry {key!r}")
    return MappingProxyType({k: MappingProxyType({f: str(v) for f, v in e.items()}) for k, e in data.items()})


def document(key: str, own: Mapping[str, Any] | None = None) -> Mapping[str, str] | None:
    """The document `key` names: a shipped one, with anything a profile's own entry adds or
    changes, or a profile's own (which then needs at least a title)."""
    shipped = sources().get(key)
    extra = {f: str(v) for f, v in (own or {}).items() if f in _FIELDS and v is not None}
    if shipped is None and not extra.get("title"):
        return None
    return {**(shipped or {}), **extra}


def name(doc: Mapping[str, str]) -> str:
    """'North Yorkshire Safeguarding Children Partnership, "Child Protection Plans" (2024)'."""
    text = f'"{doc["title"]}"'
    if doc.get("publisher"):
        text = f"{doc['publisher']}, {text}"
    if doc.get("date"):
        text += f" ({doc['date']})"
    return text


def cite(doc: Mapping[str, str] | None, where: str = "", quote: str = "", fallback: str = "") -> str:
    """One citation: the document, the section (`where`), the words quoted, and its address."""
    where = " ".join(str(where or "").split())
    quote = " ".join(str(quote or "").split())
    if doc is None:
        text = where or fallback
    else:
        text = name(doc) + (f", {where}" if where else "")
    if quote:
        text += f': "{quote}"'
    if doc is not None and doc.get("url"):
        text += f" <{doc['url']}>"
    return text


@lru_cache(maxsize=512)
def resolve(ref: str) -> str:
    """A rule's source reference, 'KEY section: "words"' (or just 'KEY'), as a citation; text whose
    first word is not a document key is returned as written."""
    key, rest = _key(ref)
    doc = sources().get(key)
    if doc is None:
        return ref
    where, quote = _split_quote(rest)
    return cite(doc, where, quote)


def short(ref: str) -> str:
    """A rule's source reference as its publisher and section only: 'Stoke-on-Trent Safeguarding
    Children Board §05'."""
    key, rest = _key(ref)
    doc = sources().get(key)
    if doc is None:
        return ref
    where, _ = _split_quote(rest)
    return f"{doc['publisher']} {where}".strip()


def _key(ref: str) -> tuple[str, str]:
    """('KEY', 'section: "words"') from 'KEY section: "words"' or 'KEY: "words"'."""
    key, _, rest = ref.strip().partition(" ")
    if key.endswith(":"):
        return key[:-1], rest
    return key, rest


def _split_quote(text: str) -> tuple[str, str]:
    text = text.strip()
    if '"' in text:
        where, _, quoted = text.partition('"')
        return where.strip().rstrip(":").strip(), quoted.rsplit('"', 1)[0]
    return text, ""


def entry_citation(profile: Any, entry: Mapping[str, Any], fallback: str = "") -> str:
    """The citation of one profile entry (a requirement or a timescale): its `source` document,
    its `cite` (the section, with a few words of what it asks) and its `quote`."""
    key = entry.get("source")
    own = (profile.get("sources") or {}).get(key) if key else None
    doc = document(key, own if isinstance(own, dict) else None) if key else None
    return cite(doc, str(entry.get("cite", "")), str(entry.get("quote", "") or ""), fallback)


def entry_short(profile: Any, entry: Mapping[str, Any]) -> str:
    """A profile entry's citation in brief, for comments in a plan: 'Stoke-on-Trent Safeguarding
    Children Board, §05, the first core group'."""
    where = " ".join(str(entry.get("cite", "")).split())
    key = entry.get("source")
    own = (profile.get("sources") or {}).get(key) if key else None
    doc = document(key, own if isinstance(own, dict) else None) if key else None
    if doc is None:
        return where
    return f"{doc['publisher']}, {where}" if where else doc["publisher"]


def requirement_citation(profile: Any, rid: str) -> str:
    entry = profile.requirements.get(rid) or {}
    return entry_citation(profile, entry, fallback=rid)
