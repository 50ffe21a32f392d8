"""Timescale rules (CPP-T*): statutory deadlines worked out with the profile's calendar.

Each profile sets its own limits under `timescales:` (e.g. visits every 2 weeks in North
Yorkshire, every 4 weeks in Jersey) and its counting conventions under `counting:`. A rule
whose timescale the profile does not set does nothing. Messages say which limit was missed; the
dates, how the deadline was computed and which non-working days were skipped go in the finding's
detail, which only the text report shows (dates from a plan are never put in machine outputs).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from cpptool.core.deadlines import (
    OPEN_STATUSES, completed_actions, day_text, deadline, eighteenth_birthday, explain, is_late, lead_visits,
    meetings_of, Timescale, next_review, parse_interval, plan_start, timescale,
)
from cpptool.core.history import after, conferences, initial_conference
from cpptool.core.lifecycle import recorded_exception
from cpptool.core.registry import Hit, rule
from cpptool.rules._common import blank, contains_phrase, term

# ----------------------------------------------------------------------------------------------
# Conference and core group timescales


@rule(
    "CPP-T001", "first-core-group-timescale",
    summary="The first core group meets within the profile's limit after the initial conference.",
    level="error", requirements=("T2", "T27", "T29", "T30"),
    sources=('stoke-c06 §05: "This will be within 10 working days of the conference"',
             'jersey-plans §4: "The first meeting of the Core Group must take place within 10 working days of the initial '
             'child/young person protection conference"',
             "nyscp-core-groups", "wales-conference", "scotland-2023"),
    fix="Arrange the first core group within the limit, or record why it could not meet in time.",
    passing="""
    meetings: {first_core_group: 2026-11-16}
    """,
    failing="""
    meetings: {first_core_group: 2026-11-30}
    """,
)
def first_core_group(ctx) -> Iterator[Hit]:
    """The core group turns the outline plan into the detailed plan, so its first meeting is due
    within a fixed number of working days of the initial conference: "The first meeting of the Core
    Group must take place within 10 working days of the initial child/young person protection
    conference" (Jersey section 4; 10 in England and Wales, 15 in Scotland). The planned date is
    checked after an initial conference, and the first core group held after the initial
    conference is checked at every stage: a plan at its third review still shows that its first core
    group was late, on that record entry."""
    plan, spec = ctx.plan, timescale(ctx.profile, "first_core_group")
    start = initial_conference(plan)
    if spec is None or start is None:
        return
    exp = deadline(ctx.calendar, start.date, spec)
    if exp is None:
        return
    what = "first core group"
    planned = plan.meetings.first_core_group if plan.meetings else None
    if plan.conference.type == "initial" and is_late(planned, exp):
        yield Hit(("meetings", "first_core_group"),
                  f"the first core group is planned later than {spec.text} after the initial conference",
                  explain(exp, what, "the initial conference"))
    held = [(i, m) for i, m in meetings_of(plan, "core-group") if m.date >= start.date]
    if held and is_late(held[0][1].date, exp):
        i = held[0][0]
        yield Hit(("record", "meetings", i, "date"),
                  f"the first core group was held later than {spec.text} after the initial conference",
                  explain(exp, what, "the initial conference"))


@rule(
    "CPP-T002", "first-review-timescale",
    summary="The first review conference is planned within the profile's limit of the plan starting.",
    level="error", requirements=("T12", "T21", "T29", "T33", "T37"),
    sources=('jersey-plans review conferences: "A review conference should be held within three months following a '
             'child/young person\'s name being placed on the Child Protection Register"',
             "working-together", "nyscp-conferences", "wales-conference", "scotland-local",
             'sbni-register: "initially after three months of the decision to place the child/young person\'s name on the Register"'),
    fix="Set the first review conference within the limit (3 months in most of the UK, 6 in Scotland).",
    passing="""
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-01-26}
    """,
    failing="""
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-03-15}
    """,
)
def first_review(ctx) -> Iterator[Hit]:
    """A plan is first reviewed at a conference within 3 months of the initial conference: "A review
    conference should be held within three months following a child/young person's name being
    placed on the Child Protection Register" (Jersey, review conferences; 6 months in Scotland
    since 2021). After an initial conference the planned date is checked; at a later stage, the
    first review conference held (in the record, or this one) is checked, on its own entry."""
    plan, spec = ctx.plan, timescale(ctx.profile, "first_review")
    start = plan_start(plan)
    if spec is None or start is None:
        return
    exp = deadline(ctx.calendar, start, spec)
    if plan.conference.type == "initial":
        planned = plan.meetings.first_review_conference if plan.meetings else None
        if is_late(planned, exp):
            yield Hit(("meetings", "first_review_conference"),
                      f"the first review conference is planned later than {spec.text} after the plan started",
                      explain(exp, "first review conference", "the initial conference"))
        return
    held = after(conferences(plan, "review-conference", ctx.as_of), start)
    if held and is_late(held[0].date, exp):
        yield Hit(held[0].path, f"the first review conference was held later than {spec.text} after the plan "
                                "started", explain(exp, "first review conference", "the plan starting"))


@rule(
    "CPP-T003", "review-interval",
    summary="After a review conference, the next one is within the profile's limit (6 months).",
    level="error", requirements=("T13", "T21", "T29", "T33", "T37"),
    sources=('jersey-plans review conferences: "there must be no more than 6 months between Review Conferences"',
             "working-together", "nyscp-conferences", "wales-review", "scotland-local",
             'sbni-register: "Ensure the Child Protection Plan is formally reviewed at least every six months"'),
    fix="Set the next review conference no more than the limit after this one.",
    passing="""
    conference: {type: review, plan_start: 2026-05-04}
    meetings: {first_core_group: 2026-11-16, next_review_conference: 2027-04-26}
    """,
    failing="""
    conference: {type: review, plan_start: 2026-05-04}
    meetings: {first_core_group: 2026-11-16, next_review_conference: 2027-06-01}
    """,
)
def review_interval(ctx) -> Iterator[Hit]:
    """"There must be no more than 6 months between Review Conferences" (Jersey, review
    conferences). The next review planned after this review conference is measured from the date
    it was held; the review conferences already held (the record's, and this one) are checked
    against each other too, and a gap that was too long is reported on the later one's entry."""
    plan, spec = ctx.plan, timescale(ctx.profile, "review_interval")
    if spec is None:
        return
    if plan.conference.type == "review" and plan.meetings:
        exp = deadline(ctx.calendar, plan.conference.date, spec)
        if is_late(plan.meetings.next_review_conference, exp):
            yield Hit(("meetings", "next_review_conference"),
                      f"the next review conference is planned later than {spec.text} after this review",
                      explain(exp, "next review conference", "this review conference"))
    held = conferences(plan, "review-conference", ctx.as_of)
    for before, later in zip(held, held[1:]):
        exp = deadline(ctx.calendar, before.date, spec)
        if is_late(later.date, exp):
            yield Hit(later.path, f"this review conference was held more than {spec.text} after the previous one",
                      explain(exp, "review conference", "the previous review conference"))


@rule(
    "CPP-T004", "minutes-circulated",
    summary="Minutes of core groups and conferences, and the written agreement, are circulated within the "
            "profile's limits.",
    level="error", requirements=("T5", "T6", "T25", "T28", "T32"),
    sources=('stoke-c06 §05: "Copies of the core group minutes and any written agreement must be circulated to '
             'core group members within 3 working days of the core group meeting"',
             'jersey-plans §2: "Copies of the notes and the written agreement should be circulated to Core Group '
             'members and conference chair within 5 working days of the Core Group meeting"',
             'wales-outline: "Within five working days a copy of the outline plan and a summary of decisions made at '
             'the initial child protection conference ... should be circulated"',
             "nyscp-conference-documents: the full conference record within 15 working days",
             "scotland-2023: the record of the child protection planning meeting within 10 working days"),
    fix="Circulate the minutes (and agreement), and record the date under record.meetings[].minutes_circulated.",
    passing="""
    profile: stoke-on-trent
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, minutes_circulated: 2026-11-18}
    """,
    failing="""
    profile: stoke-on-trent
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, minutes_circulated: 2026-11-30}
    """,
)
def minutes_circulated(ctx) -> Iterator[Hit]:
    """Members need the notes and the agreement quickly to act on them. Core group minutes and the
    agreement: within 3 working days in Stoke-on-Trent ("must be circulated to core group members
    within 3 working days", C06 §05), 5 in Jersey (`timescales.minutes_circulated`). Conference
    records (`timescales.conference_record`, on the record's conferences): the full record within
    15 working days in North Yorkshire; the outline plan and decisions of the initial conference
    within 5 working days in Wales (`only: initial-conference`); the record of the meeting within
    10 working days in Scotland. Every meeting in the record is judged, whatever the plan's stage: a
    meeting whose minutes went out late, or are still missing once the deadline has passed, is
    reported on its entry."""
    for name, kinds, what in (("minutes_circulated", ("core-group",), "the core group"),
                              ("conference_record", ("initial-conference", "review-conference"), "the conference")):
        spec = timescale(ctx.profile, name)
        if spec is None:
            continue
        for kind in kinds:
            if spec.get("only") in (None, kind):
                for i, m in meetings_of(ctx.plan, kind):
                    yield from _circulated(ctx, spec, ("record", "meetings", i), m, what)


def _circulated(ctx, spec: Timescale, path: tuple, meeting, what: str) -> Iterator[Hit]:
    exp = deadline(ctx.calendar, meeting.date, spec)
    if exp is None:
        return
    if meeting.minutes_circulated is not None:
        if meeting.minutes_circulated > exp.result:
            yield Hit(path + ("minutes_circulated",), f"minutes were circulated later than {spec.text} after {what}",
                      explain(exp, "minutes", what))
    elif ctx.as_of > exp.result:
        yield Hit(path, f"no circulation of the minutes is recorded, and {spec.text} have passed since {what}",
                  explain(exp, "minutes", what))


@rule(
    "CPP-T005", "agreement-returned",
    summary="The signed agreement comes back within the further limit after circulation.",
    level="warning", requirements=("T7",),
    sources=('jersey-plans §2: "The signed agreement should be returned to the social worker within another 5 working days"',),
    fix="Chase the signed agreement and record the date it came back (record.meetings[].agreement_returned).",
    passing="""
    profile: jersey
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, minutes_circulated: 2026-11-18, agreement_returned: 2026-11-20}
    """,
    failing="""
    profile: jersey
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, minutes_circulated: 2026-11-18, agreement_returned: 2026-12-04}
    """,
)
def agreement_returned(ctx) -> Iterator[Hit]:
    """Jersey: "The signed agreement should be returned to the social worker within another 5
    working days" (section 2). The procedure does not say whether these run from circulation or
    from the end of the circulation window; the profile's `timescales.agreement_returned.from`
    decides (circulation, the default, or meeting)."""
    spec = timescale(ctx.profile, "agreement_returned")
    if spec is None:
        return
    for i, m in meetings_of(ctx.plan, "core-group"):
        anchor = m.date if spec.get("from") == "meeting" else m.minutes_circulated
        if anchor is None:
            continue
        exp = deadline(ctx.calendar, anchor, spec)
        if exp is None:
            continue
        name = "the core group" if spec.get("from") == "meeting" else "circulation"
        if m.agreement_returned is not None and m.agreement_returned > exp.result:
            yield Hit(("record", "meetings", i, "agreement_returned"),
                      f"the signed agreement came back later than {spec.text} after {name}",
                      explain(exp, "signed agreement", name))
        elif m.agreement_returned is None and ctx.as_of > exp.result:
            yield Hit(("record", "meetings", i),
                      f"no signed agreement is recorded as returned, and {spec.text} have passed since {name}",
                      explain(exp, "signed agreement", name))


def _interval_findings(ctx, dates: list[tuple[tuple, dt.date]], spec: Timescale, what: str, first_anchor,
                       first_anchor_name: str) -> Iterator[Hit]:
    """Gaps between recorded events, and the gap from the last one to --as-of."""
    previous = first_anchor
    previous_name = first_anchor_name
    for path, when in dates:
        if previous is not None and when > previous:
            exp = deadline(ctx.calendar, previous, spec)
            if is_late(when, exp):
                yield Hit(path, f"the gap before this {what} is longer than {spec.text}",
                          explain(exp, what, previous_name))
        previous, previous_name = max(when, previous) if previous else when, f"the previous {what}"
    if previous is not None and previous <= ctx.as_of:
        exp = deadline(ctx.calendar, previous, spec)
        if exp is not None and ctx.as_of > exp.result:
            path = dates[-1][0][:-2] if dates else ()
            yield Hit(path or ("record",), f"a {what} is overdue: none is recorded in the {spec.text} "
                                           f"since the last one", explain(exp, f"next {what}", previous_name))


@rule(
    "CPP-T006", "core-group-interval",
    summary="Core groups meet at least as often as the profile requires.",
    level="error", requirements=("T3", "T4", "T27", "T29"),
    sources=('stoke-c06 §05: "The core group should meet on a monthly basis or more often if necessary"',
             'jersey-plans §4: "Thereafter, Core Groups must meet regularly, at least 4 weekly"',
             'nyscp-core-groups: "a minimum of once every six weeks"', "wales-conference"),
    fix="Hold core groups at least as often as the profile requires, and record each one.",
    passing="""
    meetings: {first_core_group: 2026-11-16, core_group_frequency: every 4 weeks}
    """,
    failing="""
    meetings: {first_core_group: 2026-11-16, core_group_frequency: every 3 months}
    """,
)
def core_group_interval(ctx) -> Iterator[Hit]:
    """Core groups keep the plan moving: monthly in Stoke-on-Trent, at least every 4 weeks in
    Jersey, at least every 6 weeks in North Yorkshire. The agreed frequency must not be longer,
    and the recorded meetings must not be further apart; as of the check date, a core group is
    overdue when the limit has passed since the last one."""
    plan, spec = ctx.plan, timescale(ctx.profile, "core_group_interval")
    if spec is None:
        return
    limit = spec.interval
    agreed = parse_interval(plan.meetings.core_group_frequency) if plan.meetings else None
    if agreed is not None and agreed.longest_days() > limit.longest_days():
        yield Hit(("meetings", "core_group_frequency"),
                  f"core groups are agreed less often than the profile requires (at least every {spec.text})")
    held = [(("record", "meetings", i, "date"), m.date) for i, m in meetings_of(plan, "core-group")
            if m.date <= ctx.as_of]
    if held:
        yield from _interval_findings(ctx, held, spec, "core group", None, "the last core group")


@rule(
    "CPP-T007", "visit-interval",
    summary="The child is seen at least as often as the profile requires, judged from the visit record.",
    level="error", requirements=("T8", "T9", "T38"),
    sources=('nyscp-plans standard 4: "The lead Social Worker will visit the child at least every two weeks"',
             'jersey-plans §3: "The social worker must see the child/young person or young person at home at least '
             'every 4 weeks"',
             'sbni-register: "Children/young people subject to a Child Protection Plan must be seen at least every four weeks"'),
    fix="Visit and see the child within the limit, and record each visit under record.visits.",
    passing="""
    profile: north-yorkshire
    record:
      visits:
        - {date: 2026-11-05, by: sw, child_seen: true, seen_alone: true}
        - {date: 2026-11-13, by: sw, child_seen: true, seen_alone: true}
    """,
    failing="""
    profile: north-yorkshire
    record:
      visits:
        - {date: 2026-11-03, by: sw, child_seen: true, seen_alone: true}
        - {date: 2026-11-10, by: teacher, child_seen: true, seen_alone: true}
        - {date: 2026-11-20, by: sw, child_seen: true, seen_alone: true}
    """,
)
def visit_interval(ctx) -> Iterator[Hit]:
    """Procedures set how often the lead social worker must see the child: "The lead Social Worker
    will visit the child at least every two weeks" (North Yorkshire, standard 4); "The social worker
    must see the child/young person ... at home at least every 4 weeks" (Jersey, section 3).

    Only the lead social worker's own visits count (`record.visits[].by` is their core group id):
    a teacher who sees the child every day does not meet the social worker's minimum. Only visits
    where the child was seen count, and where the profile's `timescales.visit_interval.at_home` is
    true, only visits recorded as at home (`at_home: true`; a blank is not a home visit). The gap is
    measured in calendar time: a visit exactly 2 weeks after the last is in time even on a bank
    holiday. The whole record is judged, from the plan's start: a gap before the current conference
    is reported on the visit that ended it."""
    plan, spec = ctx.plan, timescale(ctx.profile, "visit_interval")
    if spec is None or plan.record is None:
        return
    at_home = bool(spec.get("at_home"))
    seen = [(("record", "visits", i, "date"), v.date) for i, v in lead_visits(plan, ctx.as_of, at_home=at_home)]
    lead = term(ctx, "lead", "lead social worker")
    what = f"{'home ' if at_home else ''}visit by the {lead} seeing the child"
    start = plan_start(plan) or (plan.conference.date if not seen else None)
    yield from _interval_findings(ctx, seen, spec, what, start, "the plan starting" if start else "")


@rule(
    "CPP-T008", "seen-alone-timescale",
    summary="The lead social worker sees the child alone within the profile's limit of the plan starting.",
    level="error", requirements=("T10",),
    sources=('stoke-c06 §03: "To see the child/young person alone within 28 working days as appropriate"',),
    fix="See the child alone and record it (record.visits[].seen_alone: true), or record why it is not appropriate.",
    passing="""
    profile: stoke-on-trent
    conference: {plan_start: 2026-09-01}
    record:
      visits:
        - {date: 2026-09-10, by: sw, child_seen: true, seen_alone: true}
    """,
    failing="""
    profile: stoke-on-trent
    conference: {plan_start: 2026-09-01}
    record:
      visits:
        - {date: 2026-09-10, by: sw, child_seen: true, seen_alone: false}
        - {date: 2026-09-17, by: teacher, child_seen: true, seen_alone: true}
    """,
)
def seen_alone(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: the lead worker must take responsibility "To see the child/young person alone
    within 28 working days as appropriate" (C06 §03). Only the lead social worker's own visits count
    (`record.visits[].by`), counted from the plan's start: `conference.plan_start` (which `cpptool new`
    writes for a review conference), this initial conference, or the initial conference in the
    record. Where none is known the rule says so rather than passing silently. "As appropriate": a
    plan that records why seeing the child alone is not appropriate (visits.see_child_alone: false
    with seen_alone_arrangements) is exempt."""
    plan, spec = ctx.plan, timescale(ctx.profile, "see_child_alone")
    if spec is None:
        return
    v = plan.visits
    if v is not None and v.see_child_alone is False and v.seen_alone_arrangements:
        return
    start = plan_start(plan)
    if start is None:
        yield _start_unknown(f"whether the child was seen alone within {spec.text} of the plan starting")
        return
    exp = deadline(ctx.calendar, start, spec)
    if exp is None or ctx.as_of <= exp.result:
        return
    if not any(x.seen_alone and start <= x.date <= exp.result for _, x in lead_visits(plan)):
        lead = term(ctx, "lead", "lead social worker")
        yield Hit(("record", "visits"),
                  f"no visit by the {lead} records the child seen alone within {spec.text} of the plan starting",
                  explain(exp, "child seen alone", "the plan starting"))


def _start_unknown(what: str) -> Hit:
    return Hit(("conference", "plan_start"),
               f"conference.plan_start is not set and no initial conference is recorded, so {what} cannot "
               "be checked; record the date the plan began (the initial conference)")


@rule(
    "CPP-T009", "ending-too-early",
    summary="Ending the plan is not considered before the profile's minimum time, except in the listed cases.",
    level="warning", requirements=("T11", "T41"),
    sources=('stoke-c06 §07: "The decision to cease a Child Protection Plan should not be considered for at least six '
             'months after the decision to create a Child Protection Plan"',
             'wales-deregistration: "deregistration at the first review conference, would usually only occur if the '
             'child\'s circumstances have changed to such an extent that a care and support protection plan is no '
             'longer required"'),
    fix="Keep the plan until the minimum time has passed, or record the exception (ending.exception).",
    passing="""
    profile: stoke-on-trent
    conference: {type: review, plan_start: 2026-03-02}
    ending: {proposed: 2026-11-02, reason: Riley has been safe at home for six months.}
    """,
    failing="""
    profile: stoke-on-trent
    conference: {type: review, plan_start: 2026-08-03}
    ending: {proposed: 2026-11-02, reason: Riley has been safe at home.}
    """,
)
def ending_too_early(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "The decision to cease a Child Protection Plan should not be considered for at
    least six months after the decision to create a Child Protection Plan, unless there are
    exceptional circumstances for doing so" (C06 §07), for example the child has died or moved
    away. An exception of `other` or `interim-care-order` must say what the circumstances are
    (`ending.reason`): Stoke accepts an interim care order only where the child is not living with
    the family and has no unsupervised contact with the alleged abuser.

    Wales: "deregistration at the first review conference, would usually only occur if the child's
    circumstances have changed to such an extent that a care and support protection plan is no
    longer required. Clear reasons for the decision ... should be given and recorded" (Wales
    Safeguarding Procedures, de-registration). An ending proposed at the first review conference
    must record its reasons."""
    if ctx.plan.ending is None:
        return
    yield from _ending_before_floor(ctx)
    if ctx.profile.applies("T41", ctx.plan.stage):
        yield from _ending_at_first_review(ctx)


def _ending_before_floor(ctx) -> Iterator[Hit]:
    plan, spec = ctx.plan, timescale(ctx.profile, "cease_not_before")
    if spec is None:
        return
    ending = plan.ending
    if ending.exception in ("other", "interim-care-order") and blank(ending.reason):
        yield Hit(("ending", "reason"), "ending.exception is recorded but ending.reason is empty; say what the "
                                        "exceptional circumstances are")
        return
    if ending.exception or recorded_exception(plan):  # format 2 shows it: died, moved, or CPP-L009's order
        return
    start = plan_start(plan)
    if start is None:
        yield _start_unknown(f"whether ending the plan is proposed less than {spec.text} after it started")
        return
    exp = deadline(ctx.calendar, start, spec)
    if exp is not None and ending.proposed < exp.result:
        yield Hit(("ending", "proposed"),
                  f"ending the plan is proposed less than {spec.text} after it started, with no exception recorded",
                  explain(exp, "earliest ending", "the plan starting"))


def _ending_at_first_review(ctx) -> Iterator[Hit]:
    plan = ctx.plan
    conf = plan.conference
    if conf.type != "review" or any(m.date < conf.date for _, m in meetings_of(plan, "review-conference")):
        return
    if blank(plan.ending.reason):
        review = term(ctx, "review_conference", "review conference")
        yield Hit(("ending", "reason"),
                  f"ending the plan is proposed at the first {review} but ending.reason is empty; record how the "
                  "child's circumstances have changed so that a plan is no longer needed")


@rule(
    "CPP-T010", "risk-assessment-after-year",
    summary="A systematic risk assessment is completed once the child has been on the plan for a year.",
    level="error", requirements=("T15",),
    sources=('jersey-plans §5: "A risk assessment must be completed in the following circumstances: Prior to '
             'de-registration; When a case has been on the Child Protection Register for a year"',),
    fix="Complete the risk assessment and record it in assessments with risk_assessment: true and status: done.",
    passing="""
    profile: jersey
    conference: {type: review, plan_start: 2025-09-01}
    assessments:
      - {what: Systematic risk assessment, by: sw, due: 2026-09-01, risk_assessment: true, status: done, completed: 2026-09-03}
    """,
    failing="""
    profile: jersey
    conference: {type: review, plan_start: 2025-09-01}
    assessments:
      - {what: Child and family assessment update, by: sw, due: 2026-12-18}
    """,
)
def risk_assessment(ctx) -> Iterator[Hit]:
    """Jersey: "A risk assessment must be completed in the following circumstances: Prior to
    de-registration; When a case has been on the Child Protection Register for a year" (section 5).

    Once the plan has run for the profile's `timescales.risk_assessment` (12 months), a risk
    assessment (`risk_assessment: true`, `status: done`) must be recorded as completed on or after
    that point: one completed in the plan's second week does not answer "after a year". An ending
    proposed with no completed risk assessment before it is reported too. The plan's start is
    `conference.plan_start`, this initial conference or the initial conference in the record;
    where none is known the rule says so rather than passing silently."""
    plan, spec = ctx.plan, timescale(ctx.profile, "risk_assessment")
    if spec is None:
        return
    done = [a for a in plan.assessments if a.is_risk and a.is_done]
    if plan.ending is not None and not any(a.completed is None or a.completed <= plan.ending.proposed for a in done):
        yield Hit(("ending", "proposed"), "ending the plan is proposed but no completed risk assessment is recorded "
                                          "before it; complete one before the plan ends")
    start = plan_start(plan)
    if start is None:
        yield _start_unknown(f"whether a risk assessment was completed once the plan had run for {spec.text}")
        return
    exp = deadline(ctx.calendar, start, spec)
    if exp is None or ctx.as_of <= exp.result:
        return
    if not any(a.completed is not None and a.completed >= exp.result for a in done):
        yield Hit(("assessments",), f"the plan has run for more than {spec.text} and no risk assessment completed "
                                    f"after {spec.text} on the plan is recorded (with its completed date)",
                  explain(exp, "risk assessment", "the plan starting"))


@rule(
    "CPP-T011", "review-before-eighteenth-birthday",
    summary="When the child turns 18 soon, a review conference is planned before the birthday.",
    level="warning", requirements=("T16",),
    sources=('nyscp-plans standard 11: "the local authority should have a review around the child\'s birthday and '
             'this should be planned in advance"', "west-midlands-ending"),
    fix="Plan a review conference before the 18th birthday to end the plan properly.",
    passing="""
    child: {date_of_birth: 2009-03-10}
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-01-26}
    """,
    failing="""
    child: {date_of_birth: 2008-12-20}
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-01-26}
    """,
)
def review_before_eighteen(ctx) -> Iterator[Hit]:
    """A plan ends at 18: "the local authority should have a review around the child's birthday and
    this should be planned in advance" (North Yorkshire standard 11). No procedure says how far
    ahead: the profile's `timescales.eighteenth_review` sets the look-ahead (3 months in the
    english profiles, cpptool's own figure)."""
    plan, spec = ctx.plan, timescale(ctx.profile, "eighteenth_review")
    birthday = eighteenth_birthday(plan)
    if spec is None or birthday is None or birthday <= ctx.as_of:
        return
    exp = deadline(ctx.calendar, ctx.as_of, spec)
    if exp is None or birthday > exp.result:
        return
    path, review = next_review(plan)
    if review is None or review > birthday:
        yield Hit(path, f"the child turns 18 within {spec.text} and no review conference is planned "
                        "before the birthday", f"18th birthday on {day_text(birthday)}")


@rule(
    "CPP-T012", "conference-after-strategy-discussion",
    summary="The initial conference is held within the profile's limit of the strategy discussion.",
    level="warning", requirements=("T22", "T31"),
    sources=("frg-conferences", "nyscp-conferences", "scotland-2023"),
    fix="Record the reason for the delay in the conference record; the limit runs from the strategy discussion that started the enquiries.",
    passing="""
    conference: {strategy_discussion: 2026-10-14}
    """,
    failing="""
    conference: {strategy_discussion: 2026-09-14}
    """,
)
def conference_after_strategy(ctx) -> Iterator[Hit]:
    """An initial conference is held within 15 working days of the strategy discussion at which
    enquiries were started (England; 28 calendar days in Scotland). After an initial conference the
    plan's own dates are compared (conference.strategy_discussion); at a later stage, the strategy
    discussion in the record (or, failing that, conference.strategy_discussion) and the initial
    conference in the record are, and a late one is reported on the record's initial conference."""
    c = ctx.plan.conference
    if c.type == "initial":
        yield from _conference_in_time(ctx, "icpc_after_strategy", c.strategy_discussion, "initial conference",
                                       "the strategy discussion")
        return
    spec, start = timescale(ctx.profile, "icpc_after_strategy"), initial_conference(ctx.plan)
    strategy = [m.date for _, m in meetings_of(ctx.plan, "strategy-discussion") if start and m.date <= start.date]
    if not strategy and c.strategy_discussion and start and c.strategy_discussion <= start.date:
        strategy = [c.strategy_discussion]  # the plan's own record of it, kept from the initial conference
    if spec is None or start is None or not strategy:
        return
    exp = deadline(ctx.calendar, strategy[-1], spec)
    if is_late(start.date, exp):
        yield Hit(start.path, f"the initial conference was held later than {spec.text} after the strategy discussion",
                  explain(exp, "initial conference", "the strategy discussion"))


@rule(
    "CPP-T013", "transfer-in-timescale",
    summary="A transfer-in conference is held within the profile's limit of the move being notified.",
    level="warning", requirements=("T1", "T35"),
    sources=('nyscp-plans standard 11: "the receiving local authority should convene a child protection conference '
             'within 15 working days of being notified of the move"',
             'stoke-c06 §07: "the receiving local authority should convene a Transfer Child Protection Conference within '
             '15 working days of being notified of the move"', "scotland-local"),
    fix="Hold the transfer-in conference within the limit, and record when the move was notified (conference.move_notified).",
    passing="""
    conference: {type: transfer-in, move_notified: 2026-10-20}
    """,
    failing="""
    conference: {type: transfer-in, move_notified: 2026-09-21}
    """,
)
def transfer_in(ctx) -> Iterator[Hit]:
    """When a child on a plan moves permanently, the receiving area holds a transfer-in conference
    within 15 working days of being told (21 in some Scottish areas)."""
    c = ctx.plan.conference
    if c.type == "transfer-in":
        yield from _conference_in_time(ctx, "transfer_in", c.move_notified, "transfer-in conference",
                                       "the move was notified")


def _conference_in_time(ctx, name: str, anchor, what: str, anchor_name: str) -> Iterator[Hit]:
    """The conference itself is late when held after `anchor` plus the profile's timescale."""
    spec = timescale(ctx.profile, name)
    if spec is None or anchor is None:
        return
    exp = deadline(ctx.calendar, anchor, spec)
    if is_late(ctx.plan.conference.date, exp):
        yield Hit(("conference", "date"), f"the {what} was held later than {spec.text} after {anchor_name}",
                  explain(exp, what, anchor_name))


@rule(
    "CPP-T014", "assessment-timescale",
    summary="Assessments are due within the profile's assessment timescale.",
    level="warning", requirements=("T19", "T29"),
    sources=('implementation-2008 §3.i: "Completion of the core assessment, within 35 working days"',
             "wales-conference"),
    fix="Set the assessment's due date within the timescale, or agree a new one and record why.",
    passing="""
    profile: wales
    conference: {strategy_discussion: 2026-10-14}
    assessments:
      - {what: Assessment of care and support needs, by: sw, due: 2026-12-10}
      - {what: Psychological assessment of Riley, by: hv, due: 2027-03-01, specialist: true}
    """,
    failing="""
    profile: wales
    conference: {strategy_discussion: 2026-10-14}
    assessments:
      - {what: Assessment of care and support needs, by: sw, due: 2027-03-01}
    """,
)
def assessment_timescale(ctx) -> Iterator[Hit]:
    """An assessment is completed within the profile's `timescales.assessment`, counted from what the
    procedure counts it from (`from`), for the assessments it names (`only`, a phrase in `what`):

    * "Completion of the core assessment, within 35 working days" (the 2008 procedure, §3.i)
      applies to the core assessment alone (`only: core assessment`), counted from its own start
      (`from: assessment-start`, plan format 2's `assessments[].started`; a format 1 plan has no
      start date, so it is not checked there). It is outdated in England
      (a single assessment within 45 working days of referral since 2013).
    * Wales: the assessment is completed within 42 working days of the start of the enquiries
      (`from: strategy-discussion`, the strategy discussion that started them), for an initial
      conference's non-specialist assessments.

    An assessment with no due date of its own is reported once the limit has passed and it is not
    done. Specialist assessments and those already done are never judged against these figures."""
    plan, spec = ctx.plan, timescale(ctx.profile, "assessment")
    if spec is None:
        return
    only = spec.get("only")
    for i, a in enumerate(plan.assessments):
        if a.is_done or a.specialist or (only and contains_phrase(a.what, [str(only)]) is None):
            continue
        anchor, name = _assessment_start(plan, a, spec.get("from", "conference"))
        exp = deadline(ctx.calendar, anchor, spec) if anchor else None
        note = f" ({spec.get('outdated')})" if spec.get("outdated") else ""
        if is_late(a.due, exp):
            yield Hit(("assessments", i, "due"), f"the assessment is due later than {spec.text} after {name}{note}",
                      explain(exp, "assessment", name))
        elif a.due is None and exp is not None and ctx.as_of > exp.result:
            yield Hit(("assessments", i), f"the assessment is not recorded as done, and {spec.text} have passed "
                                          f"since {name}{note}", explain(exp, "assessment", name))


def _assessment_start(plan, assessment, counted_from: str) -> tuple[dt.date | None, str]:
    if counted_from == "assessment-start":  # a format 2 field; plans in format 1 have none
        return getattr(assessment, "started", None), "the assessment started"
    if counted_from == "strategy-discussion":
        if plan.conference.type != "initial":
            return None, ""
        return plan.conference.strategy_discussion, "the strategy discussion"
    return plan.conference.date, "the conference"


# ----------------------------------------------------------------------------------------------
# As-of compliance: what is overdue today (or on --as-of)


@rule(
    "CPP-T020", "overdue-action",
    summary="An open action is past its due date.",
    level="warning",
    sources=('childrens-commissioner-plans: actions without timeframes made progress impossible to judge',
             'nyscp-plans standard 7: "Specify timescales for each action"'),
    fix="Complete the action and record it, or agree a new date at the core group.",
    passing="""
    actions:
      - {id: a1, what: Arrange a childcare rota for night shifts., owner: mum, due: 2026-12-20, success_measure: A written rota., outcome: o1, concerns: [c1]}
    """,
    failing="""
    actions:
      - {id: a1, what: Arrange a childcare rota for night shifts., owner: mum, due: 2026-11-10, success_measure: A written rota., outcome: o1, concerns: [c1]}
    """,
)
def overdue_action(ctx) -> Iterator[Hit]:
    """Checked before every core group: an action not marked done or cancelled whose due date
    has passed (as of --as-of, default today) is reported so the core group can act on it."""
    done = completed_actions(ctx.plan)
    for i, a in enumerate(ctx.plan.actions):
        if a.status in OPEN_STATUSES and a.id not in done and isinstance(a.due, dt.date) and a.due < ctx.as_of:
            yield Hit(("actions", i, "due"), f"actions[{i}] is overdue", f"action {a.id} was due {day_text(a.due)}")


@rule(
    "CPP-T021", "overdue-review-conference",
    summary="The planned review conference date has passed and no review conference is recorded since.",
    level="error", requirements=("T12", "T13", "T21", "T29", "T33", "T37"),
    sources=('jersey-plans review conferences: "there must be no more than 6 months between Review Conferences"',
             "working-together", "nyscp-conferences"),
    fix="Hold the review conference and record it, or update the plan after it.",
    passing="""
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-01-26}
    """,
    failing="""
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2026-11-20}
    """,
)
def overdue_review(ctx) -> Iterator[Hit]:
    """A review conference that should already have happened, with none recorded since its
    date, means the plan is running unreviewed."""
    plan = ctx.plan
    path, review = next_review(plan)
    if review is None or review >= ctx.as_of:
        return
    held = [m for _, m in meetings_of(plan, "review-conference") if m.date >= review]
    if not held:
        yield Hit(path, "the review conference date has passed and no review conference is recorded since",
                  f"review conference was due on {day_text(review)}")


@rule(
    "CPP-T015", "outcome-date-passed",
    summary="An outcome whose date has passed is met, or is given a new date.",
    level="warning", requirements=("O22", "D6"),
    sources=('sheffield-plans: "a clear sense of how much improvement is needed, by when, so that success can be judged"',
             'implementation-2008 §3.iii: "identification of timescales for the aims and objectives to be achieved"',
             "ofsted-north-somerset"),
    fix="At the core group or review, record whether the goal was met (its actions done and recorded); if it "
        "was not, agree a new date and say what will be different.",
    passing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., measure: Visits and Riley's words show it for 3 months., by: 2027-02-01, term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: long}
    """,
    failing="""
    outcomes:
      - {id: o1, goal: Riley will always have a safe adult at home at night., measure: Visits and Riley's words show it for 3 months., by: 2026-11-10, term: short}
      - {id: o2, goal: Riley will go to school every day., measure: Attendance is 95% or more., by: 2027-04-30, term: long}
    """,
)
def outcome_date_passed(ctx) -> Iterator[Hit]:
    """A plan says "how much improvement is needed, by when, so that success can be judged"
    (Sheffield procedures; the 2008 procedure asks for "timescales for the aims and objectives to
    be achieved"). When that date has passed, the goal is either met or re-set: otherwise the plan
    drifts, which inspectors keep finding. An outcome counts as met when every action working
    towards it (`actions[].outcome`) is done or recorded as completed; the plan format has no
    'met' field for an outcome yet (format 2), so otherwise agree a new `by` date."""
    done = completed_actions(ctx.plan)
    for i, o in enumerate(ctx.plan.outcomes):
        if not isinstance(o.by, dt.date) or o.by >= ctx.as_of:
            continue
        towards = [a for a in ctx.plan.actions if a.outcome == o.id]
        if towards and all(a.status == "done" or a.id in done for a in towards):
            continue
        yield Hit(("outcomes", i, "by"), f"the date of outcomes[{i}] has passed and its actions are not all done; "
                                         "record that the goal was met, or agree a new date",
                  f"outcome {o.id} was due by {day_text(o.by)}")


@rule(
    "CPP-T016", "assessment-not-started",
    summary="An assessment still only planned after its due date is reported.",
    level="warning", requirements=("O8", "D20"),
    sources=('nyscp-plans standard 5: "Outline what further action is required to complete assessment"',
             'jersey-plans §2: "Time scales for the completion of an Assessment"'),
    fix="Start the assessment and record its status (in-progress, or done with the date completed), or agree a "
        "new due date at the core group and record why.",
    passing="""
    assessments:
      - {what: Child and family assessment update., by: sw, due: 2026-12-18}
    """,
    failing="""
    assessments:
      - {what: Child and family assessment update., by: sw, due: 2026-11-06}
    """,
)
def assessment_not_started(ctx) -> Iterator[Hit]:
    """The outline plan sets the further assessment needed and "Time scales for the completion of an
    Assessment" (Jersey section 2; North Yorkshire standard 5). An assessment whose due date has
    passed while its status is still `planned` has not even started: found at the core group or the
    review, it is reported so that it is started or given a new date."""
    for i, a in enumerate(ctx.plan.assessments):
        if a.status == "planned" and not a.is_done and a.due is not None and a.due < ctx.as_of:
            yield Hit(("assessments", i, "status"), f"assessments[{i}] is still planned although its due date has "
                                                    "passed", f"assessment was due {day_text(a.due)}")


# ----------------------------------------------------------------------------------------------
# Plausible dates: what has happened cannot be later than today (or --as-of)


@rule(
    "CPP-T022", "date-of-birth-in-future",
    summary="The child's date of birth is not in the future, unless the plan is a pre-birth plan.",
    level="error",
    sources=("the cpptool plan format: child.date_of_birth is a birth that has happened",),
    fix="Correct child.date_of_birth (check day and month are not swapped); for an unborn child leave it "
        "empty, set conference.pre_birth: true and give child.expected_birth_date.",
    passing="""
    child: {date_of_birth: 2018-05-14}
    """,
    failing="""
    child: {date_of_birth: 2027-05-14}
    """,
)
def date_of_birth_in_future(ctx) -> Iterator[Hit]:
    """A date of birth after today (or --as-of) is almost always a typing mistake, such as the
    day and month swapped or the wrong year; every age, and so who signs the agreement and when
    the plan must be reviewed before the 18th birthday, would be wrong. An unborn child's plan
    records the expected date instead (`child.expected_birth_date`, with `conference.pre_birth`)."""
    born = ctx.plan.child.date_of_birth
    if born is not None and born > ctx.as_of and not ctx.plan.conference.pre_birth:
        yield Hit(("child", "date_of_birth"), "child.date_of_birth is in the future",
                  f"date of birth {day_text(born)} is after {day_text(ctx.as_of)}")


def _recorded(plan) -> Iterator[tuple[tuple, dt.date, str]]:
    """Every date the plan records as having happened: meetings held, visits made, signatures."""
    record = plan.record
    if record is not None:
        for i, m in enumerate(record.meetings):
            yield ("record", "meetings", i, "date"), m.date, "a meeting recorded as held"
        for i, v in enumerate(record.visits):
            yield ("record", "visits", i, "date"), v.date, "a visit recorded as made"
    if plan.agreement is not None:
        for i, s in enumerate(plan.agreement.signatures):
            if s.date is not None:
                yield ("agreement", "signatures", i, "date"), s.date, "a signature recorded"


@rule(
    "CPP-T023", "recorded-in-future",
    summary="Meetings, visits and signatures are not recorded as held on a date still to come.",
    level="error",
    sources=("the cpptool plan format: record and agreement.signatures hold what has happened",),
    fix="Correct the date, or remove the entry until the meeting, visit or signature has happened; "
        "planned dates belong under meetings.",
    passing="""
    record:
      meetings:
        - {type: core-group, date: 2026-11-16}
    """,
    failing="""
    record:
      meetings:
        - {type: core-group, date: 2026-12-16}
    """,
)
def recorded_in_future(ctx) -> Iterator[Hit]:
    """The record and the signatures say what has happened. An entry dated after today (or
    --as-of) is a planned date written in the wrong place, or a typing mistake; either way the
    timescale rules would count a meeting or visit that has not happened yet, and the plan would
    look on time when it is not."""
    for path, day, what in _recorded(ctx.plan):
        if day > ctx.as_of:
            yield Hit(path, f"{path[0]}.{path[1]}[{path[2]}] is {what} on a date still to come",
                      f"{day_text(day)} is after {day_text(ctx.as_of)}")
