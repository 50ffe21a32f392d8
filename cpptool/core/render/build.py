"""Build the document: a plan and an audience become a RenderedDocument.

This module decides what each audience gets and in what order: the full agreement (professional
and family copies, sections from sections.py) or the child's short copy. The family copy then
has its abbreviations spelled out. Nothing here prints or imports python-docx.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from cpptool.core.errors import CpptoolError
from cpptool.core.render import record, sections
from cpptool.core.render.document import DEFAULT_MARKING, Para, RenderedDocument
from cpptool.core.render.draft import Draft
from cpptool.core.render.wording import expand_acronyms, fmt_date


def build_document(plan: Any, profile: Any, *, audience: str = "professional", as_of: Optional[dt.date] = None,
                   marking: str = DEFAULT_MARKING) -> RenderedDocument:
    """The blocks of one audience's copy, in the order a family reads the plan."""
    d = Draft(plan, profile, audience, as_of or dt.date.today(), marking)
    if audience == "child":
        _child_copy(d)
    else:
        _full_copy(d)
    if audience == "family":
        expand_acronyms(d.doc)
    return d.doc


def check_child_copy(plan: Any) -> None:
    if plan.child_version is None:
        raise CpptoolError("the plan has no child_version, so there is no child's copy to render; "
                           "write child_version (why_we_are_worried, what_will_happen) with the child first")


def _full_copy(d: Draft) -> None:
    plan = d.plan
    d.h(0, "title")
    d.blocks.append(Para([(d.texts.one("headings", "subtitle", stage=plan.stage), False)], style="subtitle"))
    record.agreed(d)  # plan format 2: when this version was agreed
    d.intro("opening")
    sections.about(d)
    sections.why(d)
    d.h(1, "strengths")
    d.bullets(list(plan.strengths) + (list(plan.parenting.strengths) if plan.parenting else []))
    d.h(1, "change")
    d.bullets(plan.needs_to_change)
    if plan.parenting and plan.parenting.difficulties:
        d.blocks.append(Para([("What is hard for the family at the moment:", True)]))
        d.bullets(plan.parenting.difficulties)
    sections.goals(d)
    sections.actions(d)
    sections.services(d)
    if d.audience == "family":
        sections.expectations(d)
    sections.visits(d)
    sections.contingency(d)
    if plan.birth_plan:
        d.h(1, "birth")
        d.p(plan.birth_plan)
    sections.meetings(d)
    sections.views(d)
    if d.audience == "family":
        sections.contacts(d)
        record.contacts(d)
    sections.notices(d)
    if plan.stage == "detailed":
        sections.signatures(d)
        record.distribution(d)
    record.language_note(d)


def _child_copy(d: Draft) -> None:
    version = d.plan.child_version
    if version is None:  # the pipeline refuses earlier (check_child_copy); kept for direct callers
        raise CpptoolError("the plan has no child_version, so there is no child's copy to render")
    d.h(0, "title")
    d.intro("opening")
    d.h(1, "child_why")
    d.p(version.why_we_are_worried)
    if version.what_is_going_well:
        d.h(1, "child_well")
        d.p(version.what_is_going_well)
    d.h(1, "child_happen")
    d.p(version.what_will_happen)
    d.h(1, "child_help")
    if version.who_can_help:
        d.p(version.who_can_help)
    d.intro("child_help_line")
    m = d.plan.meetings
    when = (m.next_review_conference or m.first_review_conference) if m is not None else None
    if when and when >= d.as_of:
        d.h(1, "child_meeting")
        d.intro("child_meeting", date=fmt_date(when))
