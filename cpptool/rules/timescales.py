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
    OPEN_STATUSES, completed_actions, day_text, deadline, eighteenth_birthday, explain, is_late, meetings_of,
    Timescale, next_review, parse_interval, plan_start, timescale,
)
from cpptool.core.registry import Hit, rule

# ----------------------------------------------------------------------------------------------
# Conference and core group timescales


@rule(
    "CPP-T001", "first-core-group-timescale",
    summary="The first core group meets within the profile's limit after the initial conference.",
    level="error", requirements=("T2", "T27", "T29", "T30"),
    sources=("S001 §05", "S004 §4", "NY-CG", "WAL-13", "SCO-D"),
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
    within a fixed number of working days of the initial conference (10 in England, Wales and
    Jersey; 15 in Scotland). Both the planned date and, once held, the actual meeting are checked."""
    plan, spec = ctx.plan, timescale(ctx.profile, "first_core_group")
    if spec is None or plan.conference.type != "initial":
        return
    exp = deadline(ctx.calendar, plan.conference.date, spec)
    if exp is None:
        return
    what = "first core group"
    planned = plan.meetings.first_core_group if plan.meetings else None
    if is_late(planned, exp):
        yield Hit(("meetings", "first_core_group"),
                  f"the first core group is planned later than {spec.text} after the initial conference",
                  explain(exp, what, "the initial conference"))
    held = [(i, m) for i, m in meetings_of(plan, "core-group") if m.date >= plan.conference.date]
    if held and is_late(held[0][1].date, exp):
        i = held[0][0]
        yield Hit(("record", "meetings", i, "date"),
                  f"the first core group was held later than {spec.text} after the initial conference",
                  explain(exp, what, "the initial conference"))


@rule(
    "CPP-T002", "first-review-timescale",
    summary="The first review conference is planned within the profile's limit of the plan starting.",
    level="error", requirements=("T12", "T21", "T33", "T37"),
    sources=("S004 (review conferences)", "NY-CONF", "SCO-LOC", "NI-REG"),
    fix="Set the first review conference within the limit (3 months in most of the UK, 6 in Scotland).",
    passing="""
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-01-26}
    """,
    failing="""
    meetings: {first_core_group: 2026-11-16, first_review_conference: 2027-03-15}
    """,
)
def first_review(ctx) -> Iterator[Hit]:
    """A plan is first reviewed at a conference within 3 months of the initial conference
    (6 months in Scotland since 2021), so that drift is caught early."""
    plan, spec = ctx.plan, timescale(ctx.profile, "first_review")
    start = plan_start(plan)
    if spec is None or start is None or plan.conference.type != "initial" or not plan.meetings:
        return
    planned = plan.meetings.first_review_conference
    exp = deadline(ctx.calendar, start, spec)
    if is_late(planned, exp):
        yield Hit(("meetings", "first_review_conference"),
                  f"the first review conference is planned later than {spec.text} after the plan started",
                  explain(exp, "first review conference", "the initial conference"))


@rule(
    "CPP-T003", "review-interval",
    summary="After a review conference, the next one is within the profile's limit (6 months).",
    level="error", requirements=("T13", "T21", "T33", "T37"),
    sources=("S004 (review conferences)", "NY-CONF", "NI-REG"),
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
    """There must be no more than 6 months between review conferences; the next review is
    measured from the date this review conference was held."""
    plan, spec = ctx.plan, timescale(ctx.profile, "review_interval")
    if spec is None or plan.conference.type != "review" or not plan.meetings:
        return
    exp = deadline(ctx.calendar, plan.conference.date, spec)
    if is_late(plan.meetings.next_review_conference, exp):
        yield Hit(("meetings", "next_review_conference"),
                  f"the next review conference is planned later than {spec.text} after this review",
                  explain(exp, "next review conference", "this review conference"))


@rule(
    "CPP-T004", "minutes-circulated",
    summary="Core group minutes and the written agreement are circulated within the profile's limit.",
    level="error", requirements=("T5", "T6"),
    sources=("S001 §05", "S004 §2"),
    fix="Circulate the minutes and agreement, and record the date under record.meetings[].minutes_circulated.",
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
    """Members need the notes and the agreement quickly to act on them: within 3 working days in
    Stoke-on-Trent, 5 in Jersey. A meeting whose minutes are late, or still missing once the
    deadline has passed, is reported."""
    spec = timescale(ctx.profile, "minutes_circulated")
    if spec is None:
        return
    for i, m in meetings_of(ctx.plan, "core-group"):
        exp = deadline(ctx.calendar, m.date, spec)
        if exp is None:
            continue
        path = ("record", "meetings", i)
        if m.minutes_circulated is not None:
            if m.minutes_circulated > exp.result:
                yield Hit(path + ("minutes_circulated",),
                          f"minutes were circulated later than {spec.text} after the core group",
                          explain(exp, "minutes", "the core group"))
        elif ctx.as_of > exp.result:
            yield Hit(path, f"no circulation of the minutes is recorded, and {spec.text} have passed "
                            "since the core group", explain(exp, "minutes", "the core group"))


@rule(
    "CPP-T005", "agreement-returned",
    summary="The signed agreement comes back within the further limit after circulation.",
    level="warning", requirements=("T7",),
    sources=("S004 §2",),
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
    """Jersey expects the signed agreement back within a further 5 working days. The source does
    not say whether these run from circulation or from the end of the circulation window
    (domain.md §6 Q9); the profile's `timescales.agreement_returned.from` decides
    (circulation, the default, or meeting)."""
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
    level="error", requirements=("T3", "T4", "T29"),
    sources=("S001 §05", "S004 §4", "NY-CG", "WAL-13"),
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
    sources=("S000 §4", "S004 §3", "NI-REG"),
    fix="Visit and see the child within the limit, and record each visit under record.visits.",
    passing="""
    profile: north-yorkshire
    record:
      visits:
        - {date: 2026-11-05, child_seen: true, seen_alone: true}
        - {date: 2026-11-13, child_seen: true, seen_alone: true}
    """,
    failing="""
    profile: north-yorkshire
    record:
      visits:
        - {date: 2026-11-03, child_seen: true, seen_alone: true}
        - {date: 2026-11-20, child_seen: true, seen_alone: true}
    """,
)
def visit_interval(ctx) -> Iterator[Hit]:
    """Procedures set how often the lead social worker must see the child: every 2 weeks in North
    Yorkshire, every 4 weeks at home in Jersey and Northern Ireland. Only visits where the child
    was seen count (domain.md §6 Q5); where the profile's `timescales.visit_interval.at_home` is
    true, only visits at home count. The first gap runs from the conference."""
    plan, spec = ctx.plan, timescale(ctx.profile, "visit_interval")
    if spec is None or plan.record is None:
        return
    at_home = bool(spec.get("at_home"))
    seen = sorted(((("record", "visits", i, "date"), v.date) for i, v in enumerate(plan.record.visits)
                   if v.child_seen and v.date <= ctx.as_of and (not at_home or v.at_home is not False)),
                  key=lambda pv: pv[1])
    yield from _interval_findings(ctx, seen, spec, "visit seeing the child", plan.conference.date,
                                  "the conference")


@rule(
    "CPP-T008", "seen-alone-timescale",
    summary="The lead social worker sees the child alone within the profile's limit of the plan starting.",
    level="error", requirements=("T10",),
    sources=("S001 §03",),
    fix="See the child alone and record it (record.visits[].seen_alone: true), or record why it is not appropriate.",
    passing="""
    profile: stoke-on-trent
    conference: {plan_start: 2026-09-01}
    record:
      visits:
        - {date: 2026-09-10, child_seen: true, seen_alone: true}
    """,
    failing="""
    profile: stoke-on-trent
    conference: {plan_start: 2026-09-01}
    record:
      visits:
        - {date: 2026-09-10, child_seen: true, seen_alone: false}
    """,
)
def seen_alone(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent requires the lead worker to see the child alone within 28 working days
    (S001 §03), "as appropriate": a plan that records why seeing the child alone is not
    appropriate (visits.see_child_alone: false with seen_alone_arrangements) is exempt."""
    plan, spec = ctx.plan, timescale(ctx.profile, "see_child_alone")
    start = plan_start(plan)
    if spec is None or start is None:
        return
    v = plan.visits
    if v is not None and v.see_child_alone is False and v.seen_alone_arrangements:
        return
    exp = deadline(ctx.calendar, start, spec)
    if exp is None or ctx.as_of <= exp.result:
        return
    visits = plan.record.visits if plan.record else []
    if not any(x.seen_alone and x.date <= exp.result for x in visits):
        yield Hit(("record", "visits"),
                  f"no visit records the child seen alone within {spec.text} of the plan starting",
                  explain(exp, "child seen alone", "the plan starting"))


@rule(
    "CPP-T009", "ending-too-early",
    summary="Ending the plan is not considered before the profile's minimum time, except in the listed cases.",
    level="warning", requirements=("T11",),
    sources=("S001 §07",),
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
    """Stoke-on-Trent: ceasing a plan is not considered until 6 months after it was made, except
    where the child has died, moved away, or is on an interim care order and not living with the
    family (S001 §07)."""
    plan, spec = ctx.plan, timescale(ctx.profile, "cease_not_before")
    start = plan_start(plan)
    if spec is None or start is None or plan.ending is None or plan.ending.exception:
        return
    exp = deadline(ctx.calendar, start, spec)
    if exp is not None and plan.ending.proposed < exp.result:
        yield Hit(("ending", "proposed"),
                  f"ending the plan is proposed less than {spec.text} after it started, with no exception recorded",
                  explain(exp, "earliest ending", "the plan starting"))


@rule(
    "CPP-T010", "risk-assessment-after-year",
    summary="A systematic risk assessment is completed once the child has been on the plan for a year.",
    level="error", requirements=("T15",),
    sources=("S004 §5",),
    fix="Complete the risk assessment and record it in assessments with risk_assessment: true and status: done.",
    passing="""
    profile: jersey
    conference: {type: review, plan_start: 2025-09-01}
    assessments:
      - {what: Systematic risk assessment, by: sw, due: 2026-09-01, risk_assessment: true, status: done, completed: 2026-08-28}
    """,
    failing="""
    profile: jersey
    conference: {type: review, plan_start: 2025-09-01}
    assessments:
      - {what: Child and family assessment update, by: sw, due: 2026-12-18}
    """,
)
def risk_assessment(ctx) -> Iterator[Hit]:
    """Jersey requires a systematic risk assessment after a child has been registered for a year
    (S004 §5), and before de-registration."""
    plan, spec = ctx.plan, timescale(ctx.profile, "risk_assessment")
    start = plan_start(plan)
    if spec is None or start is None:
        return
    exp = deadline(ctx.calendar, start, spec)
    if exp is None or ctx.as_of <= exp.result:
        return
    if not any(a.risk_assessment and a.status == "done" for a in plan.assessments):
        yield Hit(("assessments",), f"the plan has run for more than {spec.text} and no completed "
                                    "risk assessment is recorded", explain(exp, "risk assessment", "the plan starting"))


@rule(
    "CPP-T011", "review-before-eighteenth-birthday",
    summary="When the child turns 18 soon, a review conference is planned before the birthday.",
    level="warning", requirements=("T16",),
    sources=("S000 §11", "ENG-WM"),
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
    """A plan ends at 18; the review that ends it should be held around the birthday and planned
    in advance (S000 §11). No source says how far ahead: the profile's
    `timescales.eighteenth_review` sets the look-ahead (3 months by default)."""
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
    sources=("ENG-ICPC", "NY-CONF", "SCO-D"),
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
    enquiries were started (England; 28 calendar days in Scotland)."""
    c = ctx.plan.conference
    if c.type == "initial":
        yield from _conference_in_time(ctx, "icpc_after_strategy", c.strategy_discussion, "initial conference",
                                       "the strategy discussion")


@rule(
    "CPP-T013", "transfer-in-timescale",
    summary="A transfer-in conference is held within the profile's limit of the move being notified.",
    level="warning", requirements=("T1", "T35"),
    sources=("S000 §11", "S001 §07", "SCO-LOC"),
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
    level="warning", requirements=("T19",),
    sources=("S002 §3.i",),
    fix="Set the assessment's due date within the timescale, or agree a new one and record why.",
    passing="""
    profile: implementation-2008
    assessments:
      - {what: Core assessment, by: sw, due: 2026-12-18}
    """,
    failing="""
    profile: implementation-2008
    assessments:
      - {what: Core assessment, by: sw, due: 2027-03-01}
    """,
)
def assessment_timescale(ctx) -> Iterator[Hit]:
    """The 2008 procedure gives 35 working days to complete a core assessment (S002 §3.i),
    counted here from the conference. This timescale is outdated in England (single assessment,
    45 working days from referral, since 2013); the profile says so in `outdated`."""
    plan, spec = ctx.plan, timescale(ctx.profile, "assessment")
    if spec is None:
        return
    exp = deadline(ctx.calendar, plan.conference.date, spec)
    for i, a in enumerate(plan.assessments):
        if a.status != "done" and is_late(a.due, exp):
            note = f" ({spec.get('outdated')})" if spec.get("outdated") else ""
            yield Hit(("assessments", i, "due"),
                      f"the assessment is due later than {spec.text} after the conference{note}",
                      explain(exp, "assessment", "the conference"))


# ----------------------------------------------------------------------------------------------
# As-of compliance: what is overdue today (or on --as-of)


@rule(
    "CPP-T020", "overdue-action",
    summary="An open action is past its due date.",
    level="warning",
    sources=("quality.md §2 Q-ACTION-WHEN", "S000 §7"),
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
    level="error", requirements=("T12", "T13", "T21", "T33", "T37"),
    sources=("S004 (review conferences)", "NY-CONF"),
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
