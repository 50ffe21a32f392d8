"""Words for the agreement: the template wording, dates, categories and plain-English abbreviations.

Short wording (headings, introductions, notices) comes from the Jinja2 templates in
templates/render/, rendered in a sandbox; plan values reach the templates only as data, never
as template source. jinja2 is imported only when a Texts is made, so only a render pays for it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Optional

from cpptool.core import glossary
from cpptool.core.render.document import Heading, Para, RenderedDocument, Table

CATEGORY_WORDS = {
    "NEG": "neglect",
    "PHY": "physical abuse",
    "SAB": "sexual abuse",
    "EMO": "emotional abuse",
    "MUL": "more than one kind of harm",
    "EXP": "exploitation",
}

# The profile's terminology.* overrides these (e.g. Wales: care and support protection plan).
TERM_DEFAULTS = {
    "plan": "child protection plan",
    "initial_conference": "initial child protection conference",
    "review_conference": "review child protection conference",
    "core_group": "core group",
    "lead": "lead social worker",
    "chair": "conference chair",
}

_WELSH = {"welsh", "cymraeg", "cy", "cy-gb"}


def sentence(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def fmt_date(day: Optional[dt.date]) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def fmt_when(value: Any) -> str:
    if isinstance(value, dt.date):
        return fmt_date(value)
    return str(value or "").strip()


def is_welsh(language: Optional[str]) -> bool:
    text = (language or "").strip().lower()
    return text in _WELSH or text.startswith(("welsh", "cymraeg"))


class Texts:
    """Calls the macros in templates/render/*.j2 with the plan's data in the context."""

    def __init__(self, context: dict[str, Any]) -> None:
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        from cpptool.resources import resource_dir

        env = SandboxedEnvironment(loader=FileSystemLoader(str(resource_dir("templates") / "render")),
                                   undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                                   lstrip_blocks=True)
        env.filters["sentence"] = sentence
        self._env = env
        self._context = context
        self._modules: dict[str, Any] = {}

    def paragraphs(self, template: str, macro: str, **kwargs: Any) -> list[str]:
        module = self._modules.get(template)
        if module is None:
            module = self._env.get_template(f"{template}.j2").make_module(vars=self._context)
            self._modules[template] = module
        out = str(getattr(module, macro)(**kwargs))
        blocks = re.split(r"\n\s*\n", out.strip())
        return [" ".join(b.split()) for b in blocks if b.strip()]

    def one(self, template: str, macro: str, **kwargs: Any) -> str:
        return " ".join(self.paragraphs(template, macro, **kwargs))


# ---------------------------------------------------------------------------------------------
# Plain words for the family copy


@lru_cache(maxsize=1)
def _acronym_pattern() -> re.Pattern:
    # Longest first, so CPPM wins over CPP; "s47" is how S47 is often typed.
    words = sorted(glossary.expansions(), key=len, reverse=True)
    return re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, words)) + r"|s47)(?![\w&])")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _spell_out(word: str, full: str, before: str) -> str:
    """The first use of `word` (whose plain words are `full`), given the text before it in the same run."""
    # Already spelled out, e.g. "Independent Reviewing Officer (IRO)": leave it exactly as written.
    # Letters only, so "Multi Agency ..." or a line break inside the words still counts.
    if _letters(before).endswith(_letters(full)):
        return word
    # Inside brackets, e.g. "Sam Example (IRO)": a comma, never brackets inside brackets.
    if before.count("(") > before.count(")"):
        return f"{full}, {word}"
    return f"{full} ({word})"


def expand_acronyms(doc: RenderedDocument) -> None:
    """Spell out each acronym the first time it appears, e.g. 'Independent Reviewing Officer (IRO)'."""
    seen: set[str] = set()

    def one(m: re.Match) -> str:
        word = m.group(1)
        key = "S47" if word.lower() == "s47" else word
        if key in seen:
            return word
        seen.add(key)
        return _spell_out(word, glossary.expansions()[key], m.string[:m.start()])

    def expand(text: str) -> str:
        return _acronym_pattern().sub(one, text)

    for block in doc.blocks:
        if isinstance(block, Heading):
            block.text = expand(block.text)
        elif isinstance(block, Para):
            block.runs = [(expand(t), bold) for t, bold in block.runs]
        elif isinstance(block, Table) and block.kind != "signatures":
            block.rows = [[expand(cell) for cell in row] for row in block.rows]
