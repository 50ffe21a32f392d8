"""Plan quality rules (CPP-Q*): the faults inspectors and auditors keep finding in plans.

Inspections and audits (quality.md §1-§2) find actions with no named person, no timescale or
no way of knowing they worked; contingency plans that only name a meeting; outcomes that are not
about the child; and plans written in jargon the family cannot read. These rules check what can
be checked mechanically. The plain-language rules (CPP-Q009, CPP-Q010) are prompts (info): they
read only the text written for the family and the child.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from cpptool.core import glossary
from cpptool.core.registry import Hit, rule
from cpptool.core.yamlpath import format_path
from cpptool.rules._common import blank, contains_phrase, matches_phrase, normalise, setting

QUALITY = "quality.md §2 (inspection and audit findings)"
CLOSED = ("done", "cancelled")
FAMILY_KINDS = ("parent", "carer", "family", "child")

COLLECTIVE_OWNERS = [
    "children's services", "children's social care", "social care", "all agencies", "all professionals",
    "core group", "everyone", "the family", "professionals", "agencies", "school", "health",
    "police", "the local authority", "local authority", "tbc",
]
VAGUE_TIMESCALES = [
    "ongoing", "asap", "as soon as possible", "as required", "as needed", "when possible", "tbc",
    "immediately", "continuous", "throughout",
]
BOILERPLATE = ["tbc", "n/a", "na", "ongoing", "to be agreed", "see above", "completed", "done", "yes"]
PROCESS_PHRASES = [
    "legal planning meeting", "legal gateway", "plo", "public law outline", "consider proceedings",
    "escalate to manager", "escalate to a manager", "strategy discussion", "strategy meeting",
    "review conference will be convened", "refer to legal", "referral to legal", "legal advice",
]
PROTECTIVE_WORDS = [
    "stay with", "stays with", "will take", "will collect", "will visit", "visit the same day", "move to",
    "go to", "remove", "safe place", "will look after", "will care for", "police will attend",
    "out-of-hours",
]
NEGATIVE_PHRASES = ["will not", "won't", "no more", "no longer"]


# ---------------------------------------------------------------------------------------------
# Actions


@rule(
    "CPP-Q001", "action-owner",
    summary="Every action names one responsible person, not an agency or a group.",
    level="error", requirements=("O13", "D8"),
    sources=("quality.md §2 rank 1 (G1, G8, G13, G14)",),
    options={"collective_owners": COLLECTIVE_OWNERS},
    fix="Set owner: to the core group member id of the person who will do the action; add that person to "
        "core_group (name and role) if they are not there.",
    passing="""
    actions:
      - {id: a1, what: Visit Riley at home., owner: sw, frequency: every 2 weeks, outcome: o1, success_measure: Visit log.}
    """,
    failing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional, agency: Exampleshire Children's Services}
      - {id: cs, name: Children's Services, role: Local authority, kind: professional}
    lead_social_worker: sw
    actions:
      - {id: a1, what: Visit Riley at home., owner: cs, frequency: every 2 weeks, success_measure: Visit log.}
    """,
)
def action_owner(ctx) -> Iterator[Hit]:
    """Inspectors keep finding actions that nobody in particular owns: "Children's Services" or
    "all agencies" cannot be held to account (quality.md §1-2, rank 1; procedures: "who does what
    by when, including family members", O13 and D8).

    Every action must have an `owner`, and the owner's core group entry must be a person: an
    entry whose whole name or role is a collective such as "children's services", "school",
    "health", "all agencies" or "TBC" is reported. The list is the option `collective_owners`.
    Owners that are not core group ids are left to CPP-S005."""
    plan = ctx.plan
    collective = ctx.options["collective_owners"]
    for i, action in enumerate(plan.actions):
        if blank(action.owner):
            yield Hit(("actions", i, "owner"), f"actions[{i}] has no owner; name the person responsible "
                                               "(a core group member id)")
            continue
        member = plan.member(action.owner)
        if member is None:
            continue  # CPP-S005
        if matches_phrase(member.name, collective) or matches_phrase(member.role, collective):
            yield Hit(("actions", i, "owner"),
                      f"the owner of actions[{i}] is an agency or a group, not a person; name the person "
                      "who will do it")


@rule(
    "CPP-Q002", "action-timescale",
    summary="Every action has a due date or a frequency; words like 'ongoing' or 'ASAP' alone are not "
            "timescales.",
    level="warning", requirements=("O14", "D8"),
    sources=("quality.md §2 rank 2 (F1, F6, G1, G2)",),
    options={"vague_timescales": VAGUE_TIMESCALES},
    fix="Give a due date (YYYY-MM-DD) for one-off actions, or a frequency (e.g. 'weekly', 'every 2 weeks') "
        "for repeated ones.",
    passing="""
    actions:
      - {id: a1, what: Visit Riley at home., owner: sw, frequency: every 2 weeks, outcome: o1, success_measure: Visit log.}
      - {id: a2, what: Agree a bedtime routine with Mum., owner: hv, due: 2026-12-11, outcome: o1, success_measure: A written routine.}
    """,
    failing="""
    actions:
      - {id: a1, what: Visit Riley at home., owner: sw, frequency: ongoing, outcome: o1, success_measure: Visit log.}
      - {id: a2, what: Agree a bedtime routine with Mum., owner: hv, due: ASAP, outcome: o1, success_measure: A written routine.}
    """,
)
def action_timescale(ctx) -> Iterator[Hit]:
    """Plans too often leave actions "ongoing" or "ASAP", so nobody can tell whether they are late
    (quality.md §2 rank 2; procedures: a timescale for each action, O14 and D8).

    Every action needs a `due` date or a `frequency`. A `due` written as text is reported: a due
    date must be a date, and repeated actions belong under `frequency`. A frequency that is only a
    vague word (option `vague_timescales`: "ongoing", "ASAP", "as required", "when possible",
    "immediately" ...) is reported too. Actions that are done or cancelled only need some
    timescale written."""
    vague = ctx.options["vague_timescales"]
    for i, action in enumerate(ctx.plan.actions):
        if blank(action.due) and blank(action.frequency):
            yield Hit(("actions", i, "due"), f"actions[{i}] has no timescale; add a due date or a frequency")
            continue
        if action.status in CLOSED:
            continue
        if isinstance(action.due, str) and not blank(action.due):
            if matches_phrase(action.due, vague):
                yield Hit(("actions", i, "due"),
                          f"the due date of actions[{i}] is a vague word, and words like 'ongoing' or 'ASAP' "
                          "alone are not timescales; give a date, or a frequency for a repeated action")
            else:
                yield Hit(("actions", i, "due"),
                          f"the due date of actions[{i}] is not a date; write it as YYYY-MM-DD, or put a "
                          "repeated action's timescale under frequency")
        if not blank(action.frequency) and matches_phrase(action.frequency, vague):
            yield Hit(("actions", i, "frequency"),
                      f"the frequency of actions[{i}] is a vague word, and words like 'ongoing' or 'as "
                      "required' alone are not timescales; say how often (e.g. weekly) or give a due date")


@rule(
    "CPP-Q003", "action-success-measure",
    summary="Every action in a detailed plan says how everyone will know it has worked.",
    level="warning", requirements=("D7",), stages=("detailed",),
    sources=("quality.md §2 rank 3 (F6, G1, G9, G13)",),
    options={"boilerplate": BOILERPLATE},
    fix="Write under success_measure what will be seen when the action has worked: a record, a number, "
        "something the child or family will say or do.",
    passing="""
    actions:
      - {id: a1, what: Visit Riley at home., owner: sw, frequency: every 2 weeks, outcome: o1, success_measure: Visit log shows a visit every 14 days.}
    """,
    failing="""
    actions:
      - {id: a1, what: Visit Riley at home., owner: sw, frequency: every 2 weeks, outcome: o1, success_measure: TBC}
    """,
)
def action_success_measure(ctx) -> Iterator[Hit]:
    """Measures of success tell the family and professionals when change has happened
    (S002; D7; quality.md §2 rank 3). Each action (except cancelled ones) needs a
    `success_measure` that is not a placeholder such as "TBC", "n/a", "ongoing" or "see above"
    (option `boilerplate`). Outline plans are not checked: the conference sets owners and
    timescales, and the core group adds measures in the detailed plan."""
    boilerplate = ctx.options["boilerplate"]
    for i, action in enumerate(ctx.plan.actions):
        if action.status == "cancelled":
            continue
        if blank(action.success_measure):
            yield Hit(("actions", i, "success_measure"),
                      f"actions[{i}] does not say how everyone will know it has worked; add success_measure")
        elif matches_phrase(action.success_measure, boilerplate):
            yield Hit(("actions", i, "success_measure"),
                      f"the success measure of actions[{i}] is a placeholder; say what will be seen when "
                      "the action has worked")


# ---------------------------------------------------------------------------------------------
# Links, contingency, outcomes


@rule(
    "CPP-Q004", "concern-traced",
    summary="Each concern is answered by an outcome and an action, and each action links to an outcome or "
            "a concern.",
    level="warning", requirements=("O10", "D3"),
    sources=("quality.md §2 rank 5 (F7, G13, SOS-NY)",),
    fix="Link the concern to an outcome (outcomes[].concerns) and an action (actions[].concerns or "
        "actions[].outcome); link every action to the outcome or concern it works on.",
    passing="""
    actions:
      - {id: a1, what: Arrange a safe adult at night., owner: mum, due: 2026-11-20, outcome: o1, success_measure: A written rota.}
      - {id: a2, what: Offer breakfast club every morning., owner: teacher, frequency: every school day, concerns: [c2], success_measure: Register.}
    """,
    failing="""
    actions:
      - {id: a1, what: Arrange a safe adult at night., owner: mum, due: 2026-11-20, outcome: o1, success_measure: A written rota.}
      - {id: a2, what: Offer breakfast club every morning., owner: teacher, frequency: every school day, success_measure: Register.}
    """,
)
def concern_traced(ctx) -> Iterator[Hit]:
    """Audits find plans whose actions do not connect to the worries that led to the plan
    (quality.md §2 rank 5; procedures: outcomes for the child and what needs to change, O10 and
    D3). Each concern needs at least one outcome that lists it (`outcomes[].concerns`) and at least
    one action that lists it (`actions[].concerns`) or works towards an outcome that does. Each
    action must link to an outcome or a concern. Cancelled actions answer nothing and are not
    checked."""
    plan = ctx.plan
    outcome_concerns = {o.id: set(o.concerns) for o in plan.outcomes}
    answered_by_outcome = {c for o in plan.outcomes for c in o.concerns}
    answered_by_action: set[str] = set()
    for action in plan.actions:
        if action.status == "cancelled":
            continue
        answered_by_action.update(action.concerns)
        answered_by_action.update(outcome_concerns.get(action.outcome, ()))
    for i, concern in enumerate(plan.concerns):
        missing = [what for what, seen in (("outcome", answered_by_outcome), ("action", answered_by_action))
                   if concern.id not in seen]
        if missing:
            yield Hit(("concerns", i), f"concerns[{i}] has no {' and no '.join(missing)} linked to it; add "
                                       f"{' and '.join('an ' + m for m in missing)} that answers it")
    for i, action in enumerate(plan.actions):
        if action.status != "cancelled" and action.outcome is None and not action.concerns:
            yield Hit(("actions", i), f"actions[{i}] is not linked to an outcome or a concern; add outcome: or "
                                      "concerns: to show what it is for")


@rule(
    "CPP-Q005", "specific-contingency",
    summary="Each contingency step has a trigger, names the concern and the person, and says what will "
            "keep the child safe, not just which meeting will be held.",
    level="error", requirements=("O16", "D12"),
    sources=("quality.md §2 rank 4 (F1, F8, G3, G4, G5, G13)",),
    options={"process_phrases": PROCESS_PHRASES, "protective_words": PROTECTIVE_WORDS},
    fix="Write what will happen to keep the child safe (who will care for the child, where the child will "
        "go, who visits) and who does it; meetings can follow, but they are not the protection.",
    passing="""
    contingency:
      - trigger: Riley is found alone at home at night.
        concerns: [c1]
        action: The social worker will make sure Riley stays with Grandma that night.
        who: sw
    """,
    failing="""
    contingency:
      - trigger: Riley is found alone at home at night.
        concerns: [c1]
        action: A legal planning meeting will be held.
        who: sw
    """,
)
def specific_contingency(ctx) -> Iterator[Hit]:
    """A contingency plan says what happens if things do not change or get worse (O16, D12).
    Guidance (quality.md §1b G4, G5) warns that naming a process, such as a legal planning
    meeting, does not keep a child safe. Each step must have a `trigger`, name at least one
    concern (`concerns`), name who acts (`who`), and its `action` must not be only a process:
    an action that mentions a process (option `process_phrases`: "legal planning meeting",
    "PLO", "consider proceedings", "escalate to manager" ...) and no protective step (option
    `protective_words`: "stay with", "will collect", "will visit", "safe place", "out-of-hours"
    ...) is reported. Whether a contingency plan exists at all is checked by the outline and
    detailed plan rules."""
    process = ctx.options["process_phrases"]
    protective = ctx.options["protective_words"]
    for i, step in enumerate(ctx.plan.contingency):
        if blank(step.trigger):
            yield Hit(("contingency", i, "trigger"),
                      f"contingency[{i}] has no trigger; say what would set this step off")
        if not step.concerns:
            yield Hit(("contingency", i, "concerns"),
                      f"contingency[{i}] names no concern; list the concern ids it responds to")
        if blank(step.who):
            yield Hit(("contingency", i, "who"),
                      f"contingency[{i}] does not say who acts; add who: (a core group member id)")
        if contains_phrase(step.action, process) and not contains_phrase(step.action, protective):
            yield Hit(("contingency", i, "action"),
                      f"the action of contingency[{i}] only names a process, such as a meeting; say what will "
                      "keep the child safe and who does it")


_WILL = re.compile(r"\bwill\b(?!\s+not\b)", re.I)


def _child_words(child) -> set[str]:
    words = {"you", "your", "yours"}
    for value in (child.name, child.preferred_name):
        if not blank(value):
            parts = normalise(value).split()
            if parts:
                words.add(parts[0])
    return words


@rule(
    "CPP-Q006", "child-focused-outcome",
    summary="Each outcome is about the child and says what will be different, not only what will stop.",
    level="warning", requirements=("D5",), stages=("detailed",),
    sources=("quality.md §2 rank 6 (F3, G10, G11, SOS-HOW)",),
    options={"negative_phrases": NEGATIVE_PHRASES},
    fix="Write the goal about the child by name (or 'you'), as a good thing that will happen: 'Riley will "
        "have a safe adult at home every night' rather than 'Mum will not go out'.",
    passing="""
    outcomes:
      - {id: o1, goal: Riley will feel safe at night with an adult at home., concerns: [c1], measure: Riley says so., by: 2027-02-01}
      - {id: o2, goal: Riley will go to school every day., concerns: [c2], measure: Attendance 95%., by: 2027-04-30}
    """,
    failing="""
    outcomes:
      - {id: o1, goal: Mum will not leave the house at night., concerns: [c1], measure: No reports., by: 2027-02-01}
      - {id: o2, goal: Riley will go to school every day., concerns: [c2], measure: Attendance 95%., by: 2027-04-30}
    """,
)
def child_focused_outcome(ctx) -> Iterator[Hit]:
    """Good outcomes are about a named child and describe what will be different in the child's
    life, as a positive change (D5: specific, child-focused outcomes; quality.md §1b G10,
    §1c "safety goals as good things happening, not bad things stopping").

    Each outcome's `goal` must mention the child: the first word of `child.name` or
    `child.preferred_name`, or "you"/"your" in a plan written to the child. A goal that contains
    a negative phrase (option `negative_phrases`: "will not", "won't", "no more", "no longer")
    and no other "will ..." clause is reported as negative only. This is a simple word test:
    waive a finding the core group has considered."""
    plan = ctx.plan
    names = _child_words(plan.child)
    negative = ctx.options["negative_phrases"]
    for i, outcome in enumerate(plan.outcomes):
        words = set(normalise(outcome.goal).split())
        if not names & words:
            yield Hit(("outcomes", i, "goal"),
                      f"the goal of outcomes[{i}] does not mention the child; write it about the child by name, "
                      "saying what will be different for them")
        if contains_phrase(outcome.goal, negative) and not _WILL.search(outcome.goal):
            yield Hit(("outcomes", i, "goal"),
                      f"the goal of outcomes[{i}] only says what will stop; say what will happen instead, "
                      "as a good thing for the child")


@rule(
    "CPP-Q007", "actions-per-person",
    summary="No one person has more open actions than they can manage.",
    level="warning",
    sources=("quality.md §2 rank 11 (G12, G14: early-help guidance suggests no more than 8 actions)",),
    options={"max_actions": None},
    fix="Agree priorities with the person: fewer actions at a time, the most important first.",
    passing="""
    actions:
      - {id: a1, what: Arrange a safe adult at night., owner: mum, due: 2026-11-20, outcome: o1, success_measure: A written rota.}
    """,
    failing="""
    actions:
      - {id: a1, what: Task one., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a2, what: Task two., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a3, what: Task three., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a4, what: Task four., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a5, what: Task five., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a6, what: Task six., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a7, what: Task seven., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a8, what: Task eight., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
      - {id: a9, what: Task nine., owner: mum, due: 2026-12-01, outcome: o1, success_measure: Seen.}
    """,
)
def actions_per_person(ctx) -> Iterator[Hit]:
    """Parents engage when they are not overwhelmed by the plan (quality.md §1b G12); early-help
    guidance says to avoid more than 8 actions (G14). That figure is local practice, not a
    national rule, so this is a warning and the limit is configurable: the profile's
    `quality.max_actions_per_person` (default 8), or this rule's option `max_actions`. Open actions
    (not done or cancelled) are counted per owner, and the owner's core group entry is reported."""
    limit = ctx.options["max_actions"]
    if not isinstance(limit, int) or isinstance(limit, bool):
        limit = setting(ctx, "quality.max_actions_per_person", 8)
    if not isinstance(limit, int):
        return
    counts: dict[str, int] = {}
    for action in ctx.plan.actions:
        if action.owner and action.status not in CLOSED:
            counts[action.owner] = counts.get(action.owner, 0) + 1
    for i, member in enumerate(ctx.plan.core_group):
        if counts.get(member.id, 0) > limit:
            yield Hit(("core_group", i),
                      f"core_group[{i}] owns {counts[member.id]} open actions, more than {limit}; agree "
                      "priorities so the plan is manageable")


# ---------------------------------------------------------------------------------------------
# Text


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))


def _placeholder(marker: str) -> re.Pattern:
    m = re.escape(marker.strip()).replace(r"\ ", r"\s+")
    # Exactly as written (e.g. "TO DO name the lead"), or in any case when followed by ':' or a dash
    # (e.g. "To do: ..."), so ordinary text such as "To do well at school ..." is not taken for one.
    return re.compile(rf"^\s*[\[(<]?\s*(?:(?-i:{m})(?![A-Za-z])|{m}\s*(?:$|[:\-\u2013\u2014.\])>]))", re.I)


@rule(
    "CPP-Q008", "placeholder-text",
    summary="No placeholder text left by the template ('TO DO: ...') remains in the plan.",
    level="error",
    sources=("cpptool templates: placeholders start with TO DO",),
    options={"marker": "TO DO"},
    fix="Replace the placeholder with the real information, or remove the entry if it does not apply.",
    passing="""
    family_involvement: Mum came to the conference with a friend for support.
    """,
    failing="""
    family_involvement: "TO DO: say how the child and family are involved"
    """,
)
def placeholder_text(ctx) -> Iterator[Hit]:
    """Plans started from a template carry prompts such as "TO DO: name the lead social worker".
    Any text in the plan that starts with the marker (option `marker`, default "TO DO") is an
    error, because the plan would otherwise go out with a gap that looks filled in. The marker is
    matched as written anywhere a value starts, and in any case when a colon or dash follows it."""
    marker = ctx.options["marker"]
    if blank(marker):
        return
    pattern = _placeholder(marker)
    for path, text in _walk(ctx.loaded.data, ()):
        if pattern.match(text):
            where = format_path(path) or "the top level"
            yield Hit(path, f"placeholder left by the template at {where}: replace it with the real "
                            "information, or remove it")


def family_texts(plan) -> Iterator[tuple[tuple, str]]:
    """The text written for the family and the child, with its path."""
    if plan.child_version is not None:
        for field in ("why_we_are_worried", "what_is_going_well", "what_will_happen", "who_can_help"):
            value = getattr(plan.child_version, field)
            if not blank(value):
                yield ("child_version", field), value
    for i, text in enumerate(plan.needs_to_change):
        yield ("needs_to_change", i), text
    for i, action in enumerate(plan.actions):
        member = plan.member(action.owner)
        if member is not None and member.kind in FAMILY_KINDS:
            yield ("actions", i, "what"), action.what
    for i, step in enumerate(plan.contingency):
        yield ("contingency", i, "action"), step.action


@rule(
    "CPP-Q009", "acronyms-in-family-text",
    summary="Text written for the family and the child spells out abbreviations such as ICPC or CAMHS.",
    level="info",
    sources=("quality.md §2 rank 7 and §3c (G14, SUTTON, GDS-W)",),
    options={"acronyms": glossary.to_spell_out()},  # cpptool/data/glossary.yaml, shared with render
    fix="Write the words in full (e.g. 'core group meeting' for CG), or give the full words first with the "
        "abbreviation in brackets: 'Child and Adolescent Mental Health Services (CAMHS)'.",
    passing="""
    needs_to_change:
      - Riley must go to the Child and Adolescent Mental Health Services (CAMHS) appointments.
    """,
    failing="""
    needs_to_change:
      - Riley must go to the CAMHS appointments.
    """,
)
def acronyms_in_family_text(ctx) -> Iterator[Hit]:
    """Families should not have to know professional abbreviations: guidance says to introduce
    acronyms at first use and assume the family knows none (quality.md §1b G14, §3c). The text
    written for the family and the child is checked: `child_version`, `needs_to_change`,
    `contingency[].action`, and `actions[].what` when a family member or the child owns the
    action. An abbreviation from the option `acronyms` (ICPC, RCPC, CG, CIN, CP, PLO, S47, LAC,
    CAMHS, LADO, MARAC, DV, SW, HV ...; GP is left out as widely understood), written as a whole
    word in capitals, is reported once per text unless the same text gives it in brackets after
    the full words, as in "Core Group (CG)"."""
    acronyms = ctx.options["acronyms"]
    for path, text in family_texts(ctx.plan):
        found = [a for a in acronyms if isinstance(a, str) and a.strip()
                 and re.search(rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])", text)
                 and f"({a})" not in text]
        if found:
            full = glossary.expansions()
            names = ", ".join(f"{a} ({full[a]})" if a in full else a for a in found)
            yield Hit(path, f"text for the family at {format_path(path)} uses the abbreviation"
                            f"{'s' if len(found) > 1 else ''} {names}; write "
                            f"{'them' if len(found) > 1 else 'it'} in full")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@rule(
    "CPP-Q010", "long-sentences",
    summary="Sentences written for the family and the child are no longer than 25 words.",
    level="info",
    sources=("quality.md §3a (GOV.UK: sentences over 25 words should be split or made plain)",),
    options={"max_words": 25},
    fix="Split the sentence into two or more short ones; one idea per sentence.",
    passing="""
    needs_to_change:
      - Riley must always have a safe adult at home at night.
    """,
    failing="""
    needs_to_change:
      - Riley must always have a safe adult at home at night, which means that Mum will need to arrange for Grandma or another adult that everyone has agreed to stay over whenever she works late.
    """,
)
def long_sentences(ctx) -> Iterator[Hit]:
    """GOV.UK's guidance is that sentences over 25 words are hard to read and should be split
    (quality.md §3a); at 43 words fewer than 1 in 10 readers understand. The same family-facing
    text as CPP-Q009 is checked, and a text with any sentence longer than the option `max_words`
    (default 25) is reported once. Words are counted between spaces, so "out-of-hours" is one."""
    limit = ctx.options["max_words"]
    for path, text in family_texts(ctx.plan):
        longest = max((len(s.split()) for s in _SENTENCE_END.split(text)), default=0)
        if longest > limit:
            yield Hit(path, f"text for the family at {format_path(path)} has a sentence of {longest} words, "
                            f"over {limit}; split it into shorter sentences")
