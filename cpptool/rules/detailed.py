"""Detailed plan rules (CPP-D*): what the core group adds when it turns the outline into the detailed
plan. They run where the profile applies their requirement: on detailed plans, and on outline plans
too where a procedure asks for it at the conference (a requirement's `stages:`). The outline rules
run on detailed plans as well.
"""

from __future__ import annotations

from typing import Iterator

from cpptool.core.registry import Hit, rule
from cpptool.core.deadlines import parse_interval
from cpptool.rules._common import blank, normalise, setting, term

DETAILED = ("detailed",)


def _written(items) -> list:
    return [item for item in items if not blank(item)]


@rule(
    "CPP-D001", "developed-by-core-group",
    summary="A detailed plan must be made by the core group, so the record must hold a core group meeting.",
    level="error", requirements=("D1",), stages=DETAILED,
    sources=('stoke-c06 §05: "the lead worker must help the group to compile a Child Protection Plan"',
             'implementation-2008 §3.iv: "The key worker must make a record of the core group meetings and formulate '
             'the detailed child protection plan"',
             'jersey-plans §2: "An outline plan must be drawn up at initial and review conferences"', "wales-outline"),
    fix="Add the core group meeting that agreed the plan to record.meetings (type: core-group, with its date).",
    passing="""
    record:
      meetings:
        - {type: core-group, date: 2026-11-16}
    """,
    failing="""
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
    """,
)
def developed_by_core_group(ctx) -> Iterator[Hit]:
    """The detailed plan is developed from the outline plan by the core group, at its first meeting:
    "The key worker must make a record of the core group meetings and formulate the detailed child
    protection plan" (the 2008 procedure, §3.iv); "The allocated social worker must ensure that there
    is a record of the Core Group meetings and must ensure that they formulate the detailed Child
    Protection Plan" (Jersey section 2). A plan marked `stage: detailed` with no core group meeting
    in its record was not made the way the procedures require.

    Jersey: "An outline plan must be drawn up at initial and review conferences" (section 2). Where
    the profile sets `outline_at_review: true`, a detailed plan after a review conference needs a
    core group held since that conference.
    """
    record = ctx.plan.record
    group = term(ctx, "core_group", "core group")
    if record is None or not any(m.type == "core-group" for m in record.meetings):
        yield Hit(("record", "meetings"),
                  f"record.meetings holds no {group} meeting; the detailed plan is agreed by the {group}, "
                  "so record that meeting (type: core-group)")
        return
    conf = ctx.plan.conference
    if setting(ctx, "outline_at_review", False) is True and conf.type == "review" \
            and not any(m.type == "core-group" and m.date >= conf.date for m in record.meetings):
        yield Hit(("record", "meetings"),
                  f"no {group} is recorded since this review conference; after each conference the {group} "
                  "draws up the detailed plan again from its outline, so record that meeting")


@rule(
    "CPP-D004", "needs-and-services",
    summary="The detailed plan should list the child's needs and the services that meet each one.",
    level="warning", requirements=("D4",), stages=DETAILED,
    sources=('stoke-c06 §01: "Describe the identified developmental needs of the child/young person, and what services are required"',
             'implementation-2008 §3.iii: "a description of the identified needs of the child and what services are required"',
             'jersey-plans §2: "A description of the identified needs of the child/young person and other family members and '
             'what services are required to address each need"'),
    fix="Add needs: each with the need, who it is for, and the services that will meet it.",
    passing="""
    needs:
      - {need: A safe adult at home every night., for: child, services: [Family support worker]}
    """,
    failing="""
    needs:
      - {need: A safe adult at home every night., for: child}
    """,
)
def needs_and_services(ctx) -> Iterator[Hit]:
    """The detailed plan identifies the child's developmental needs, and in Jersey those of other family
    members, and the services needed to meet each (Stoke-on-Trent C06 §01; the 2008 procedure §3.iii;
    Jersey section 2: "what services are required to address each need").
    """
    needs = ctx.plan.needs
    if not needs:
        yield Hit(("needs",), "needs is empty: list the child's needs and the services for each")
    for i, n in enumerate(needs):
        if blank(n.need):
            yield Hit(("needs", i, "need"), f"needs[{i}].need is empty: say what is needed")
        elif not _written(n.services):
            yield Hit(("needs", i, "services"),
                      f"needs[{i}] has no services: say which service or support will meet this need")


@rule(
    "CPP-D006", "short-and-long-term-aims",
    summary="The detailed plan should have both short-term and long-term aims.",
    level="warning", requirements=("D6",),
    sources=('implementation-2008 §3.iii: "establishment of specific short term and long term aims and objectives"',
             'jersey-plans §2: "Short-term and longer-term aims and objectives"',
             'southwark-2019: "the practical long and short term goals"'),
    fix="Mark each outcome term: short or term: long, with at least one of each.",
    passing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., measure: Visits show it for 3 months., by: 2027-02-01, term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: long}
    """,
    failing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., measure: Visits show it for 3 months., by: 2027-02-01, term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: short}
    """,
)
def short_and_long_term_aims(ctx) -> Iterator[Hit]:
    """The plan sets short-term and long-term aims: "establishment of specific short term and long term
    aims and objectives" (the 2008 procedure, §3.iii); "the practical long and short term goals"
    (Southwark's 2019 page, which asks it of every plan, so its profile applies it to outline plans
    too); Jersey's outline plan has "Short-term and longer-term aims and objectives" (section 2).
    This rule asks for at least one outcome of each term, at the stages the profile applies D6; the
    timescale of every outcome is checked by CPP-O022, and a plan with no outcomes at all is reported
    by CPP-O011.
    """
    outcomes = ctx.plan.outcomes
    if not outcomes:
        return
    terms = {o.term for o in outcomes}
    for wanted in ("short", "long"):
        if wanted not in terms:
            yield Hit(("outcomes",),
                      f"no outcome is marked term: {wanted}; the detailed plan needs {wanted}-term aims too")


@rule(
    "CPP-D009", "member-roles",
    summary="Every core group member except the child should have their responsibilities written down.",
    level="warning", requirements=("D9",), stages=DETAILED,
    sources=('implementation-2008 §3.iii: "a clear identification of roles and responsibilities of professionals and family members"',
             'jersey-plans §2: "A clear identification of roles and responsibilities of professionals and family members"'),
    fix="Write responsibilities: for each core group member: what they do in the plan.",
    passing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional, responsibilities: Leads the plan and visits Riley., sees_child: Every 2 weeks.}
      - {id: mum, name: Jo Fictional, role: Mother, kind: parent, responsibilities: Makes sure Riley is never left alone.}
      - {id: teacher, name: Alex Sample, role: Class teacher, kind: professional, responsibilities: Checks attendance daily., sees_child: Every school day.}
      - {id: hv, name: Pat Sample, role: School nurse, kind: professional, responsibilities: Reviews Riley's health., sees_child: Every 4 weeks.}
      - {id: riley, name: Riley Fictional, role: The child, kind: child}
    """,
    failing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional, responsibilities: Leads the plan and visits Riley., sees_child: Every 2 weeks.}
      - {id: mum, name: Jo Fictional, role: Mother, kind: parent}
      - {id: teacher, name: Alex Sample, role: Class teacher, kind: professional, responsibilities: Checks attendance daily., sees_child: Every school day.}
      - {id: hv, name: Pat Sample, role: School nurse, kind: professional, responsibilities: Reviews Riley's health., sees_child: Every 4 weeks.}
      - {id: riley, name: Riley Fictional, role: The child, kind: child}
    """,
)
def member_roles(ctx) -> Iterator[Hit]:
    """The detailed plan sets out "roles and responsibilities of professionals and family members"
    (the 2008 procedure §3.iii; Jersey section 2). The child is not given responsibilities.
    """
    for i, m in enumerate(ctx.plan.core_group):
        if m.kind != "child" and blank(m.responsibilities):
            yield Hit(("core_group", i, "responsibilities"),
                      f"core_group[{i}] has no responsibilities: say what this member does in the plan")


@rule(
    "CPP-D010", "contact-with-child",
    summary="The detailed plan must say how often each professional sees the child.",
    level="error", requirements=("D10",),
    sources=('nyscp-plans standard 4: "Professionals will visit the child in accordance with their agency child protection '
             'policy and the Child Protection Plan"',
             'stoke-c06 §01: "the nature and frequency of contact by professionals and family with children/young people"',
             'implementation-2008 §3.iii: "a description of the nature and frequency of contact with the child"',
             'jersey-plans §4: "The Core Group must ensure that the Child Protection Plan sets out the frequency for all '
             'Core Group members to see the child/young person"'),
    options={"family_contact": False},
    fix="Write sees_child: for each professional in core_group (e.g. 'every school day'), and set "
        "visits.frequency.",
    passing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional, responsibilities: Leads the plan and visits Riley., sees_child: Every 2 weeks.}
      - {id: mum, name: Jo Fictional, role: Mother, kind: parent, responsibilities: Makes sure Riley is never left alone.}
      - {id: teacher, name: Alex Sample, role: Class teacher, kind: professional, responsibilities: Checks attendance daily., sees_child: Every school day.}
      - {id: hv, name: Pat Sample, role: School nurse, kind: professional, responsibilities: Reviews Riley's health., sees_child: Every 4 weeks.}
      - {id: riley, name: Riley Fictional, role: The child, kind: child}
    """,
    failing="""
    core_group:
      - {id: sw, name: Sam Example, role: Lead social worker, kind: professional, responsibilities: Leads the plan and visits Riley., sees_child: Every 2 weeks.}
      - {id: mum, name: Jo Fictional, role: Mother, kind: parent, responsibilities: Makes sure Riley is never left alone.}
      - {id: teacher, name: Alex Sample, role: Class teacher, kind: professional, responsibilities: Checks attendance daily.}
      - {id: hv, name: Pat Sample, role: School nurse, kind: professional, responsibilities: Reviews Riley's health., sees_child: Every 4 weeks.}
      - {id: riley, name: Riley Fictional, role: The child, kind: child}
    """,
)
def contact_with_child(ctx) -> Iterator[Hit]:
    """The plan sets out the nature and frequency of each professional's contact with the child, and
    how often the social worker visits: "The Core Group must ensure that the Child Protection Plan
    sets out the frequency for all Core Group members to see the child/young person" (Jersey section
    4); "Professionals will visit the child in accordance with their agency child protection policy
    and the Child Protection Plan" (North Yorkshire standard 4, which its profile applies to the
    outline plan too). Stoke-on-Trent also asks for the contact "by professionals and family"
    (C06 §01): with the option `family_contact` (set in that profile), parents, carers and relatives
    in the core group need `sees_child` too. Where the profile also applies O7, a missing
    visits.frequency is reported by CPP-O008 instead.
    """
    plan = ctx.plan
    kinds = ("professional", "parent", "carer", "family") if ctx.options.get("family_contact") else ("professional",)
    for i, m in enumerate(plan.core_group):
        if m.kind in kinds and blank(m.sees_child):
            yield Hit(("core_group", i, "sees_child"),
                      f"core_group[{i}] has no sees_child: say how often this member sees the child")
    if "O7" not in ctx.profile.requirements and (plan.visits is None or blank(plan.visits.frequency)):
        lead = term(ctx, "lead", "lead social worker")
        yield Hit(("visits", "frequency"),
                  f"visits.frequency is not set: say how often the {lead} visits the child, "
                  "for example 'every 2 weeks'")


@rule(
    "CPP-D013", "parenting-strengths-difficulties",
    summary="The detailed plan should record parenting strengths and difficulties.",
    level="warning", requirements=("D13",), stages=DETAILED,
    sources=('stoke-c06 §01: "What are the existing strengths"',
             'implementation-2008 §3.iii: "identification of parenting strengths"',
             'jersey-plans §2: "Identification of parenting strengths and difficulties, and the support needed to overcome '
             'deficits and difficulties"'),
    options={"difficulties": True, "support": False},
    fix="Add parenting: with strengths and difficulties (and the support offered for them).",
    passing="""
    parenting:
      strengths: [Mum keeps a clean, warm home.]
      difficulties: [Mum's night shifts leave no one to care for Riley.]
      support: [A family support worker meets Mum weekly.]
    """,
    failing="""
    parenting:
      strengths: [Mum keeps a clean, warm home.]
      difficulties: []
    """,
)
def parenting_strengths_difficulties(ctx) -> Iterator[Hit]:
    """The detailed plan records the parents' strengths ("identification of parenting strengths", the
    2008 procedure §3.iii; "What are the existing strengths", Stoke-on-Trent C06 §01) and, where the
    procedure asks, their difficulties and the support to overcome them ("Identification of
    parenting strengths and difficulties, and the support needed to overcome deficits and
    difficulties", Jersey section 2). The options `difficulties` (on by default; off in the
    Stoke-on-Trent and 2008 profiles, which ask only for strengths) and `support` (on in Jersey)
    say which.
    """
    parenting = ctx.plan.parenting
    if parenting is None:
        yield Hit(("parenting",), "parenting is missing: write the parenting strengths"
                                  + (" and difficulties" if ctx.options.get("difficulties", True) else ""))
        return
    if not _written(parenting.strengths):
        yield Hit(("parenting", "strengths"), "parenting.strengths is empty: write what the parents do well")
    if ctx.options.get("difficulties", True) and not _written(parenting.difficulties):
        yield Hit(("parenting", "difficulties"),
                  "parenting.difficulties is empty: write what the parents find hard")
    if ctx.options.get("support") and _written(parenting.difficulties) and not _written(parenting.support):
        yield Hit(("parenting", "support"),
                  "parenting.support is empty: write the support that will help the parents with their difficulties")


@rule(
    "CPP-D014", "child-views",
    summary="The child's recorded views should have words, and say why when the plan does not follow them.",
    level="warning", requirements=("D14",), stages=DETAILED,
    sources=('stoke-c06 §03: "The child/young person\'s wishes and feelings are ascertained and incorporated in the plan"',
             'implementation-2008 §3.iii: "a consideration of the views of the child"',
             'jersey-plans §2: "spelling out if these cannot be followed because they are not consistent with the child/young '
             'person\'s welfare"'),
    fix="Write the child's views in views.child.views; when followed is false, write why_not_followed.",
    passing="""
    views:
      child: {views: Riley wants to stay at home with Mum., followed: false, why_not_followed: Riley stays at home but Grandma stays too on night shifts.}
    """,
    failing="""
    views:
      child: {views: Riley wants to stay at home with Mum., followed: false}
    """,
)
def child_views(ctx) -> Iterator[Hit]:
    """The child's wishes and feelings are part of the detailed plan (Stoke-on-Trent C06 §03: the lead
    worker "must take responsibility for" them being "ascertained and incorporated in the plan"; the
    2008 procedure §3.iii). Jersey adds that when the plan does not follow them, because that would not
    be in the child's interest, the plan spells it out (section 2). That the views are recorded at all
    is checked by CPP-O021.
    """
    views = ctx.plan.views
    child = views.child if views else None
    if child is None:
        return
    if blank(child.views):
        yield Hit(("views", "child", "views"), "views.child.views is empty: write the child's wishes and feelings")
    if child.followed is False and blank(child.why_not_followed):
        yield Hit(("views", "child", "why_not_followed"),
                  "views.child.followed is false but why_not_followed is empty; say why the plan does not "
                  "follow the child's views")


@rule(
    "CPP-D015", "parents-views",
    summary="Each parent's recorded views should have words, and say why when the plan does not follow them.",
    level="warning", requirements=("D15",), stages=DETAILED,
    sources=('implementation-2008 §3.iii: "a consideration of the views of the parents"',
             'jersey-plans §2: "If the parents\' preferences have not been accepted in the plan / agreement ... the reasons '
             'for this should be explained."'),
    fix="Write each parent's views in views.parents; when followed is false, write why_not_followed.",
    passing="""
    views:
      parents:
        - {member: mum, views: Mum does not agree the absences are neglect., followed: false, why_not_followed: Attendance is too low to leave to improve on its own.}
    """,
    failing="""
    views:
      parents:
        - {member: mum, views: Mum does not agree the absences are neglect., followed: false}
    """,
)
def parents_views(ctx) -> Iterator[Hit]:
    """The detailed plan takes account of the parents' views (the 2008 procedure, §3.iii), and Jersey
    asks for the reasons when the parents' preferences are not accepted (section 2). That each
    parent's views are recorded is checked by CPP-O021.
    """
    views = ctx.plan.views
    for i, v in enumerate(views.parents if views else []):
        if blank(v.views):
            yield Hit(("views", "parents", i, "views"),
                      f"views.parents[{i}].views is empty: write this parent's views")
        if v.followed is False and blank(v.why_not_followed):
            yield Hit(("views", "parents", i, "why_not_followed"),
                      f"views.parents[{i}].followed is false but why_not_followed is empty; say why the plan "
                      "does not follow this parent's views")


def _english(language) -> bool:
    return normalise(language) == "english"


@rule(
    "CPP-D016", "culture-and-language",
    summary="The detailed plan should record the child's language, culture and religion, and whether an "
            "interpreter is needed.",
    level="warning", requirements=("D16",), stages=DETAILED,
    sources=('implementation-2008 §3.iii: "ethnic / cultural / religious considerations e.g. necessity for an interpreter"',
             'jersey-plans §2: "Ethnic / cultural / religious considerations e.g. necessity for an interpreter"'),
    fix="Fill in child.first_language and child.culture_and_religion; when the child's language is not English, "
        "answer child.interpreter_needed (true or false).",
    passing="""
    child:
      first_language: Polish
      culture_and_religion: Polish; the family is Catholic and marks Christmas Eve.
      interpreter_needed: true
    """,
    failing="""
    child:
      first_language: Polish
      culture_and_religion: Polish; the family is Catholic and marks Christmas Eve.
      interpreter_needed: null
    """,
)
def culture_and_language(ctx) -> Iterator[Hit]:
    """The detailed plan takes account of the child's ethnic, cultural, religious and language needs:
    "ethnic / cultural / religious considerations e.g. necessity for an interpreter, avoidance of
    appointments with family on significant religious festivals" (the 2008 procedure §3.iii; Jersey
    section 2). When the child's first or preferred language is not English, the plan must say
    whether an interpreter is needed.
    """
    child = ctx.plan.child
    if blank(child.first_language):
        yield Hit(("child", "first_language"), "child.first_language is empty: record the child's first language")
    if blank(child.culture_and_religion):
        yield Hit(("child", "culture_and_religion"),
                  "child.culture_and_religion is empty: record the child's culture and religion, or that there are "
                  "no particular needs")
    languages = [lang for lang in (child.first_language, child.preferred_language) if not blank(lang)]
    if child.interpreter_needed is None and any(not _english(lang) for lang in languages):
        yield Hit(("child", "interpreter_needed"),
                  "the child's language is not English but child.interpreter_needed is not answered; "
                  "set it to true or false")


@rule(
    "CPP-D017", "disability-needs",
    summary="The detailed plan should record the child's disability and any needs arising from it, "
            "or 'none known'.",
    level="warning", requirements=("D17",), stages=DETAILED,
    sources=('implementation-2008 §3.iii: "issues arising from any disability"',
             'jersey-plans §2: "Needs arising from any disability, of the child/young person or the parents"'),
    options={"include_parents": False},
    fix="Fill in child.disability: the disability and the needs it brings, or 'None known'.",
    passing="""
    child:
      disability: None known.
    """,
    failing="""
    child:
      disability: null
    """,
)
def disability_needs(ctx) -> Iterator[Hit]:
    """The detailed plan considers "issues arising from any disability" (the 2008 procedure §3.iii).
    Jersey asks for "Needs arising from any disability, of the child/young person or the parents"
    (section 2): with the option `include_parents` (set in that profile) each parent or carer in the
    core group needs `disability` filled in too. An empty field cannot show the question was asked,
    so write 'None known' if so.
    """
    if blank(ctx.plan.child.disability):
        yield Hit(("child", "disability"),
                  "child.disability is empty: record any disability and the needs it brings, "
                  "or write 'None known'")
    if not ctx.options.get("include_parents"):
        return
    for i, m in enumerate(ctx.plan.core_group):
        if m.kind in ("parent", "carer") and blank(m.disability):
            yield Hit(("core_group", i, "disability"),
                      f"core_group[{i}] is a parent or carer with no disability recorded; record any disability "
                      "and the needs it brings, or write 'None known'")


@rule(
    "CPP-D027", "core-group-arrangements",
    summary="The detailed plan should say how often, where and why the core group meets.",
    level="warning", requirements=("D27", "D21"), stages=DETAILED,
    sources=('jersey-plans §4: "Agreeing the frequency, venue and purpose of Core Group meetings"',
             'stoke-c06 §01: "Identify when progress will be reviewed and what outcome is anticipated"'),
    fix="Set meetings.core_group_frequency (e.g. 'every 4 weeks'), meetings.core_group_venue and "
        "meetings.core_group_purpose.",
    passing="""
    meetings:
      core_group_frequency: every 4 weeks
      core_group_venue: Exampleton Primary School, family room
      core_group_purpose: Check the actions, hear from Riley and Mum, and update the plan.
    """,
    failing="""
    meetings:
      core_group_frequency: as needed
    """,
)
def core_group_arrangements(ctx) -> Iterator[Hit]:
    """The core group agrees "the frequency, venue and purpose of Core Group meetings" (Jersey section
    4); they are also when progress is reviewed (Stoke-on-Trent C06 §01). The frequency must be
    readable ('every 4 weeks', 'monthly', 'every 5 to 6 weeks') so it can be checked against the
    profile's timescales.
    """
    meetings = ctx.plan.meetings
    group = term(ctx, "core_group", "core group")
    frequency = meetings.core_group_frequency if meetings else None
    if blank(frequency):
        yield Hit(("meetings", "core_group_frequency"),
                  f"meetings.core_group_frequency is not set: say how often the {group} meets, "
                  "e.g. 'every 4 weeks'")
    elif parse_interval(frequency) is None:
        yield Hit(("meetings", "core_group_frequency"),
                  "meetings.core_group_frequency cannot be read as a frequency; "
                  "write it like 'every 4 weeks' or 'monthly'")
    if meetings is None or blank(meetings.core_group_venue):
        yield Hit(("meetings", "core_group_venue"),
                  f"meetings.core_group_venue is not set: say where the {group} meets")
    if meetings is None or blank(meetings.core_group_purpose):
        yield Hit(("meetings", "core_group_purpose"),
                  f"meetings.core_group_purpose is not set: say what the {group} meetings are for")


@rule(
    "CPP-D028", "seen-alone-arrangements",
    summary="The detailed plan should say when and where the child is seen alone, or why not.",
    level="warning", requirements=("D28",),
    sources=('sheffield-plans: "When and in what situations the child will be seen by the child\'s Lead Social Worker, both '
             'alone and with other family members or caregivers present"', "nelincs-plans",
             'stoke-c06 §03: "To see the child/young person alone within 28 working days as appropriate"',
             'jersey-plans §3: "See the child/young person on their own each visit where appropriate"'),
    fix="Set visits.see_child_alone (true or false) and write visits.seen_alone_arrangements: when and where, "
        "or why not.",
    passing="""
    visits:
      see_child_alone: true
      seen_alone_arrangements: Riley is seen alone in Riley's bedroom or at school on every visit.
    """,
    failing="""
    visits:
      see_child_alone: true
      seen_alone_arrangements: null
    """,
)
def seen_alone_arrangements(ctx) -> Iterator[Hit]:
    """The plan says when and in what situations the lead social worker sees the child alone, and when with
    the family (Sheffield and North East Lincolnshire procedures; Jersey section 3: "See the child/young
    person on their own each visit where appropriate"). Where seeing the child alone is not appropriate
    (a baby, for example) the plan says why. Stoke-on-Trent's 28 working days to see the child alone
    "as appropriate" (C06 §03) run from the plan's start, so its profile asks this of the outline plan
    too.
    """
    visits = ctx.plan.visits
    alone = visits.see_child_alone if visits else None
    if alone is None:
        yield Hit(("visits", "see_child_alone"),
                  "visits.see_child_alone is not answered: say whether the child will be seen alone "
                  "(true or false)")
    elif blank(visits.seen_alone_arrangements):
        wanted = "when and where the child is seen alone" if alone else "why the child will not be seen alone"
        yield Hit(("visits", "seen_alone_arrangements"), f"visits.seen_alone_arrangements is empty: say {wanted}")
