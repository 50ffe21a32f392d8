"""A document being written: the plan, the profile's words, the date, and helpers that append blocks.

build.py makes one Draft per render and sections.py fills it in. The Draft knows how to say a
thing (a heading from the templates, a labelled value, a bullet list) but not what to say.
jinja2 is imported only when a Draft makes its Texts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from cpptool.core.render.document import Block, Heading, Para, RenderedDocument
from cpptool.core.render.wording import TERM_DEFAULTS, Texts, fmt_when, is_welsh, sentence


def _title(plan: Any, plan_term: str, audience: str) -> str:
    # The document property names the kind of document, never the child (it shows in file previews).
    if audience == "child":
        return f"{plan_term}: child's copy"
    title = f"{plan_term}: {'written agreement' if plan.stage == 'detailed' else 'outline plan'}"
    return title + " (family copy)" if audience == "family" else title


class Draft:
    def __init__(self, plan: Any, profile: Any, audience: str, as_of: dt.date, marking: str) -> None:
        self.plan = plan
        self.profile = profile
        self.audience = audience
        self.as_of = as_of
        self.terms = {k: str(profile.get(f"terminology.{k}") or v) for k, v in TERM_DEFAULTS.items()}
        self.child = plan.child.preferred_name or plan.child.name
        lead = plan.member(plan.lead_social_worker)
        self.lead_name = lead.name if lead else None
        self.blocks: list[Block] = []
        agreement = plan.agreement
        language = "cy-GB" if agreement is not None and is_welsh(agreement.language) else "en-GB"
        self.doc = RenderedDocument(title=_title(plan, sentence(self.terms["plan"]), audience), language=language,
                                    marking=marking, audience=audience, blocks=self.blocks)
        self.texts = Texts({
            "audience": audience, "terms": self.terms, "child": self.child, "lead_name": self.lead_name,
            "stage": plan.stage,
            "partnership": str(profile.get("terminology.partnership") or "local safeguarding partnership"),
        })

    def h(self, level: int, macro: str, **kwargs: Any) -> None:
        self.blocks.append(Heading(self.texts.one("headings", macro, **kwargs), level))

    def intro(self, macro: str, template: str = "intros", **kwargs: Any) -> None:
        for text in self.texts.paragraphs(template, macro, **kwargs):
            self.blocks.append(Para([(text, False)]))

    def p(self, text: str) -> None:
        if text and text.strip():
            self.blocks.append(Para([(text.strip(), False)]))

    def label(self, label: str, value: Any) -> None:
        text = fmt_when(value) if not isinstance(value, str) else value.strip()
        if text:
            self.blocks.append(Para([(f"{label}: ", True), (text, False)]))

    def bullets(self, items: list[str]) -> None:
        for item in items:
            if item and str(item).strip():
                self.blocks.append(Para([(str(item).strip(), False)], style="bullet"))

    def who(self, member_id: Optional[str], *, fallback: str = "Not yet agreed") -> str:
        if not member_id:
            return fallback
        member = self.plan.member(member_id)
        if member is None:
            return member_id
        return f"{member.name} ({member.role})" if member.role else member.name

    def name_of(self, member_id: Optional[str]) -> str:
        member = self.plan.member(member_id)
        return member.name if member is not None else (member_id or "")
