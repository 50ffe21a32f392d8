"""Outline plan rules (CPP-O*): what the conference's outline plan must contain.

They hold for detailed plans too, because the detailed plan is built from the outline. Whether each
thing is written well is the quality family's job; these rules ask only that it is there.
"""

from __future__ import annotations

from typing import Iterator

from cpptool.core.registry import Hit, rule
from cpptool.core.deadlines import parse_interval, timescale
from cpptool.rules._common import blank, contains_phrase, matches_phrase, placeholder, setting, term

FAMILY_KINDS = ("parent", "carer")
# A concern that is only one of these labels does not say what happened.
CONCERN_LABELS = ["neglect", "physical abuse", "emotional abuse", "sexual abuse", "domestic abuse",
                  "domestic violence", "substance misuse", "drug misuse", "alcohol misuse", "mental health",
                  "parental mental health", "risk of harm", "significant harm", "safeguarding concerns", "concerns",
                  "neglect and emotional abuse", "exploitation"]
# Roles that are a social worker's, roles that are not (though they may sound close), and names or
# roles that stand for no one allocated yet.
SOCIAL_WORKER_ROLES = ["social worker", "social work", "senior practitioner", "advanced practitioner",
                       "key worker (social worker)", "care and support protection plan co-ordinator"]
NOT_SOCIAL_WORKERS = ["family support worker", "support worker", "assistant", "student", "social work student",
                      "family worker", "early help worker", "youth worker"]
UNALLOCATED = ["tbc", "tba", "to be confirmed", "to be allocated", "unallocated", "not allocated",
               "not yet allocated", "awaiting allocation", "vacant", "duty", "duty social worker", "unknown"]
# Entries that say no further assessment is needed, so they need no one to do them or a date.
NONE_NEEDED = ("no further assessment", "no further assessments", "no assessment is needed",
               "no assessments are needed", "none needed", "none required")


def _lead(ctx) -> str:
    return term(ctx, "lead", "lead social worker")


def _written(items) -> list:
    """The entries of a list that actually say something."""
    return [item for item in items if not blank(item)]


def _applies(ctx, rid: str) -> bool:
    return ctx.profile.applies(rid, ctx.plan.stage)


@rule(
    "CPP-O001", "threshold-decision",
    summary="The conference decision that the threshold for a plan was met must be recorded, with reasons "
            "when there was no consensus.",
    level="error", requirements=("O1",), sources=('nyscp-plans standard 1: "Where consensus cannot be reached the Chair will decide, giving the reasons for the decision."',
             "scotland-2021 ¶3.168"),
    fix="Add conference.decision with threshold_met: true; when the conference did not agree, write the "
        "chair's reasons.",
    passing="""
    conference:
      decision:
        threshold_met: true
        consensus: false
        reasons: The chair decided a plan is needed because Riley was found alone at night three times.
    """,
    failing="""
    conference:
      decision:
        threshold_met: true
        consensus: false
    """,
)
def threshold_decision(ctx) -> Iterator[Hit]:
    """A child protection plan rests on the conference's decision that the child has suffered, or is
    likely to suffer, significant harm. North Yorkshire (standard 1) asks for that decision to be recorded
    and, where the conference did not reach a consensus, for the chair's reasons to be written down.
    """
    decision = ctx.plan.conference.decision
    if decision is None:
        yield Hit(("conference", "decision"),
                  "conference.decision is missing: record that the conference found the threshold for a "
                  "child protection plan was met (threshold_met: true)")
        return
    if decision.threshold_met is False:  # a placeholder ("TO DO: ...") is reported by CPP-Q008
        yield Hit(("conference", "decision", "threshold_met"),
                  "conference.decision.threshold_met is false, so the conference did not decide a plan is "
                  "needed; check the decision before writing a plan")
    if decision.consensus is False and blank(decision.reasons):
        yield Hit(("conference", "decision", "reasons"),
                  "the conference did not reach a consensus but conference.decision.reasons is empty; "
                  "write the chair's reasons for the decision")


@rule(
    "CPP-O002", "category-of-abuse",
    summary="The plan must state the category of abuse or neglect, using a code the profile allows.",
    level="error", requirements=("O2",), sources=('nyscp-plans standard 2: "CPP to state which category of abuse or neglect is appropriate"',
             'jersey-plans review conferences: "the category or categories under which the child/young person\'s name will be registered"',
             "dfe-cin-census rule 8905", "scotland-2021 ¶1.88"),
    fix="Set conference.categories to the category the conference decided (in England NEG, PHY, SAB, EMO or MUL); "
        "in Scotland, list the areas of concern instead.",
    passing="""
    conference:
      categories: [NEG]
    """,
    failing="""
    conference:
      categories: [neglect]
    """,
)
def category_of_abuse(ctx) -> Iterator[Hit]:
    """The conference decides under which category of abuse or neglect the child needs a plan
    (North Yorkshire standard 2; the DfE census requires one of NEG, PHY, SAB, EMO or MUL, CIN rule 8905). The codes
    allowed come from the profile (`categories.allowed`). Scotland has no categories
    (`categories.required: false`): the plan records the areas of concern instead (Scottish national guidance 2021, ¶1.88).
    """
    conf = ctx.plan.conference
    if not setting(ctx, "categories.required", True):
        if not _written(conf.areas_of_concern):
            yield Hit(("conference", "areas_of_concern"),
                      "conference.areas_of_concern is empty: list the areas of concern the conference agreed")
        return
    if not conf.categories:
        yield Hit(("conference", "categories"),
                  "conference.categories is empty: add the category of abuse or neglect the conference decided")
        return
    allowed = setting(ctx, "categories.allowed")
    if not allowed:
        return
    for i, code in enumerate(conf.categories):
        if code not in allowed and not placeholder(code):  # a placeholder is reported by CPP-Q008
            yield Hit(("conference", "categories", i),
                      f"conference.categories[{i}] is not a category code this profile allows; "
                      f"use one of {', '.join(map(str, allowed))}")


@rule(
    "CPP-O003", "single-category",
    summary="A plan normally has one category of abuse; more than one needs a reason.",
    level="warning", sources=('nyscp-plans standard 2: "in most cases only one category should be used"',),
    fix="Keep the one category that best describes the harm, or write why more than one applies in "
        "conference.categories_reason.",
    passing="""
    conference:
      categories: [NEG, EMO]
      categories_reason: Riley is frightened and upset by being left alone, as well as being neglected.
    """,
    failing="""
    conference:
      categories: [NEG, EMO]
    """,
)
def single_category(ctx) -> Iterator[Hit]:
    """North Yorkshire says "in most cases only one" category applies (standard 2); the DfE census has the
    code MUL for multiple categories. More categories than the profile's `categories.warn_above` is a
    warning unless conference.categories_reason says why. It cites no requirement, so it stays a warning
    even where the category itself is a must; profiles without categories (Scotland) skip it.
    """
    if not setting(ctx, "categories.required", True):
        return
    limit = setting(ctx, "categories.warn_above")
    conf = ctx.plan.conference
    if isinstance(limit, int) and len(conf.categories) > limit and blank(conf.categories_reason):
        yield Hit(("conference", "categories"),
                  f"conference.categories has more than {limit} "
                  f"{'category' if limit == 1 else 'categories'} and no categories_reason; "
                  "keep one category or write why more than one applies")


@rule(
    "CPP-O004", "concerns-summary",
    summary="The plan must summarise the abuse or neglect that led to it, as concerns saying what happened.",
    level="error", requirements=("O3", "D2"),
    sources=('jersey-plans §2: "A summary of the abuse or the neglect suffered or likely to be suffered"',
             'stoke-c06 §01: "must make clear ... the exact nature of the concerns and risks"',
             "wales-outline",
             'sos-north-yorkshire: danger statements say what the worry is in words the family understands'),
    options={"labels": CONCERN_LABELS},
    fix="Add each concern under concerns: with an id and text saying what happened and to whom, not just a "
        "category such as 'neglect'.",
    passing="""
    concerns:
      - {id: c1, text: Riley has been left alone at home at night on three occasions.}
    """,
    failing="""
    concerns: []
    """,
)
def concerns_summary(ctx) -> Iterator[Hit]:
    """Everyone, the family included, must be able to see exactly what the worries are: the plan
    "must make clear to the child/young person, family and all relevant professionals the exact
    nature of the concerns and risks" (Stoke-on-Trent C06 §01); the outline includes "A summary of
    the abuse or the neglect suffered or likely to be suffered" (Jersey section 2). The plan needs
    at least one concern, and each concern says what happened: a bare label such as 'neglect' or
    'domestic abuse' (the option `labels`) does not, as Signs of Safety guidance on danger
    statements also says.
    """
    concerns = ctx.plan.concerns
    if not concerns:
        yield Hit(("concerns",), "concerns is empty: write what happened to the child that led to the plan")
    for i, c in enumerate(concerns):
        if blank(c.text):
            yield Hit(("concerns", i, "text"), f"concerns[{i}].text is empty: say what the worry is")
        elif matches_phrase(c.text, ctx.options.get("labels", CONCERN_LABELS)):
            yield Hit(("concerns", i, "text"), f"concerns[{i}].text is only a label; say what happened, to "
                                               "whom, and what the worry is")


@rule(
    "CPP-O024", "concern-risk",
    summary="Each concern says what the risk to the child is, where the procedure asks for it.",
    level="error", requirements=("O26",),
    sources=('stoke-c06 §01: "The plan must be specific about what the risks are and what will happen to reduce these"',
             'jersey-plans §2: "Identification of risks to the child/young person and the means of protection"'),
    fix="Write concerns[].risk: what could happen to the child if nothing changes.",
    passing="""
    profile: stoke-on-trent
    concerns:
      - {id: c1, text: Riley has been left alone at home at night on three occasions., risk: Riley could be hurt or frightened with no adult to help.}
    """,
    failing="""
    profile: stoke-on-trent
    concerns:
      - {id: c1, text: Riley has been left alone at home at night on three occasions.}
    """,
)
def concern_risk(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "The plan must be specific about what the risks are and what will happen to
    reduce these" (C06 §01). Jersey's detailed plan covers the "Identification of risks to the
    child/young person and the means of protection" (section 2). Each concern therefore says what
    could happen to the child if nothing changes (`concerns[].risk`); what will reduce the risk is
    the outcomes and actions linked to the concern (CPP-Q004).
    """
    for i, c in enumerate(ctx.plan.concerns):
        if not blank(c.text) and blank(c.risk):
            yield Hit(("concerns", i, "risk"),
                      f"concerns[{i}] does not say what the risk is; write concerns[{i}].risk: what could happen "
                      "to the child if nothing changes")


@rule(
    "CPP-O005", "lead-social-worker",
    summary="The plan must name its lead social worker: a social worker in the core group, not a placeholder.",
    level="error", requirements=("O4",),
    sources=('nyscp-plans standard 3: "Identify the lead Social Worker"',
             'stoke-c06 §03: "The lead worker will always be a qualified social worker"',
             'jersey-plans §3: "the conference chair must name a social worker"'),
    options={"social_worker_roles": SOCIAL_WORKER_ROLES, "not_social_workers": NOT_SOCIAL_WORKERS,
             "placeholders": UNALLOCATED},
    fix="Set lead_social_worker to the id of the allocated social worker in core_group (kind: professional, "
        "with a social worker's role); if none is allocated yet, say so in a waiver rather than naming a placeholder.",
    passing="""
    lead_social_worker: sw
    """,
    failing="""
    lead_social_worker: mum
    """,
)
def lead_social_worker(ctx) -> Iterator[Hit]:
    """The conference names a lead social worker: "Identify the lead Social Worker" (North Yorkshire
    standard 3); "The lead worker will always be a qualified social worker" (Stoke-on-Trent C06 §03);
    "the conference chair must name a social worker" (Jersey section 3).

    The id must be a professional member of the core group whose role is a social worker's (the
    option `social_worker_roles`: 'social work', 'senior practitioner' ...), not a family support
    worker or an assistant (`not_social_workers`), and not a placeholder such as 'TBC', 'duty' or
    'unallocated' (`placeholders`). An id that is not in the core group at all is reported by CPP-S005.
    """
    plan = ctx.plan
    if plan.lead_social_worker is None:
        yield Hit(("lead_social_worker",),
                  f"lead_social_worker is not set: name the {_lead(ctx)} by their core_group id")
        return
    member = plan.member(plan.lead_social_worker)
    if member is None:
        return
    if member.kind != "professional":
        yield Hit(("lead_social_worker",),
                  f"lead_social_worker names a core group member who is not a professional; "
                  f"the {_lead(ctx)} must be a member with kind: professional")
    elif contains_phrase(f"{member.name} {member.role}", ctx.options.get("placeholders", UNALLOCATED)):
        yield Hit(("lead_social_worker",),
                  f"lead_social_worker names a placeholder, not an allocated social worker; name the "
                  f"{_lead(ctx)} the conference allocated")
    elif not _social_worker(member.role, ctx.options):
        yield Hit(("lead_social_worker",),
                  f"lead_social_worker names a core group member whose role is not a social worker's; "
                  f"the {_lead(ctx)} must be a qualified social worker")


def _social_worker(role: str, options: dict) -> bool:
    if contains_phrase(role, options.get("not_social_workers", NOT_SOCIAL_WORKERS)):
        return False
    return contains_phrase(role, options.get("social_worker_roles", SOCIAL_WORKER_ROLES)) is not None


@rule(
    "CPP-O006", "core-group-membership",
    summary="The core group must include professionals besides the lead social worker, and a parent or carer.",
    level="error", requirements=("O5",),
    sources=('nyscp-plans standard 3: "Identify members of a Core Group of professionals and family members"',
             'jersey-plans §4: "Membership of the Core Group ... must include: The social worker / and their manager; '
             'The child/young person if appropriate; Parents and relevant family members; Professionals"',
             "wales-conference"),
    options={"manager": False},
    fix="List every core group member under core_group, with kind: professional, parent or carer (and, where the "
        "profile asks, the social worker's manager).",
    passing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional}
      - {id: mum, name: Jo Fictional, role: Mother, kind: parent}
      - {id: teacher, name: Alex Sample, role: Class teacher, kind: professional}
    """,
    failing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional}
      - {id: mum, name: Jo Fictional, role: Mother, kind: parent}
    """,
)
def core_group_membership(ctx) -> Iterator[Hit]:
    """The conference identifies the core group: the professionals who work with the family and the
    family members themselves ("Identify members of a Core Group of professionals and family members",
    North Yorkshire standard 3). A core group of the lead social worker alone, or one without a parent
    or carer, is not a multi-agency group working with the family. Jersey's core group "must include:
    The social worker / and their manager" (section 4): with the option `manager` (set in that
    profile) a professional whose role is a manager's must be a member too.
    """
    plan = ctx.plan
    if not plan.core_group:
        yield Hit(("core_group",),
                  "core_group is empty: list the professionals and family members in the core group")
        return
    if not any(m.kind == "professional" and m.id != plan.lead_social_worker for m in plan.core_group):
        yield Hit(("core_group",),
                  f"core_group has no professional other than the {_lead(ctx)}; "
                  "add the other agencies' members (kind: professional)")
    if not any(m.kind in FAMILY_KINDS for m in plan.core_group):
        yield Hit(("core_group",),
                  "core_group has no parent or carer; add them (kind: parent or carer)")
    if ctx.options.get("manager") and not any(m.kind == "professional" and contains_phrase(m.role, ["manager"])
                                              for m in plan.core_group):
        yield Hit(("core_group",),
                  f"core_group has no manager; the {_lead(ctx)}'s manager is a member of the core group")


@rule(
    "CPP-O007", "family-involvement",
    summary="The plan should say how the child and family are involved, and the support open to them.",
    level="warning", requirements=("O6",), sources=('nyscp-plans standard 3: "Establish how the child, their parents and wider family members should be involved ... and the support, advice and advocacy available to them"',
             "wales-conference"),
    fix="Write family_involvement: how the child, parents and wider family take part, and any advocacy or "
        "support offered.",
    passing="""
    family_involvement: Mum comes to core groups with a friend for support and has been offered an advocate.
    """,
    failing="""
    family_involvement: ""
    """,
)
def family_involvement(ctx) -> Iterator[Hit]:
    """The outline plan says how the child, parents and wider family will be involved, and what support,
    advice and advocacy is available to them (North Yorkshire standard 3; Wales (conference tasks)).
    """
    if blank(ctx.plan.family_involvement):
        yield Hit(("family_involvement",),
                  "family_involvement is empty: say how the child and family take part and what support "
                  "or advocacy they have")


@rule(
    "CPP-O008", "visit-frequency",
    summary="The plan must say how often the lead social worker visits, at least as often as the profile "
            "requires.",
    level="error", requirements=("O7",), sources=('nyscp-plans standard 4: "The lead Social Worker will visit the child at least every two weeks"',
             'jersey-plans §3: "The frequency of visiting must be determined in the Child Protection Plan"',
             'sbni-register: "must be seen at least every four weeks, and more often if specified in the Child Protection Plan"',
             "wirral-plans"),
    fix="Write visits.frequency as, for example, 'every 2 weeks' or 'every 10 working days', no less often "
        "than your procedure requires.",
    passing="""
    visits:
      frequency: every 2 weeks
    """,
    failing="""
    visits:
      frequency: every 6 weeks
    """,
)
def visit_frequency(ctx) -> Iterator[Hit]:
    """The plan records how often the lead social worker will visit the child (North Yorkshire standard 4: at least every two
    weeks in North Yorkshire; other areas differ, so the limit is the profile's
    `timescales.visit_interval`). The frequency must be written so it can be checked: 'every 2 weeks',
    'fortnightly', 'every 10 working days' or 'twice a month'.
    """
    visits = ctx.plan.visits
    path = ("visits", "frequency")
    if visits is None or blank(visits.frequency):
        yield Hit(path, f"visits.frequency is not set: say how often the {_lead(ctx)} visits the child, "
                        "for example 'every 2 weeks'")
        return
    interval = parse_interval(visits.frequency)
    if interval is None:
        yield Hit(path, "visits.frequency cannot be read as a frequency; write it like 'every 2 weeks', "
                        "'weekly' or 'every 10 working days'")
        return
    minimum = timescale(ctx.profile, "visit_interval")
    limit = minimum.interval if minimum else None
    if limit is not None and interval.longest_days() > limit.longest_days():
        yield Hit(path, f"visits.frequency is less often than the profile requires (at least "
                        f"{limit.describe()}); plan visits at least that often")


@rule(
    "CPP-O009", "unannounced-visits",
    summary="A decision to make unannounced visits is recorded in the plan, with how often or when.",
    level="warning", requirements=("O24",),
    sources=('nyscp-plans standard 4: "Any decisions to make unannounced visits should be clearly recorded in the plan"',),
    fix="Record the decision under visits.unannounced (decided: true, and in details how often or when); a plan "
        "that makes no unannounced visits need not say so.",
    passing="""
    profile: north-yorkshire
    visits:
      frequency: every 2 weeks
      unannounced: {decided: true, details: At least one unannounced evening visit each month.}
    """,
    failing="""
    profile: north-yorkshire
    visits:
      frequency: every 2 weeks
      unannounced: {decided: true}
    """,
)
def unannounced_visits(ctx) -> Iterator[Hit]:
    """"Any decisions to make unannounced visits should be clearly recorded in the plan" (North
    Yorkshire standard 4). Only a decision to make them must be recorded: a plan silent about
    unannounced visits passes, unless the record shows one (`record.visits[].unannounced: true`)
    with no decision in the plan to make them. A decision recorded as made needs a word on how
    often or when, so that it is clear.
    """
    visits = ctx.plan.visits
    unannounced = visits.unannounced if visits else None
    if unannounced is not None and unannounced.decided and blank(unannounced.details):
        yield Hit(("visits", "unannounced", "details"),
                  "unannounced visits are planned but visits.unannounced.details is empty; say how often or when")
    if unannounced is not None and unannounced.decided:
        return
    record = ctx.plan.record
    for i, v in enumerate(record.visits if record else []):
        if v.unannounced:
            yield Hit(("record", "visits", i, "unannounced"),
                      f"record.visits[{i}] was unannounced, but the plan records no decision to make unannounced "
                      "visits; record it under visits.unannounced (decided: true, with details)")


def _none_needed(what: str) -> bool:
    return contains_phrase(what, NONE_NEEDED) is not None


@rule(
    "CPP-O010", "assessments",
    summary="The plan should list the further assessments needed, each with who does it and by when.",
    level="warning", requirements=("O8", "O9", "D20"), sources=('nyscp-plans standard 5: "Outline what further action is required to complete assessment"',
             'jersey-plans §2: "Time scales for the completion of an Assessment"',
             'implementation-2008 §3.iii: "identification of what further core and specialist assessment is necessary"'),
    fix="List each assessment under assessments: with what, by (a core group member id) and due; "
        "if none is needed, add one entry saying 'No further assessment needed.'",
    passing="""
    assessments:
      - {what: Child and family assessment update., by: sw, due: 2026-12-18}
    """,
    failing="""
    assessments:
      - {what: Child and family assessment update.}
    """,
)
def assessments(ctx) -> Iterator[Hit]:
    """The outline plan says what further assessment, including specialist assessment, is needed to
    complete the picture, and the timescale for it (North Yorkshire standard 5; Jersey; the 2008 procedure for the detailed plan). An
    assessment that is not done needs a core group member to do it and a due date. When no further
    assessment is needed the plan says so, so that the question is seen to have been asked.
    """
    items = ctx.plan.assessments
    if not items:
        yield Hit(("assessments",),
                  "assessments is empty: list the further assessments needed, or add one entry saying "
                  "no further assessment is needed")
    for i, a in enumerate(items):
        if blank(a.what):
            yield Hit(("assessments", i, "what"), f"assessments[{i}].what is empty: say which assessment")
            continue
        if a.is_done or _none_needed(a.what):
            continue
        if a.by is None:
            yield Hit(("assessments", i, "by"),
                      f"assessments[{i}] has no by: name the core group member who will do it")
        if a.due is None:
            yield Hit(("assessments", i, "due"),
                      f"assessments[{i}] has no due date: say when it will be finished")


@rule(
    "CPP-O011", "outcomes",
    summary="The plan should set out the outcomes (safety goals) for the child.",
    level="warning", requirements=("O10",), sources=('nyscp-plans standard 6: "Identify the outcomes that should be achieved"',
             'jersey-plans §2: "Broad objectives for the child/young person\'s welfare"', "wales-outline"),
    fix="Add outcomes: each with an id and a goal saying what will be different for the child.",
    passing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., measure: Visits and Riley's words show it for 3 months., by: 2027-02-01, term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: long}
    """,
    failing="""
    outcomes: []
    """,
)
def outcomes(ctx) -> Iterator[Hit]:
    """The outline plan sets the outcomes, or safety goals, for the child: how the child will be
    protected and what life will look like when the plan has worked (North Yorkshire standard 6; Jersey; Wales (outline plan)).
    """
    items = ctx.plan.outcomes
    if not items:
        yield Hit(("outcomes",), "outcomes is empty: write at least one safety goal for the child")
    for i, o in enumerate(items):
        if blank(o.goal):
            yield Hit(("outcomes", i, "goal"),
                      f"outcomes[{i}].goal is empty: say what will be different for the child")


@rule(
    "CPP-O012", "strengths",
    summary="The plan should record strengths: what is working well.",
    level="warning", requirements=("O11",), sources=('nyscp-plans standard 6: "Identify what is working well (strengths)"',
             'stoke-c06 §01: "What are the existing strengths"'),
    fix="List under strengths: what is going well for the child and family.",
    passing="""
    strengths:
      - Mum loves Riley and came to every meeting on time.
    """,
    failing="""
    strengths: []
    """,
)
def strengths(ctx) -> Iterator[Hit]:
    """A plan builds on what is working well (North Yorkshire standard 6; Stoke-on-Trent's "existing strengths"). Inspectors find
    plans that list only worries; recording strengths also helps the family engage.
    """
    if not _written(ctx.plan.strengths):
        yield Hit(("strengths",), "strengths is empty: write what is working well for the child and family")


@rule(
    "CPP-O013", "needs-to-change",
    summary="The plan should say what needs to change to keep the child safe.",
    level="warning", requirements=("O12", "D3"), sources=('nyscp-plans standard 6: "Identify what needs to change in order to achieve the planned outcomes"',
             'jersey-plans §2: "what the conference believes needs to change before de-registration can be considered"',
             'stoke-c06 §02: "They should be clear about what needs to change"',
             'implementation-2008 §3.iii: "identification of what needs to change to reduce the risk of significant harm"'),
    fix="List under needs_to_change: each thing that must be different to reduce the risk of harm.",
    passing="""
    needs_to_change:
      - Riley must always have a safe adult at home at night.
    """,
    failing="""
    needs_to_change: []
    """,
)
def needs_to_change(ctx) -> Iterator[Hit]:
    """The plan says what needs to change to reduce the risk of significant harm (North Yorkshire standard 6; Stoke-on-Trent C06 §02;
    the 2008 procedure). In Jersey it is what must change before the plan can end.
    """
    if not _written(ctx.plan.needs_to_change):
        yield Hit(("needs_to_change",),
                  "needs_to_change is empty: write what must be different to keep the child safe")


@rule(
    "CPP-O014", "actions-present",
    summary="The plan must contain actions: who will do what.",
    level="error", requirements=("O13", "D8"), sources=('nyscp-plans standard 7: "Clarify who will have responsibility for what actions"',
             'jersey-plans §2: "Responsibility for immediate tasks must be ascribed to specific members of the conference, including family members"',
             "wales-outline", 'stoke-c06 §01: "The Child Protection Plan should set out what work needs to be done, why, when and by whom."',
             "implementation-2008 §3.iii"),
    fix="Add actions: each with what, an owner (core group member id) and a due date or frequency.",
    passing="""
    actions:
      - {id: a1, what: Visit Riley at home every 2 weeks and see Riley alone., owner: sw, frequency: every 2 weeks, outcome: o1, success_measure: Visit record shows a visit at least every 14 days.}
    """,
    failing="""
    actions: []
    """,
)
def actions_present(ctx) -> Iterator[Hit]:
    """A plan without actions changes nothing: the outline sets out the actions, each with a named person
    responsible, family members included (North Yorkshire standard 7; Jersey "must be ascribed"; Wales (outline plan)). Whether each
    action has an owner, a timescale and a measure is checked by CPP-Q001 to CPP-Q003.
    """
    if not ctx.plan.actions:
        yield Hit(("actions",), "actions is empty: add what each person will do to make the child safe")


@rule(
    "CPP-O015", "monitoring",
    summary="The plan should say how progress is monitored and which professional checks it.",
    level="warning", requirements=("O15", "D11"), sources=('nyscp-plans standard 7: "Outlines ways of monitoring and evaluating progress against the planned outcomes"',
             'jersey-plans §2: "including identifying which professional is responsible for monitoring and recording the required changes"',
             "wales-outline", 'implementation-2008 §3.iii: "identifying which professional is responsible for checking required changes"',
             'southwark-2019: "who will be checking the child is safe and well on a day to day basis"'),
    fix="Add monitoring: with how progress is checked, and checked_by set to a professional's core group id.",
    passing="""
    monitoring:
      how: The social worker reviews the childcare rota and school attendance at each core group.
      checked_by: sw
    """,
    failing="""
    monitoring:
      how: The family will keep a diary.
      checked_by: mum
    """,
)
def monitoring(ctx) -> Iterator[Hit]:
    """The plan says how progress will be monitored and evaluated, and which professional checks the
    changes and reports them to the social worker (North Yorkshire standard 7; Jersey; Wales (outline plan); the 2008 procedure; the 2019 council page "who will be
    checking the child is safe and well"). Checking is a professional's job, not the family's.
    """
    mon = ctx.plan.monitoring
    if mon is None:
        yield Hit(("monitoring",),
                  "monitoring is missing: say how progress will be checked and which professional checks it")
        return
    if blank(mon.how):
        yield Hit(("monitoring", "how"), "monitoring.how is empty: say how progress will be checked")
    if mon.checked_by is None:
        yield Hit(("monitoring", "checked_by"),
                  "monitoring.checked_by is not set: give the core group id of the professional who checks "
                  "progress")
    else:
        member = ctx.plan.member(mon.checked_by)
        if member is not None and member.kind != "professional":  # unknown ids: CPP-S005
            yield Hit(("monitoring", "checked_by"),
                      "monitoring.checked_by names a core group member who is not a professional; "
                      "a professional must check progress")


@rule(
    "CPP-O016", "contingency-plan",
    summary="The plan must have a contingency plan: what happens if things do not change or get worse.",
    level="error", requirements=("O16", "D12"), sources=('nyscp-plans standard 8: "A plan must include a contingency"',
             'jersey-plans §2: "Consideration of a contingency plan and the circumstances that would necessitate its use"',
             "wales-conference", 'southwark-2019: "the contingency plan - what should be done if the child protection plan isn\'t working"'),
    fix="Add contingency: steps, each with a trigger, the action taken and who takes it.",
    passing="""
    contingency:
      - {trigger: Riley is found alone at home at night., concerns: [c1], action: Riley stays with Grandma that night and the review conference is brought forward., who: sw}
    """,
    failing="""
    contingency: []
    """,
)
def contingency_plan(ctx) -> Iterator[Hit]:
    """The plan says what will happen if its goals are not met in time or circumstances change
    (North Yorkshire standard 8: must; Jersey; Wales (conference tasks); the 2019 council page). How good the steps are is checked by CPP-Q005.
    """
    if not ctx.plan.contingency:
        yield Hit(("contingency",),
                  "contingency is empty: say what will happen if things do not change or get worse")


@rule(
    "CPP-O017", "first-review-date",
    summary="The plan should give the date of the next review conference and what would bring it forward.",
    level="warning", requirements=("O17",), sources=('nyscp-plans standard 10: "The date of the first Child Protection Review Conference is set and under what circumstances it might be necessary to convene the conference before that date"',
             'jersey-plans review conferences: "Agree a time and date for the next Core Group meeting and next Review Conference"',
             "nyscp-conference-documents"),
    fix="Set meetings.first_review_conference (after an initial or transfer-in conference) or "
        "meetings.next_review_conference (after a review), and write conference.bring_forward_if.",
    passing="""
    meetings:
      first_review_conference: 2027-01-26
    conference:
      bring_forward_if: Riley is found alone at home again.
    """,
    failing="""
    meetings:
      first_review_conference: null
    """,
)
def first_review_date(ctx) -> Iterator[Hit]:
    """The conference sets the date of the first review conference and says what circumstances would
    bring it forward (North Yorkshire standard 10; the chair's letter, in North Yorkshire's conference documents standard). After a review conference, the plan
    gives the date of the next one.
    """
    plan = ctx.plan
    meetings = plan.meetings
    review = term(ctx, "review_conference", "review conference")
    if plan.conference.type == "review":
        if meetings is None or meetings.next_review_conference is None:
            yield Hit(("meetings", "next_review_conference"),
                      f"meetings.next_review_conference is not set: give the date of the next {review}")
    elif meetings is None or meetings.first_review_conference is None:
        yield Hit(("meetings", "first_review_conference"),
                  f"meetings.first_review_conference is not set: give the date of the first {review}")
    if blank(plan.conference.bring_forward_if):
        yield Hit(("conference", "bring_forward_if"),
                  f"conference.bring_forward_if is empty: say what would bring the {review} forward")


@rule(
    "CPP-O018", "first-core-group-date",
    summary="The plan should give the date of the first core group meeting.",
    level="warning", requirements=("O18",),
    sources=('nyscp-plans standard 10: "The date of the first Core Group is set"',
             'jersey-plans §4: "The first Core Group meeting date must be arranged at the end of the conference, along '
             'with the required frequency of subsequent meetings"'),
    options={"with_frequency": False},
    fix="Set meetings.first_core_group to the date agreed at the end of the conference (and, where the profile "
        "asks, meetings.core_group_frequency).",
    passing="""
    meetings:
      first_core_group: 2026-11-16
    """,
    failing="""
    meetings:
      first_core_group: null
    """,
)
def first_core_group_date(ctx) -> Iterator[Hit]:
    """"The date of the first Core Group is set" (North Yorkshire standard 10). Jersey: "The first
    Core Group meeting date must be arranged at the end of the conference, along with the required
    frequency of subsequent meetings" (section 4): with the option `with_frequency` (set in the
    Jersey profile) the plan must also give meetings.core_group_frequency. After a review conference
    the first core group has long been held, so only initial and transfer-in conferences are checked.
    """
    plan = ctx.plan
    if plan.conference.type == "review":
        return
    group = term(ctx, "core_group", "core group")
    if plan.meetings is None or plan.meetings.first_core_group is None:
        yield Hit(("meetings", "first_core_group"),
                  f"meetings.first_core_group is not set: give the date of the first {group} meeting")
    if ctx.options.get("with_frequency") and (plan.meetings is None or blank(plan.meetings.core_group_frequency)):
        yield Hit(("meetings", "core_group_frequency"),
                  f"meetings.core_group_frequency is not set: the conference arranges how often later {group} "
                  "meetings are held, with the first one's date")


@rule(
    "CPP-O019", "services-and-support",
    summary="The plan should name the services and support the child and family need.",
    level="warning", requirements=("O19",), sources=('jersey-plans §2: "Types of services or support required by the child/young person and other family members"',
             "wales-outline"),
    fix="Add needs: each need with the services that will meet it.",
    passing="""
    profile: jersey
    stage: outline
    needs:
      - {need: A safe adult at home every night., for: child, services: [Family support worker]}
    """,
    failing="""
    profile: jersey
    stage: outline
    needs: []
    """,
)
def services_and_support(ctx) -> Iterator[Hit]:
    """Jersey and Wales ask the outline plan to name the services and support - treatment,
    therapy, advocacy - that the child and family members need. On a detailed plan where the profile
    also applies D4, CPP-D004 checks each need in full and this rule stays quiet.
    """
    if _applies(ctx, "D4"):
        return
    if not any(_written(n.services) for n in ctx.plan.needs):
        yield Hit(("needs",),
                  "needs lists no services: add the child's and family's needs with the services or support "
                  "for each")


@rule(
    "CPP-O020", "parent-expectations",
    summary="Each parent or carer should have at least one action of their own: what is expected of them.",
    level="warning", requirements=("O20", "O25"),
    sources=('nyscp-plans standard 7: "who will have responsibility for what actions – including actions by family members"',
             'stoke-c06 §01: "who will have responsibility for what actions - including actions by family members"',
             'implementation-2008 §3.iii: "identification of who [including family members] will be responsible for what actions"',
             'southwark-2019: "what the family and workers involved need to do to meet the goals"',
             'jersey-plans §2: "Expectations of what the parents need to do to ensure compliance with the plan"'),
    fix="Add an action owned by each parent or carer, written for them in plain words.",
    passing="""
    profile: jersey
    actions:
      - {id: a1, what: Arrange for Grandma to stay with Riley whenever Mum works a night shift., owner: mum, due: 2026-11-20, outcome: o1, success_measure: A written childcare rota for every night shift.}
    """,
    failing="""
    profile: jersey
    actions:
      - {id: a2, what: Visit Riley at home every 2 weeks and see Riley alone., owner: sw, frequency: every 2 weeks, outcome: o1, success_measure: Visit record shows a visit at least every 14 days.}
    """,
)
def parent_expectations(ctx) -> Iterator[Hit]:
    """The plan says what each parent will do. North Yorkshire (standard 7) and Stoke-on-Trent (C06
    §01) ask who is responsible for what actions, "including actions by family members"; the 2008
    procedure asks who "[including family members] will be responsible for what actions"; the 2019
    council page, "what the family and workers involved need to do"; Jersey, the "Expectations of
    what the parents need to do", in clear language. Each parent or carer in the core group
    therefore owns at least one action.
    """
    owners = {a.owner for a in ctx.plan.actions}
    for i, m in enumerate(ctx.plan.core_group):
        if m.kind in FAMILY_KINDS and m.id not in owners:
            yield Hit(("core_group", i),
                      f"core_group[{i}] is a parent or carer with no action of their own; "
                      "add an action they own that says what is expected of them")


@rule(
    "CPP-O021", "views-considered",
    summary="The plan must record the child's wishes and feelings and each parent's or carer's views.",
    level="error", requirements=("O21", "D14", "D15"), sources=("wales-outline",
             'stoke-c06 §03: "The child/young person\'s wishes and feelings are ascertained and incorporated in the plan"',
             'implementation-2008 §3.iii: "a consideration of the views of the child ... a consideration of the views of the parents"',
             "jersey-plans §2"),
    fix="Add views.child (or views.not_sought_reason, e.g. for a baby) and a views.parents entry for each "
        "parent or carer.",
    passing="""
    views:
      child: {views: Riley said they get scared at night when Mum is out., followed: true}
      parents:
        - {member: mum, views: Mum agrees Riley should not be left alone., followed: true}
    """,
    failing="""
    views:
      parents: []
    """,
)
def views_considered(ctx) -> Iterator[Hit]:
    """The plan must take account of the child's wishes and feelings and the parents' views (Wales (outline plan); for
    the detailed plan Stoke-on-Trent C06 §03, the 2008 procedure, Jersey). This rule checks that they are recorded: the child's views,
    or why they could not be sought, and an entry for each parent or carer in the core group. Whether
    the plan follows them is checked by CPP-D014 and CPP-D015.
    """
    views = ctx.plan.views
    if (views is None or views.child is None) and (views is None or blank(views.not_sought_reason)):
        yield Hit(("views", "child"),
                  "views.child is missing: record the child's wishes and feelings, or write "
                  "views.not_sought_reason")
    heard = {v.member for v in views.parents} if views else set()
    for i, m in enumerate(ctx.plan.core_group):
        if m.kind in FAMILY_KINDS and m.id not in heard:
            yield Hit(("core_group", i),
                      f"core_group[{i}] is a parent or carer whose views are not recorded; "
                      f"add a views.parents entry whose member is core_group[{i}]'s id")


@rule(
    "CPP-O022", "improvement-by-when",
    summary="Every outcome should say how success will be measured and by when.",
    level="warning", requirements=("O22", "D5", "D6", "D7"), sources=('sheffield-plans: "a clear sense of how much improvement is needed, by when, so that success can be judged"',
             "bucks-plans", 'implementation-2008 §3.iii: "identification of measurements for success"'),
    fix="Give each outcome a measure (how everyone will know it is met) and a by date or timescale.",
    passing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., measure: Visits and Riley's words show it for 3 months., by: 2027-02-01, term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: long}
    """,
    failing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: long}
    """,
)
def improvement_by_when(ctx) -> Iterator[Hit]:
    """A plan should say how much improvement is needed and by when, so that everyone can judge success
    (English procedures, e.g. Sheffield and Bucks; the 2008 procedure asks for measures of success and timescales).
    Each outcome therefore needs a measure and a `by`.
    """
    for i, o in enumerate(ctx.plan.outcomes):
        if blank(o.measure):
            yield Hit(("outcomes", i, "measure"),
                      f"outcomes[{i}] has no measure: say how everyone will know the goal is met")
        if o.by is None or blank(o.by):
            yield Hit(("outcomes", i, "by"),
                      f"outcomes[{i}] has no by: give the date or timescale for the goal")


@rule(
    "CPP-O023", "pre-birth-plan",
    summary="A pre-birth plan must say who tells whom of the birth and what happens then.",
    level="error", requirements=("O23",), sources=("scotland-2021 (pre-birth planning)",),
    fix="Write birth_plan: who notifies the birth, to whom, and what happens next.",
    passing="""
    conference:
      pre_birth: true
    birth_plan: The midwife tells the lead professional the same day; a core group meets within 2 days.
    """,
    failing="""
    profile: scotland
    conference:
      pre_birth: true
    """,
)
def pre_birth_plan(ctx) -> Iterator[Hit]:
    """For an unborn baby, the plan says who will notify the birth and what will happen then, for
    example a referral to the Principal Reporter (Scottish national guidance 2021, pre-birth planning).
    """
    if ctx.plan.conference.pre_birth and blank(ctx.plan.birth_plan):
        yield Hit(("birth_plan",),
                  "this is a pre-birth plan but birth_plan is empty; say who will be told of the birth and "
                  "what happens then")
