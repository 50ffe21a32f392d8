"""The plan's life (CPP-L001-L009): how a plan ends, moves between areas, and the child's legal status.

Plan format 2 records these as they happen (`ending`, `transfer_in`, `transfer_out`, `legal`);
the rules judge them against the procedures' own words. Each runs only where the profile applies a
requirement it enforces (L1-L9, T1, T11, T17, T18). A format 1 plan records none of this, so these
rules find nothing to judge in one, except an exception to Stoke-on-Trent's six months that the
record cannot show (CPP-L009). Messages name fields and list positions, never the plan's values;
dates go in the finding's detail.
"""

from __future__ import annotations

from typing import Iterator

from cpptool.core.deadlines import day_text, deadline, explain, is_late, plan_start, timescale
from cpptool.core.history import conference_on, conferences
from cpptool.core.lifecycle import (
    EVENT_GROUNDS, ending_ground, interim_order_exception, legal_periods, looked_after_since,
    child_signs_from_age, recipients, sent_to,
)
from cpptool.core.records import replace
from cpptool.core.registry import Hit, rule
from cpptool.rules._common import blank

ENDED = """
    format: 2
    profile: stoke-on-trent
    ending: {proposed: 2026-11-20, date: 2026-11-20, how: review-conference, ground: no-longer-at-risk,
             decided_by: The review conference, support_after: A child in need plan for three months.}
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
        - {type: review-conference, date: 2026-11-20, quorate: true}
"""


def _ended(ctx):
    ending = ctx.plan.ending
    return ending if ending is not None and ending.date is not None else None


# ----------------------------------------------------------------------------------------------
# Who may end a plan, and on what ground


@rule(
    "CPP-L001", "ended-by-review-conference",
    summary="A plan ends at a (quorate) review conference, unless it ends on one of the grounds the procedure "
            "lets end it otherwise.",
    level="error", requirements=("L1",),
    sources=('stoke-c06 §07: "The decision to cease a Child Protection Plan can only be made by a quorate Child '
             'Protection conference"',
             'jersey-plans review conferences: "Only a Child Protection Review Conference that is quorate can decide '
             'that registration is no longer necessary."',
             'nyscp-plans standard 11: "The majority of child protection plans should only be ended at a Review '
             'Child Protection Conference."'),
    options={"quorate": True, "end_by_letter": False, "other_routes": []},
    fix="Record how the plan ended (ending.how) and the review conference that decided it, with quorate: true, "
        "in record.meetings.",
    passing=ENDED,
    failing="""
    format: 2
    profile: stoke-on-trent
    ending: {proposed: 2027-02-01, date: 2027-02-01, how: review-conference, ground: no-longer-at-risk}
    record:
      meetings:
        - {type: review-conference, date: 2027-02-01, quorate: false}
    """,
)
def ended_by_review_conference(ctx) -> Iterator[Hit]:
    """"The decision to cease a Child Protection Plan can only be made by a quorate Child Protection
    conference" (Stoke-on-Trent C06 §07); "Only a Child Protection Review Conference that is quorate
    can decide that registration is no longer necessary" (Jersey, review conferences); "The majority of
    child protection plans should only be ended at a Review Child Protection Conference" (North
    Yorkshire standard 11).

    Once a plan has ended (`ending.date`), `ending.how` must say how. A plan ended because the child is
    safe must end at a review conference, recorded in `record.meetings` (or as this plan's own review
    conference) on the day it ended (or `ending.decided`), and, where the option `quorate` is on
    (Stoke-on-Trent, Jersey), recorded as quorate. Grounds that are events, not judgements (18, died,
    left the country, moved to another area), end a plan without one; so do the grounds in the option
    `other_routes` (a child who becomes looked after, where the procedure has its own route:
    CPP-L007), and, where the option `end_by_letter` is on (North Yorkshire standard 12), the chair's
    letter (CPP-L005)."""
    ending = _ended(ctx)
    if ending is None:
        return
    if ending.how is None:
        yield Hit(("ending", "how"), "the plan has ended (ending.date) but ending.how does not say how; record it")
        return
    ground = ending_ground(ending)
    by_letter = ending.how == "letter" and ctx.options["end_by_letter"]
    if ending.how != "review-conference":
        if ground not in EVENT_GROUNDS and ground not in ctx.options["other_routes"] and not by_letter:
            yield Hit(("ending", "how"), "the plan ended without a review conference, but only a review conference "
                                         "can decide that a child no longer needs a plan")
        return
    held = conference_on(ctx.plan, ending.decided or ending.date)
    if held is None:
        yield Hit(("ending", "date"), "no review conference is recorded on the day the plan ended; record it in "
                                      "record.meetings", f"ended on {day_text(ending.date)}")
    elif ctx.options["quorate"] and held.meeting.quorate is not True:
        yield Hit(held.entry + ("quorate",), "the review conference that ended the plan is not recorded as quorate; "
                                            "only a quorate conference can end a plan")


_ALL_GROUNDS = ["no-longer-at-risk", "assessment-complete", "abuser-no-contact", "looked-after",
                "cared-for-by-relatives", "reached-18", "died", "moved-to-another-area", "left-the-country"]


@rule(
    "CPP-L002", "ending-ground",
    summary="A plan that has ended records the ground it ended on, one the procedure lists.",
    level="warning", requirements=("L2",),
    sources=('nyscp-plans standard 11: "Child Protection Plans should only be ended in the following circumstances"',
             'stoke-c06 §07: "A child should no longer be the subject of a Child Protection Plan if"',
             'jersey-plans de-registration: "Grounds for de-registration include"'),
    options={"grounds": list(_ALL_GROUNDS)},
    fix="Record the ground in ending.ground (no-longer-at-risk, reached-18, died, moved-to-another-area, "
        "left-the-country, looked-after, ...).",
    passing=ENDED,
    failing="""
    format: 2
    profile: stoke-on-trent
    ending: {proposed: 2027-02-01, date: 2027-02-01, how: review-conference}
    """,
)
def ending_ground_listed(ctx) -> Iterator[Hit]:
    """Each procedure lists the grounds on which a plan ends. North Yorkshire (standard 11) and
    Stoke-on-Trent (C06 §07): the child is no longer at risk, has moved permanently to another area,
    reached 18, died, permanently left the UK, or (Stoke-on-Trent; North Yorkshire standard 13)
    become looked after. Jersey (de-registration) adds: the assessment shows a plan is no longer
    needed, the abuser no longer has contact, the child is looked after or cared for by relatives with
    safe contact. The profile's option `grounds` lists the procedure's own; an ended plan's ground
    (`ending.ground`, or what `ending.how` implies, e.g. `child-died`) must be one of them."""
    ending = _ended(ctx)
    if ending is None:
        return
    ground = ending_ground(ending)
    if ground is None:
        yield Hit(("ending", "ground"), "the plan has ended but ending.ground does not say on what ground")
    elif ground not in ctx.options["grounds"]:
        yield Hit(("ending", "ground"), "the plan ended on a ground this procedure does not list")


# ----------------------------------------------------------------------------------------------
# Moving between areas


@rule(
    "CPP-L003", "ended-after-receiving-conference",
    summary="A child who moves: the receiving area is told, and the plan ends only after its transfer conference.",
    level="error", requirements=("L3",),
    sources=('stoke-c06 §03: "If a child moves LA while subject to a plan, the lead worker must notify the receiving '
             'area."',
             'nyscp-plans standard 11: "Only after this event may the original local authority discontinue its child '
             'protection plan"',
             'stoke-c06 §07: "only after this has taken place may cessation of the Child Protection Plan take place"'),
    fix="Record the move in transfer_out (to_authority, notified, receiving_conference) and end the plan on or "
        "after the receiving area's conference.",
    passing="""
    format: 2
    profile: stoke-on-trent
    transfer_out: {to_authority: Exampleshire, notified: 2027-01-05, receiving_conference: 2027-01-22}
    ending: {proposed: 2027-01-05, date: 2027-01-22, how: transfer}
    """,
    failing="""
    format: 2
    profile: stoke-on-trent
    transfer_out: {to_authority: Exampleshire, notified: 2027-01-05, receiving_conference: 2027-01-22}
    ending: {proposed: 2027-01-05, date: 2027-01-08, how: transfer}
    """,
)
def ended_after_receiving_conference(ctx) -> Iterator[Hit]:
    """"If a child moves LA while subject to a plan, the lead worker must notify the receiving area"
    (Stoke-on-Trent C06 §03), and the receiving area holds a transfer conference: "Only after this
    event may the original local authority discontinue its child protection plan" (North Yorkshire
    standard 11; Stoke-on-Trent §07 in the same words).

    A plan ending because the child moved to another area (`ending.ground: moved-to-another-area` or
    `how: transfer`) needs `transfer_out`; a recorded move needs the date the receiving area was told
    (`transfer_out.notified`); and an ended plan needs the receiving area's conference
    (`transfer_out.receiving_conference`), on or before the day the plan ended."""
    plan = ctx.plan
    moving = ending_ground(plan.ending) == "moved-to-another-area"
    out = plan.transfer_out
    if out is None:
        if moving:
            yield Hit(("ending",), "the plan ends because the child moved to another area, but transfer_out is not "
                                   "recorded (the receiving area, when it was told, its transfer conference)")
        return
    if out.notified is None:
        yield Hit(("transfer_out", "notified"), "the date the receiving area was told of the move is not recorded")
    ending = _ended(ctx)
    if ending is None or not moving:
        return
    if out.receiving_conference is None:
        yield Hit(("transfer_out", "receiving_conference"), "the plan has ended, but the receiving area's transfer "
                                                            "conference is not recorded; the plan may end only after it")
    elif ending.date < out.receiving_conference:
        yield Hit(("ending", "date"), "the plan ended before the receiving area's transfer conference",
                  f"ended {day_text(ending.date)}; receiving conference {day_text(out.receiving_conference)}")


@rule(
    "CPP-L004", "transfer-in-recorded",
    summary="A child who moved here on a plan has a transfer-in conference within the profile's limit of the "
            "move being notified.",
    level="warning", requirements=("T1", "T35"),
    sources=('nyscp-plans standard 11: "the receiving local authority should convene a child protection conference '
             'within 15 working days of being notified of the move"',
             'stoke-c06 §07: "the receiving local authority should convene a Transfer Child Protection Conference within '
             '15 working days of being notified of the move"'),
    fix="Hold the transfer-in conference within the limit and record its date in transfer_in.conference.",
    passing="""
    format: 2
    transfer_in: {from_authority: Exampleshire, notified: 2026-10-20, conference: 2026-11-06}
    """,
    failing="""
    format: 2
    transfer_in: {from_authority: Exampleshire, notified: 2026-09-21, conference: 2026-11-06}
    """,
)
def transfer_in_recorded(ctx) -> Iterator[Hit]:
    """The receiving area convenes a transfer-in conference "within 15 working days of being notified
    of the move" (North Yorkshire standard 11; Stoke-on-Trent C06 §07). Format 2 keeps the move for
    the plan's whole life (`transfer_in`): a plan reviewed long after the transfer still shows it.
    The conference is `transfer_in.conference`, or this plan's own conference when it is the
    transfer-in one; one not yet recorded once the limit has passed is reported too. (CPP-T013
    judges a transfer-in plan that records the notification as `conference.move_notified`.)"""
    plan, spec = ctx.plan, timescale(ctx.profile, "transfer_in")
    moved = plan.transfer_in
    if spec is None or moved is None or moved.notified is None:
        return
    own = plan.conference.type == "transfer-in"
    if own and plan.conference.move_notified is not None:
        return  # CPP-T013's
    held = moved.conference or (plan.conference.date if own else None)
    exp = deadline(ctx.calendar, moved.notified, spec)
    if exp is None:
        return
    path = ("transfer_in", "conference") if moved.conference else ("conference", "date")
    if is_late(held, exp):
        yield Hit(path, f"the transfer-in conference was held later than {spec.text} after the move was notified",
                  explain(exp, "transfer-in conference", "the move was notified"))
    elif held is None and ctx.as_of > exp.result:
        yield Hit(("transfer_in", "conference"), f"no transfer-in conference is recorded and {spec.text} have passed "
                                                 "since the move was notified",
                  explain(exp, "transfer-in conference", "the move was notified"))


# ----------------------------------------------------------------------------------------------
# Ending by letter (North Yorkshire standards 12 and 13)


@rule(
    "CPP-L005", "end-by-letter",
    summary="A plan ended by the chair's letter had the professionals' unanimous agreement, the circumstances "
            "recorded, the chair's confirmation, and no objection.",
    level="error", requirements=("L4",),
    sources=('nyscp-plans standard 12: "There should be unanimous agreement of the professionals in the ICPC with the '
             'proposed course of action"',
             'nyscp-plans standard 12: "The chair and agency reps must record in detail at the ICPC exactly what the '
             'circumstances of the child should be before the plan can be ended by letter."',
             'nyscp-plans standard 12: "the Chair must be satisfied that the arrangements conform in full to those '
             'agreed at the ICPC before the plan is ended."'),
    fix="Record ending.by_letter: unanimous, the circumstances agreed, when the chair was satisfied, the letter's "
        "date and any objections; if an agency objected, hold the review conference instead.",
    passing="""
    format: 2
    profile: north-yorkshire
    ending:
      proposed: 2026-11-02
      date: 2027-01-22
      how: letter
      ground: no-longer-at-risk
      by_letter: {unanimous: true, circumstances: Riley lives with Grandma under a special guardianship order.,
                  chair_satisfied: 2027-01-08, letter_date: 2027-01-11}
    """,
    failing="""
    format: 2
    profile: north-yorkshire
    ending:
      proposed: 2026-11-02
      date: 2027-01-22
      how: letter
      ground: no-longer-at-risk
      by_letter: {unanimous: false, chair_satisfied: 2027-01-08, letter_date: 2027-01-11}
    """,
)
def end_by_letter(ctx) -> Iterator[Hit]:
    """North Yorkshire standard 12 lets the chair end a plan by letter when the conference knew that
    safe arrangements were about to come into being: "There should be unanimous agreement of the
    professionals in the ICPC"; "The chair and agency reps must record in detail at the ICPC exactly
    what the circumstances of the child should be"; "the Chair must be satisfied that the
    arrangements conform in full to those agreed at the ICPC before the plan is ended"; and agencies
    may object within the notice "if they are no longer in agreement and feel that the RCPC should be
    held".

    For a plan ended (or being ended) by letter on such grounds (`ending.how: letter`, not because the
    child became looked after, which standard 13 covers: CPP-L007), `ending.by_letter` must record
    `unanimous: true`, the `circumstances`, when the chair was satisfied (`chair_satisfied`, not after
    the plan ended) and no `objections`."""
    ending = ctx.plan.ending
    if ending is None or ending.how != "letter" or ending_ground(ending) == "looked-after":
        return
    letter = ending.by_letter
    if letter is None:
        yield Hit(("ending", "by_letter"), "the plan is ended by letter but ending.by_letter does not record the "
                                           "conference's agreement, the circumstances and the chair's confirmation")
        return
    if letter.unanimous is not True:
        yield Hit(("ending", "by_letter", "unanimous"), "ending by letter needs the unanimous agreement of the "
                                                        "professionals at the initial conference")
    if blank(letter.circumstances):
        yield Hit(("ending", "by_letter", "circumstances"), "the circumstances in which the plan may end by letter "
                                                            "are not recorded")
    if letter.chair_satisfied is None:
        yield Hit(("ending", "by_letter", "chair_satisfied"), "the chair's confirmation that the arrangements are in "
                                                              "place is not recorded")
    elif ending.date is not None and letter.chair_satisfied > ending.date:
        yield Hit(("ending", "by_letter", "chair_satisfied"), "the chair was satisfied only after the plan had ended")
    if letter.objections:
        yield Hit(("ending", "by_letter", "objections"), "an agency objected to ending the plan by letter; the review "
                                                         "conference should be held instead")


@rule(
    "CPP-L006", "end-by-letter-notice",
    summary="A plan ended by the chair's letter ends only after the notice the letter gives.",
    level="warning", requirements=("T17",),
    sources=('nyscp-plans standard 12: "The Chair\'s letter (that proposes the end the Child Protection Plan) should '
             'offer a 10 day period of notice before the plan is ended"',),
    fix="Record the letter's date (ending.by_letter.letter_date) and end the plan only once the notice has run.",
    passing="""
    format: 2
    profile: north-yorkshire
    ending: {proposed: 2026-11-02, date: 2027-01-22, how: letter, by_letter: {letter_date: 2027-01-11}}
    """,
    failing="""
    format: 2
    profile: north-yorkshire
    ending: {proposed: 2026-11-02, date: 2027-01-15, how: letter, by_letter: {letter_date: 2027-01-11}}
    """,
)
def end_by_letter_notice(ctx) -> Iterator[Hit]:
    """"The Chair's letter (that proposes the end the Child Protection Plan) should offer a 10 day
    period of notice before the plan is ended for agencies to respond" (North Yorkshire standard 12).
    The standard says "10 day" without "working"; the profile's `timescales.end_by_letter_notice`
    resolves the unit (10 days, as written). A notice runs its full length: a last day that is not a
    working day moves to the next one. Standard 13 (a child who becomes looked after) has its own
    timescale (CPP-L007). The deadline for objections the letter gives (`by_letter.objections_by`) must
    not be earlier than the notice either."""
    ending, spec = ctx.plan.ending, timescale(ctx.profile, "end_by_letter_notice")
    if spec is None or ending is None or ending.how != "letter" or ending_ground(ending) == "looked-after":
        return
    letter = ending.by_letter.letter_date if ending.by_letter else None
    if letter is None:
        yield Hit(("ending", "by_letter", "letter_date"), "the date of the chair's letter ending the plan is not "
                                                          "recorded, so its notice cannot be checked")
        return
    exp = deadline(ctx.calendar, letter, replace(spec, roll="next"))
    if exp is None:
        return
    offered = ending.by_letter.objections_by
    if offered is not None and offered < exp.result:
        yield Hit(("ending", "by_letter", "objections_by"), f"the chair's letter gives less than {spec.text}' notice "
                                                            "to object", explain(exp, "end of the notice", "the chair's letter"))
    if ending.date is not None and ending.date < exp.result:
        yield Hit(("ending", "date"), f"the plan ended before the {spec.text}' notice of the chair's letter had run",
                  explain(exp, "end of the notice", "the chair's letter"))


# ----------------------------------------------------------------------------------------------
# A child who becomes looked after


@rule(
    "CPP-L007", "looked-after-ending",
    summary="A plan ended because the child became looked after ends the way, and within the time, the procedure "
            "sets.",
    level="warning", requirements=("T18", "L5"),
    sources=('nyscp-plans standard 13: "Where it is agreed the Child Protection Plan should end this should be done by '
             'letter within 10 working days."',
             'stoke-c06 §03: "If a child on a child protection plan becomes looked after by virtue of an Interim Care '
             'Order then the child\'s child protection plan will be discharged via a letter to all agencies"',
             'stoke-c06 §03: "the child protection plan will remain in place until the review conference, where it '
             'will be discharged"'),
    options={"by_letter_for": [], "at_review_for": []},
    fix="Record the child's looked-after status in legal.status, and end the plan the way the procedure says "
        "(ending.how), on time.",
    passing="""
    format: 2
    profile: north-yorkshire
    legal: {status: [{status: accommodated, from: 2027-01-04}]}
    ending: {proposed: 2027-01-06, decided: 2027-01-06, date: 2027-01-15, how: letter, ground: looked-after}
    """,
    failing="""
    format: 2
    profile: north-yorkshire
    legal: {status: [{status: accommodated, from: 2027-01-04}]}
    ending: {proposed: 2027-01-06, decided: 2027-01-06, date: 2027-02-15, how: letter, ground: looked-after}
    """,
)
def looked_after_ending(ctx) -> Iterator[Hit]:
    """North Yorkshire standard 13: when a child on a plan becomes looked after, the IRO and team
    manager decide whether to end the plan, and "Where it is agreed the Child Protection Plan should
    end this should be done by letter within 10 working days" (`timescales.looked_after_ending`,
    counted from the decision, `ending.decided`, or where that is not recorded from the day the child
    became looked after). Stoke-on-Trent C06 §03: under an interim care order the plan "will be
    discharged via a letter to all agencies"; under section 20 it "will remain in place until the
    review conference, where it will be discharged".

    For a plan ending on the ground `looked-after`: the looked-after status must be in `legal.status`;
    the route must be the one the profile's options give for that status (`by_letter_for`: the
    statuses ended by letter; `at_review_for`: those ended at the review conference); and a plan
    ended by letter must end within the timescale."""
    plan = ctx.plan
    ending = plan.ending
    if ending is None or ending_ground(ending) != "looked-after":
        return
    period = looked_after_since(plan, ending.date or ending.proposed) or (legal_periods(plan) or [None])[-1]
    if period is None:
        yield Hit(("legal",) if plan.legal else ("ending", "ground"),
                  "the plan ends because the child is looked after, but legal.status records no looked-after status")
        return
    status = period[1].status
    by_letter = ending.how in ("letter", "became-looked-after")
    if status in ctx.options["by_letter_for"] and ending.how is not None and not by_letter:
        yield Hit(("ending", "how"), "for this legal status the procedure ends the plan by letter")
    if status in ctx.options["at_review_for"] and ending.how is not None and ending.how != "review-conference":
        yield Hit(("ending", "how"), "for this legal status the procedure ends the plan at the review conference")
    spec = timescale(ctx.profile, "looked_after_ending")
    if spec is None or not by_letter and ending.how is not None:
        return
    anchor = ending.decided or period[1].from_
    exp = deadline(ctx.calendar, anchor, spec)
    what = "the decision to end the plan" if ending.decided else "the child became looked after"
    if exp is None:
        return
    if is_late(ending.date, exp):
        yield Hit(("ending", "date"), f"the plan was ended by letter later than {spec.text} after {what}",
                  explain(exp, "ending by letter", what))
    elif ending.date is None and ending.decided is not None and ctx.as_of > exp.result:
        yield Hit(("ending", "decided"), f"ending the plan was agreed but it has not ended by letter within {spec.text}",
                  explain(exp, "ending by letter", what))


@rule(
    "CPP-L008", "looked-after-and-on-plan",
    summary="A child who is looked after stays on the plan only in exceptional circumstances, which are recorded.",
    level="warning", requirements=("L5",),
    sources=('nyscp-plans standard 13: "Only in exceptional circumstances should a child/young person be subject to a '
             'Child Protection Plan and be looked after."',
             'stoke-c06 §08: "The first Child Protection Review Conference to take place once the child has become a '
             'Child in Care must consider the justification for the child being the subject of both a Care Plan and a '
             'Child Protection Plan."'),
    fix="End the plan as the procedure sets out, or record the exceptional circumstances in legal.both_plans_reason.",
    passing="""
    format: 2
    profile: stoke-on-trent
    legal: {status: [{status: care-order, from: 2026-06-01}], both_plans_reason: The court asked for the plan to stay until the final hearing.}
    conference: {type: review, plan_start: 2026-03-02}
    """,
    failing="""
    format: 2
    profile: stoke-on-trent
    legal: {status: [{status: care-order, from: 2026-06-01}]}
    conference: {type: review, plan_start: 2026-03-02}
    """,
)
def looked_after_and_on_plan(ctx) -> Iterator[Hit]:
    """"Only in exceptional circumstances should a child/young person be subject to a Child Protection
    Plan and be looked after" (North Yorkshire standard 13); the first review conference after a
    child comes into care "must consider the justification for the child being the subject of both a
    Care Plan and a Child Protection Plan" (Stoke-on-Trent C06 §08).

    A plan still running (no `ending.date`) for a child looked after (`legal.status`) is reported
    once a review conference has been held since the child became looked after, or once the
    profile's `timescales.looked_after_ending` has passed since then, unless the exceptional
    circumstances are recorded (`legal.both_plans_reason`)."""
    plan = ctx.plan
    current = looked_after_since(plan, ctx.as_of)
    if current is None or _ended(ctx) is not None or (plan.legal and not blank(plan.legal.both_plans_reason)):
        return
    since = current[1].from_
    reviewed = any(d >= since for d in _review_dates(plan, ctx.as_of))
    spec = timescale(ctx.profile, "looked_after_ending")
    exp = deadline(ctx.calendar, since, spec) if spec else None
    if reviewed or (exp is not None and ctx.as_of > exp.result):
        yield Hit(("legal", "both_plans_reason"), "the child is looked after and still on the plan, and the "
                                                  "exceptional circumstances for keeping both are not recorded",
                  f"looked after since {day_text(since)}")


def _review_dates(plan, as_of) -> list:
    return [e.date for e in conferences(plan, "review-conference", as_of)]


# ----------------------------------------------------------------------------------------------
# Stoke-on-Trent's six months, and its exceptions as written


@rule(
    "CPP-L009", "early-ending-exception",
    summary="An interim care order lets a plan end before the profile's minimum only when the child is not living "
            "with the family and has no unsupervised contact with the alleged abuser.",
    level="warning", requirements=("T11",),
    sources=('stoke-c06 §07: "unless there are exceptional circumstances for doing so, e.g. the child dies, the child '
             'has moved from Stoke-on-Trent and the child is subject of an Interim Care Order, not living with the '
             'family and there is no unsupervised contact with the alleged abuser."',),
    fix="Record the order and the child's circumstances in legal (status, lives_with_family: false, "
        "abuser_unsupervised_contact: false; plan format 2, so run `cpptool migrate` on a format 1 plan first), or "
        "keep the plan until the minimum time has passed.",
    passing="""
    format: 2
    profile: stoke-on-trent
    conference: {type: review, plan_start: 2026-08-03}
    legal: {status: [{status: interim-care-order, from: 2026-10-19}], lives_with_family: false,
            abuser_unsupervised_contact: false}
    ending: {proposed: 2026-11-02, reason: Riley is in foster care under an interim care order., exception: interim-care-order}
    """,
    failing="""
    format: 2
    profile: stoke-on-trent
    conference: {type: review, plan_start: 2026-08-03}
    legal: {status: [{status: interim-care-order, from: 2026-10-19}], lives_with_family: true}
    ending: {proposed: 2026-11-02, reason: Riley is subject to an interim care order., exception: interim-care-order}
    """,
)
def early_ending_exception(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "The decision to cease a Child Protection Plan should not be considered for at
    least six months after the decision to create a Child Protection Plan, unless there are exceptional
    circumstances for doing so, e.g. the child dies, the child has moved from Stoke-on-Trent and the
    child is subject of an Interim Care Order, not living with the family and there is no unsupervised
    contact with the alleged abuser" (C06 §07).

    An interim care order alone is not the exception: when an ending proposed before the profile's
    `timescales.cease_not_before` relies on `ending.exception: interim-care-order`, the record must
    show all three: the order in force (`legal.status`), `legal.lives_with_family: false` and
    `legal.abuser_unsupervised_contact: false`. A format 1 plan cannot show them; `cpptool migrate`
    makes it format 2. (CPP-T009 judges the six months themselves.)"""
    plan, spec = ctx.plan, timescale(ctx.profile, "cease_not_before")
    ending = plan.ending
    if spec is None or ending is None or ending.exception != "interim-care-order":
        return
    start = plan_start(plan)
    exp = deadline(ctx.calendar, start, spec) if start else None
    if exp is not None and ending.proposed >= exp.result:
        return
    missing = interim_order_exception(plan, ending.proposed)
    if missing:
        yield Hit(("ending", "exception"), "an interim care order ends a plan early only when the record shows "
                                           + "; ".join(missing))


# ----------------------------------------------------------------------------------------------
# After the plan ends


@rule(
    "CPP-L010", "support-after-ending",
    summary="When a plan ends, the help and services that continue are recorded.",
    level="warning", requirements=("L7",),
    sources=('stoke-c06 §07: "discontinuing the Child Protection Plan should never lead to the automatic withdrawal of '
             'help"',
             'jersey-plans de-registration: "De-registration does not automatically mean that support and services will '
             'no longer be provided"'),
    fix="Record in ending.support_after the services that continue (for example a child in need plan), or why none "
        "are needed.",
    passing=ENDED,
    failing="""
    format: 2
    profile: stoke-on-trent
    ending: {proposed: 2027-02-01, date: 2027-02-01, how: review-conference, ground: no-longer-at-risk}
    """,
)
def support_after_ending(ctx) -> Iterator[Hit]:
    """"A child who is no longer the subject of a Child Protection Plan may still require additional
    support and services and discontinuing the Child Protection Plan should never lead to the automatic
    withdrawal of help" (Stoke-on-Trent C06 §07); "De-registration does not automatically mean that
    support and services will no longer be provided" (Jersey, de-registration). A plan that has ended
    (other than by the child's death) records what continues in `ending.support_after`."""
    ending = _ended(ctx)
    if ending is not None and ending_ground(ending) != "died" and blank(ending.support_after):
        yield Hit(("ending", "support_after"), "the plan has ended but ending.support_after does not say what help "
                                               "continues, or why none is needed")


_NOTICE = ("decision-letter", "conference-record")


@rule(
    "CPP-L011", "ending-notified",
    summary="When a review conference ends a plan, the agencies and the family are sent the decision.",
    level="error", requirements=("L6",),
    sources=('stoke-c06 §07: "notification must be sent, as a minimum, to all those agencies\' representatives involved '
             'with the child and those who were invited to attend the Child Protection Conference"',
             'stoke-c06 §07: "The Conference and Review Manager should also write to the parents/carers and the child"'),
    fix="Record the decision letter sent after the review conference (record.meetings[].sent: document "
        "decision-letter, to every agency's member, the parents and, if old enough, the child).",
    passing="""
    format: 2
    profile: stoke-on-trent
    ending: {proposed: 2026-11-20, date: 2026-11-20, how: review-conference, ground: no-longer-at-risk}
    record:
      meetings:
        - type: review-conference
          date: 2026-11-20
          sent: [{document: decision-letter, to: [sw, mum, teacher, hv, riley], date: 2026-11-20}]
    """,
    failing="""
    format: 2
    profile: stoke-on-trent
    ending: {proposed: 2026-11-20, date: 2026-11-20, how: review-conference, ground: no-longer-at-risk}
    record:
      meetings:
        - type: review-conference
          date: 2026-11-20
          sent: [{document: decision-letter, to: [sw, teacher], date: 2026-11-20}]
    """,
)
def ending_notified(ctx) -> Iterator[Hit]:
    """"When a child is no longer the subject of a Child Protection Plan as a result of a Child
    Protection Review Conference decision, notification must be sent, as a minimum, to all those
    agencies' representatives involved with the child and those who were invited to attend ... The
    Conference and Review Manager should also write to the parents/carers and the child (depending on
    his/her age and understanding)" (Stoke-on-Trent C06 §07).

    Once the day the plan ended has passed, the review conference that ended it (in
    `record.meetings`) must record a `decision-letter` (or the `conference-record`) sent to every
    core group member who represents an agency, each parent and carer, and the child from the
    profile's `agreement.child_signs_from_age`; `all-invited` stands for everyone invited."""
    ending = _ended(ctx)
    if ending is None or ending.how != "review-conference" or ctx.as_of <= ending.date:
        return
    held = conference_on(ctx.plan, ending.decided or ending.date)
    if held is None:
        return  # CPP-L001 says the conference is missing
    if held.path[0] == "conference":
        yield Hit(("ending",), "record the review conference that ended the plan in record.meetings, with the "
                               "decision letter sent after it")
        return
    sent = sent_to(held.meeting, _NOTICE)
    if "all-invited" in sent:
        return
    for j, member in recipients(ctx.plan, child_from_age=child_signs_from_age(ctx.profile), on=ending.date):
        if member.kind in ("professional", "parent", "carer", "child") and member.id not in sent:
            yield Hit(held.entry + ("sent",), f"core_group[{j}] was not sent the decision that the plan has ended")
