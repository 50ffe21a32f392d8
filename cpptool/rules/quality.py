"""Plan quality rules (CPP-Q*): the faults inspectors and auditors keep finding in plans.

Inspections, audits and practice reviews find actions with no named person, no timescale or
no way of knowing they worked; contingency plans that only name a meeting; outcomes that are not
about the child; and plans written in jargon the family cannot read. These rules check what can
be checked mechanically. The plain-language rules (CPP-Q009, CPP-Q010) are prompts (info): they
read only the text written for the family and the child.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from cpptool.core import glossary
from cpptool.core.patterns import LazyPattern
from cpptool.core.registry import Hit, rule
from cpptool.core.yamlpath import format_path
from cpptool.rules._common import blank, contains_phrase, matches_phrase, normalise, setting

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
# Triggers that say nothing about what would actually happen.
VAGUE_TRIGGERS = [
    "if the plan is not working", "the plan is not working", "if the plan isn't working", "the plan isn't working",
    "if the plan fails", "the plan fails", "if things do not improve", "things do not improve",
    "if things get worse", "things get worse", "if circumstances change", "circumstances change",
    "if there is no progress", "no progress", "if concerns increase", "concerns increase",
    "if the situation deteriorates", "the situation deteriorates", "if needed", "if necessary", "tbc",
]
# Words that make a part of a contingency action about a meeting or a process, not about the child.
PROCESS_WORDS = [
    "meeting", "meetings", "conference", "convene", "convened", "discussion", "legal", "proceedings", "plo",
    "escalate", "escalated", "refer", "referral", "inform", "informed", "notify", "notified", "told", "review",
    "consider", "considered", "advice", "manager", "reconvene",
]
PROTECTIVE_WORDS = [
    "stay with", "stays with", "will take", "will collect", "will visit", "visit the same day", "move to",
    "go to", "remove", "safe place", "will look after", "will care for", "police will attend",
    "out-of-hours",
]
NEGATIVE_PHRASES = ["will not", "won't", "no more", "no longer"]
# Capitals that families read as words, so CPP-Q009 never asks for them to be spelt out.
ALLOWED_CAPITALS = ["GP", "OK", "TV", "UK", "NHS", "ID"]


# ---------------------------------------------------------------------------------------------
# Actions


@rule(
    "CPP-Q001", "action-owner",
    summary="Every action names one responsible person, not an agency or a group.",
    level="error", requirements=("O13", "D8"),
    sources=('childrens-commissioner-plans: in 85% of plans it was hard to tell what had been done, because the actions were so poor',
             'sheffield-plans: "The Child Protection Plan should set out what work needs to be done, why, when and by whom"',
             'nyscp-plans standard 7: "Clarify who will have responsibility for what actions"', "essex-early-help"),
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
    "all agencies" cannot be held to account (the Children's Commissioner's 2024 review of plans; procedures: "who does what
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
    sources=('ofsted-north-somerset: plans "had neither timescales nor contingency arrangements"',
             'childrens-commissioner-plans: nearly three-quarters of actions had no timeframe',
             'nyscp-plans standard 7: "Specify timescales for each action"'),
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
    (Ofsted, North Somerset 2021; the Children's Commissioner, 2024; procedures: a timescale for each
    action, O14 and D8).

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
    sources=('implementation-2008 §3.iii: "identification of measurements for success: how will the family and professionals know there has been a change"',
             "cumbria-smart", "childrens-commissioner-plans"),
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
    (the 2008 procedure §3.iii; D7; Cumbria's SMART plans guidance). Each action (except cancelled ones) needs a
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
    sources=('leeds-smart: plans not reflecting the identified concerns, a theme of reviews, audits and inspections',
             "sos-north-yorkshire"),
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
    (Leeds SCP on SMART planning; procedures: outcomes for the child and what needs to change, O10 and
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
    sources=('bucks-contingency: naming a process, such as a legal planning meeting, does not keep a child safe',
             "kirklees-contingency", "ofsted-north-somerset",
             'nyscp-plans standard 8: "A plan must include a contingency which identifies what actions should be taken"'),
    options={"process_phrases": PROCESS_PHRASES, "protective_words": PROTECTIVE_WORDS,
             "vague_triggers": VAGUE_TRIGGERS, "process_words": PROCESS_WORDS},
    fix="Write what would set the step off, and what will happen to keep the child safe (who will care for the child, where the child will "
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
    Guidance (Buckinghamshire's principal social worker brief on contingency plans) warns that naming a process, such as a legal planning
    meeting, does not keep a child safe. Each step must have a `trigger`, name at least one
    concern (`concerns`), name who acts (`who`), and its `action` must not be only a process:
    an action that mentions a process (option `process_phrases`: "legal planning meeting",
    "PLO", "consider proceedings", "escalate to manager" ...) and no protective step is reported.
    A protective step is a protective word (option `protective_words`: "stay with", "will collect",
    "will visit", "safe place", "out-of-hours" ...) or any part of the action not about a meeting
    or a process (option `process_words`), so a step that says who keeps the child safe and how
    is not condemned for also naming a meeting. The trigger must be specific: "if the plan is not
    working" (option `vague_triggers`) sets nothing off that anyone could recognise. Whether a
    contingency plan exists at all is checked by the outline and detailed plan rules."""
    process = ctx.options["process_phrases"]
    protective = ctx.options["protective_words"]
    for i, step in enumerate(ctx.plan.contingency):
        if blank(step.trigger):
            yield Hit(("contingency", i, "trigger"),
                      f"contingency[{i}] has no trigger; say what would set this step off")
        elif matches_phrase(step.trigger, ctx.options.get("vague_triggers", VAGUE_TRIGGERS)):
            yield Hit(("contingency", i, "trigger"),
                      f"the trigger of contingency[{i}] is too general to act on; say what would happen or be "
                      "seen that sets this step off")
        if not step.concerns:
            yield Hit(("contingency", i, "concerns"),
                      f"contingency[{i}] names no concern; list the concern ids it responds to")
        if blank(step.who):
            yield Hit(("contingency", i, "who"),
                      f"contingency[{i}] does not say who acts; add who: (a core group member id)")
        if contains_phrase(step.action, process) and not contains_phrase(step.action, protective) \
                and not _protective_part(step.action, ctx.options.get("process_words", PROCESS_WORDS)):
            yield Hit(("contingency", i, "action"),
                      f"the action of contingency[{i}] only names a process, such as a meeting; say what will "
                      "keep the child safe and who does it")


_PARTS = LazyPattern(r"[.;:,]|\band then\b|\bthen\b|\band\b|\bwhile\b|\buntil\b", re.I)


def _protective_part(action: str, process_words) -> bool:
    """True when some part of the action (split at full stops, commas and 'and', 'then', 'until')
    is not about a meeting or a process: a step that keeps the child safe may also name a meeting."""
    for part in _PARTS.split(action or ""):
        words_in = set(normalise(part).split())
        if len(words_in) >= 2 and not words_in & set(process_words):
            return True
    return False


_WILL = LazyPattern(r"\bwill\b(?!\s+not\b)", re.I)


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
    sources=('stoke-c06 §01: "Include specific, achievable, child-focused outcomes"', "sos-north-yorkshire", "wales-pointers"),
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
    life, as a positive change (D5: specific, child-focused outcomes; Calderdale's SMART plans
    guide; Signs of Safety: safety goals as good things happening, not bad things stopping).

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
    sources=("essex-early-help: no more than 8 actions", "wales-pointers"),
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
    """Parents engage when they are not overwhelmed by the plan (Wales Safeguarding Procedures, engaging parents); early-help
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


@lru_cache(maxsize=16)
def _placeholder(marker: str) -> re.Pattern:
    m = re.escape(marker.strip()).replace(r"\ ", r"\s+")
    # Exactly as written (e.g. "TO DO name the lead"), or in any case when followed by ':' or a dash
    # (e.g. "To do: ..."), so ordinary text such as "To do well at school ..." is not taken for one.
    return re.compile(rf"^\s*[\[(<]?\s*(?:(?-i:{m})(?![A-Za-z])|{m}\s*(?:$|[:\-\u2013\u2014.\])>]))", re.I)


@rule(
    "CPP-Q008", "placeholder-text",
    summary="No placeholder text left by the template ('TO DO: ...') remains in the plan.",
    level="error",
    sources=("plan-format: placeholders that cpptool new writes start with TO DO",),
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
    match = _placeholder(marker).match
    for path, text in ctx.texts:
        if match(text):
            where = format_path(path) or "the top level"
            yield Hit(path, f"placeholder left by the template at {where}: replace it with the real "
                            "information, or remove it")


def family_texts(plan) -> Iterator[tuple[tuple, str]]:
    """The text written for the family and the child, with its path."""
    return iter(_family_texts(plan))


def _shared_family_texts(ctx) -> list[tuple[tuple, str]]:
    """family_texts, worked out once per plan for the rules that read it (CPP-Q009, CPP-Q010)."""
    if "family_texts" not in ctx.shared:
        ctx.shared["family_texts"] = _family_texts(ctx.plan)
    return ctx.shared["family_texts"]


def _family_texts(plan) -> list[tuple[tuple, str]]:
    out = []
    if plan.child_version is not None:
        for field in ("why_we_are_worried", "what_is_going_well", "what_will_happen", "who_can_help"):
            value = getattr(plan.child_version, field)
            if not blank(value):
                out.append((("child_version", field), value))
    out += [(("needs_to_change", i), text) for i, text in enumerate(plan.needs_to_change)]
    for i, action in enumerate(plan.actions):
        member = plan.member(action.owner)
        if member is not None and member.kind in FAMILY_KINDS:
            out.append((("actions", i, "what"), action.what))
    out += [(("contingency", i, "action"), step.action) for i, step in enumerate(plan.contingency)]
    return out


@rule(
    "CPP-Q009", "acronyms-in-family-text",
    summary="Text written for the family and the child spells out abbreviations such as ICPC or CAMHS.",
    level="info",
    sources=("essex-early-help: introduce acronyms at first use and assume the family knows none", "sutton-jargon",
             "govuk-writing"),
    # cpptool/data/glossary.yaml, shared with render; `allowed`: capitals families know as words
    options={"acronyms": glossary.to_spell_out(), "allowed": ALLOWED_CAPITALS},
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
    acronyms at first use and assume the family knows none (Essex early help guidance; Sutton's jargon list). The text
    written for the family and the child is checked: `child_version`, `needs_to_change`,
    `contingency[].action`, and `actions[].what` when a family member or the child owns the
    action. An abbreviation from the option `acronyms` (ICPC, RCPC, CG, CIN, CP, PLO, S47, LAC,
    CAMHS, LADO, MARAC, DV, SW, HV ...; GP is left out as widely understood), written as a whole
    word in capitals, is reported once per text unless the same text gives it in brackets after
    the full words, as in "Core Group (CG)". Any other abbreviation is found by its shape (two or
    more capitals, no small letters), unless the option `allowed` lists it (GP, OK, UK, NHS ...:
    words families know) or the text explains it the same way; these are counted in the message
    and named only in the text report's detail, since they may be anything typed."""
    acronyms = _acronym_finders(tuple(ctx.options["acronyms"]))
    for path, text in _shared_family_texts(ctx):
        tokens = set(_ALNUM_RUN.findall(text))
        found = [a for a, pattern in acronyms
                 if (a in tokens if pattern is None else pattern.search(text)) and f"({a})" not in text]
        others = _unlisted_abbreviations(tokens, text, acronyms, tuple(ctx.options.get("allowed", ())))
        if found or others:
            yield _abbreviation_hit(path, found, others)


_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
# An abbreviation by its shape: two or more capitals and no small letters (CSC, IRO, DSL2).
_ABBREVIATION_SHAPE = re.compile(r"^(?=(?:[0-9]*[A-Z]){2})[A-Z0-9]+$")


def _unlisted_abbreviations(tokens: set, text: str, acronyms, allowed: tuple) -> list[str]:
    """Abbreviations not in the glossary, found by their shape, unless allowed or explained '(ABC)'.
    A template placeholder ("TO DO: ...") is CPP-Q008's to report."""
    if text.lstrip().startswith("TO DO"):
        return []
    listed = {a for a, _ in acronyms}
    return sorted(t for t in tokens if _ABBREVIATION_SHAPE.match(t) and t not in listed and t not in allowed
                  and f"({t})" not in text)


def _abbreviation_hit(path: tuple, found: list[str], others: list[str]) -> Hit:
    """Glossary abbreviations are named with their words; others (which may be anything typed, a
    name in capitals included) only in the detail, which only the text report shows."""
    full = glossary.expansions()
    many = len(found) + len(others) > 1
    named = ", ".join(f"{a} ({full[a]})" if a in full else a for a in found)
    unnamed = f"{len(others)} abbreviation{'s' if len(others) > 1 else ''} not in the glossary" if others else ""
    if named and unnamed:
        uses = f"uses the abbreviations {named}, and {unnamed}"
    else:
        uses = f"uses the abbreviation{'s' if many else ''} {named}" if named else f"uses {unnamed}"
    detail = f"not in the glossary: {', '.join(others)}" if others else ""
    return Hit(path, f"text for the family at {format_path(path)} {uses}; write {'them' if many else 'it'} in full",
               detail)


@lru_cache(maxsize=16)
def _acronym_finders(acronyms: tuple) -> tuple[tuple[str, re.Pattern | None], ...]:
    """Each abbreviation to look for, with a pattern for it when it is more than letters and digits.
    A plain one (ICPC, S47) is found as a whole word exactly when it is one of the text's runs of
    letters and digits, so one scan of the text finds them all."""
    return tuple((a, None if a.isascii() and a.isalnum()
                  else re.compile(rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])"))
                 for a in acronyms if isinstance(a, str) and a.strip())


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@rule(
    "CPP-Q010", "long-sentences",
    summary="Sentences written for the family and the child are no longer than 25 words.",
    level="info",
    sources=("govuk-sentence-length: sentences over 25 words should be split or made plain",),
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
    (GOV.UK, "Sentence length: why 25 words is our limit"); at 43 words fewer than 1 in 10 readers understand. The same family-facing
    text as CPP-Q009 is checked, and a text with any sentence longer than the option `max_words`
    (default 25) is reported once. Words are counted between spaces, so "out-of-hours" is one."""
    limit = ctx.options["max_words"]
    for path, text in _shared_family_texts(ctx):
        longest = max((len(s.split()) for s in _SENTENCE_END.split(text)), default=0)
        if longest > limit:
            yield Hit(path, f"text for the family at {format_path(path)} has a sentence of {longest} words, "
                            f"over {limit}; split it into shorter sentences")
