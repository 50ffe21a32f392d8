"""The plan's life as recorded (CPP-L012-L025): meetings, what was sent to whom, visits, risk
assessments, the manager's countersignature and dates to avoid.

Plan format 2 records each meeting in full (who chaired, attended, sent apologies and reports; the
dates agreed; what was sent to whom), each visit in detail (bedroom seen, baby seen awake, why the
child was not seen) and the rest. The rules judge what is recorded: a meeting recorded by its date
alone (as in format 1) is not judged on who attended it, so a format 1 plan checks the same before and
after `cpptool migrate`. Messages name list positions, never the plan's values.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from cpptool.core.deadlines import day_text, deadline, explain, lead_visits, meetings_of, timescale
from cpptool.core.history import initial_conference
from cpptool.core.lifecycle import (
    child_signs_from_age, first_core_groups, full_record, months_old, recipients, sent_to,
)
from cpptool.core.registry import Hit, rule
from cpptool.rules._common import blank

ROLE_WORDS = {"conference-chair": "the conference chair",
              "conference-and-review-manager": "the Conference and Review Manager",
              "team-manager": "the team manager", "iro-manager": "the IRO managers"}
_AGREEMENT = ("agreement", "plan")

CORE_GROUP_SENT = """
    format: 2
    profile: stoke-on-trent
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
        - type: core-group
          date: 2026-11-16
          minutes_circulated: 2026-11-18
          sent:
            - {document: minutes, to: [sw, mum, teacher, hv, conference-and-review-manager], date: 2026-11-18}
"""


def _member_ids(ctx) -> set[str]:
    return {m.id for m in ctx.plan.core_group}


# ----------------------------------------------------------------------------------------------
# What was sent to whom


@rule(
    "CPP-L012", "circulated-to-members",
    summary="After each core group, the minutes (and any written agreement) go to every member and the people the "
            "procedure names, within the profile's limit.",
    level="error", requirements=("W11", "T5", "T6"),
    sources=('stoke-c06 §05: "Copies of the core group minutes and any written agreement must be circulated to core '
             'group members within 3 working days of the core group meeting"',
             'stoke-c06 §03: "Circulate the core group minutes and the Child Protection Plan to members of the core '
             'group, including parents/carers and the child/young person (depending on age and understanding) and the '
             'Conference and Review Manager."',
             'jersey-plans §2: "Copies of the notes and the written agreement should be circulated to Core Group members '
             'and conference chair within 5 working days of the Core Group meeting."'),
    options={"also_to": []},
    fix="Send the minutes (and the agreement) to everyone missing, and record each sending in "
        "record.meetings[].sent (document, to, date).",
    passing=CORE_GROUP_SENT,
    failing="""
    format: 2
    profile: stoke-on-trent
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
        - type: core-group
          date: 2026-11-16
          minutes_circulated: 2026-11-18
          sent:
            - {document: minutes, to: [sw, teacher, hv], date: 2026-11-18}
""",
)
def circulated_to_members(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "Copies of the core group minutes and any written agreement must be circulated
    to core group members within 3 working days of the core group meeting" (C06 §05), to "members of
    the core group, including parents/carers and the child/young person (depending on age and
    understanding) and the Conference and Review Manager" (§03). Jersey: "Copies of the notes and the
    written agreement should be circulated to Core Group members and conference chair within 5 working
    days of the Core Group meeting" (section 2).

    For each core group whose distribution is recorded (`record.meetings[].sent`), the minutes must
    have gone to every member (the child from the profile's `agreement.child_signs_from_age`; an
    interpreter is not a recipient) and to the roles in the option `also_to` (Stoke-on-Trent:
    `conference-and-review-manager`; Jersey: `conference-chair`), each within the profile's
    `timescales.minutes_circulated`; where the agreement (or plan) was sent at all, it must have gone
    to the same people in the same time. Someone not yet sent a copy is reported once the limit has
    passed. (CPP-T004 judges the date the minutes went out, `minutes_circulated`.)"""
    spec = timescale(ctx.profile, "minutes_circulated")
    people = [(f"core_group[{j}]", m.id) for j, m in recipients(ctx.plan, child_from_age=child_signs_from_age(ctx.profile), on=ctx.as_of)]
    people += [(ROLE_WORDS.get(r, r), r) for r in ctx.options["also_to"]]
    for i, meeting in meetings_of(ctx.plan, "core-group"):
        if not meeting.sent:
            continue
        exp = deadline(ctx.calendar, meeting.date, spec) if spec else None
        documents = [("minutes", ("minutes",))]
        if sent_to(meeting, _AGREEMENT):
            documents.append(("written agreement", _AGREEMENT))
        for name, kinds in documents:
            yield from _sent_in_time(ctx, i, meeting, name, sent_to(meeting, kinds), people, exp, spec)


def _sent_in_time(ctx, i, meeting, name, sent, people, exp, spec) -> Iterator[Hit]:
    where = ("record", "meetings", i, "sent")
    for who_words, key in people:
        if key not in sent:
            if exp is None or ctx.as_of > exp.result:
                yield Hit(where, f"the {name} of record.meetings[{i}] were not sent to {who_words}"
                          if name == "minutes" else f"the {name} after record.meetings[{i}] was not sent to {who_words}",
                          explain(exp, name, "the core group") if exp else "")
        elif exp is not None and sent[key][0] > exp.result:
            yield Hit(where + (sent[key][1], "date"),
                      f"the {name} went to {who_words} later than {spec.text} after the core group",
                      explain(exp, name, "the core group"))


@rule(
    "CPP-L013", "signed-copy-returned",
    summary="Each signatory sent the agreement returns the signed copy within the profile's further limit.",
    level="warning", requirements=("T7",),
    sources=('jersey-plans §2: "The signed agreement should be returned to the social worker within another 5 working '
             'days."',),
    fix="Chase the signed copy and record the date it came back (agreement.signatures[].returned).",
    passing="""
    format: 2
    profile: jersey
    record:
      meetings:
        - type: core-group
          date: 2026-11-09
          sent: [{document: agreement, to: [mum, hv], date: 2026-11-10}]
    agreement:
      signatures:
        - {member: mum, method: in-person, date: 2026-11-12, returned: 2026-11-12}
        - {member: hv, method: email, date: 2026-11-13, returned: 2026-11-13}
    """,
    failing="""
    format: 2
    profile: jersey
    record:
      meetings:
        - type: core-group
          date: 2026-11-09
          sent: [{document: agreement, to: [mum, hv], date: 2026-11-10}]
    agreement:
      signatures:
        - {member: mum, method: in-person, date: 2026-11-12, returned: 2026-11-12}
        - {member: hv, method: email, date: 2026-11-13}
    """,
)
def signed_copy_returned(ctx) -> Iterator[Hit]:
    """Jersey: the written agreement is "circulated to the Core Group members to be signed" (section
    3), and "The signed agreement should be returned to the social worker within another 5 working
    days" (section 2), counted from when it was sent to them (`timescales.agreement_returned`).
    For each signature of someone the agreement was sent to (`record.meetings[].sent`, document
    `agreement` or `plan`) after they were sent it, `agreement.signatures[].returned` must be within
    the limit; a copy not back once the limit has passed is reported. A signature given before the
    copy was sent (at the meeting itself) needs nothing back. (CPP-T005 judges the meeting's
    `agreement_returned`.)"""
    plan, spec = ctx.plan, timescale(ctx.profile, "agreement_returned")
    if spec is None or plan.agreement is None:
        return
    sent: dict[str, dt.date] = {}
    for _, meeting in meetings_of(plan, "core-group"):
        for who, (day, _) in sent_to(meeting, _AGREEMENT).items():
            sent[who] = max(day, sent.get(who, day))
    for j, sig in enumerate(plan.agreement.signatures):
        when = sent.get(sig.member)
        if when is None or not sig.signed or (sig.date is not None and sig.date < when):
            continue
        exp = deadline(ctx.calendar, when, spec)
        if exp is None:
            continue
        if sig.returned is not None and sig.returned > exp.result:
            yield Hit(("agreement", "signatures", j, "returned"),
                      f"agreement.signatures[{j}]'s signed copy came back later than {spec.text} after it was sent",
                      explain(exp, "signed copy", "it was sent"))
        elif sig.returned is None and ctx.as_of > exp.result:
            yield Hit(("agreement", "signatures", j), f"agreement.signatures[{j}]'s signed copy is not recorded as "
                                                      f"returned, and {spec.text} have passed since it was sent",
                      explain(exp, "signed copy", "it was sent"))


# ----------------------------------------------------------------------------------------------
# Visits


@rule(
    "CPP-L014", "bedroom-seen",
    summary="The social worker sees the child's bedroom on at least every other home visit.",
    level="warning", requirements=("D31",),
    sources=('jersey-plans §3: "See the child/young person\'s bedroom and other area\'s of the home as agreed in the '
             'plan but not less than alternate occasions"',),
    fix="See the child's bedroom at the next home visit and record it (record.visits[].bedroom_seen: true; plan "
        "format 2, so run `cpptool migrate` on a format 1 plan first).",
    passing="""
    format: 2
    profile: jersey
    record:
      visits:
        - {date: 2026-10-30, by: sw, child_seen: true, at_home: true, bedroom_seen: true}
        - {date: 2026-11-05, by: sw, child_seen: true, at_home: true, bedroom_seen: false}
        - {date: 2026-11-13, by: sw, child_seen: true, at_home: true, bedroom_seen: true}
    """,
    failing="""
    format: 2
    profile: jersey
    record:
      visits:
        - {date: 2026-10-30, by: sw, child_seen: true, at_home: true, bedroom_seen: true}
        - {date: 2026-11-05, by: sw, child_seen: true, at_home: true, bedroom_seen: false}
        - {date: 2026-11-13, by: sw, child_seen: true, at_home: true}
    """,
)
def bedroom_seen(ctx) -> Iterator[Hit]:
    """Jersey: the social worker should "See the child/young person's bedroom and other area's of the
    home as agreed in the plan but not less than alternate occasions" (section 3). Of the lead social
    worker's home visits that saw the child (`record.visits[]` with `by` the lead, `at_home: true`),
    no two in a row may both lack `bedroom_seen: true`; the second is reported (a visit that does not
    say is taken as not seen)."""
    visits = [(i, v) for i, v in lead_visits(ctx.plan, ctx.as_of) if v.at_home is True]
    for (_, before), (i, later) in zip(visits, visits[1:]):
        if before.bedroom_seen is not True and later.bedroom_seen is not True:
            yield Hit(("record", "visits", i, "bedroom_seen"),
                      f"record.visits[{i}] is the second home visit in a row without the child's bedroom seen",
                      f"visits on {day_text(before.date)} and {day_text(later.date)}")


@rule(
    "CPP-L015", "baby-seen-awake",
    summary="A baby or infant is seen awake at the social worker's visits.",
    level="warning", requirements=("D31",),
    sources=('jersey-plans §3: "See the child/young person (infants and babies to be seen awake) as agreed in the '
             'Child Protection Plan."',),
    options={"under_months": 12},
    fix="Arrange visits when the baby is awake, and record it (record.visits[].seen_awake: true).",
    passing="""
    format: 2
    profile: jersey
    child: {date_of_birth: 2026-06-01}
    record:
      visits:
        - {date: 2026-11-13, by: sw, child_seen: true, at_home: true, seen_awake: true}
    """,
    failing="""
    format: 2
    profile: jersey
    child: {date_of_birth: 2026-06-01}
    record:
      visits:
        - {date: 2026-11-13, by: sw, child_seen: true, at_home: true, seen_awake: false}
    """,
)
def baby_seen_awake(ctx) -> Iterator[Hit]:
    """Jersey: the social worker should "See the child/young person (infants and babies to be seen
    awake)" (section 3). The chapter gives no age; the option `under_months` (12, cpptool's own
    figure) sets it. Each visit by the lead social worker that saw a child younger than that must
    record `seen_awake: true`."""
    born = ctx.plan.child.date_of_birth
    for i, visit in lead_visits(ctx.plan, ctx.as_of):
        age = months_old(born, visit.date)
        if age is not None and age < ctx.options["under_months"] and visit.seen_awake is not True:
            yield Hit(("record", "visits", i, "seen_awake"), f"record.visits[{i}] saw a baby without recording the "
                                                             "baby seen awake")


_NO_ACCESS = ("access-refused", "not-at-home", "child-unavailable")


@rule(
    "CPP-L016", "access-difficulty-escalated",
    summary="When the child could not be seen, the line manager is told, and (Jersey) a plan of action agreed.",
    level="error", requirements=("D30",),
    sources=('stoke-c06 §03: "If contact with the child/young person is refused or avoided and the child/young person '
             'remains unseen, this must be viewed as a failure to comply with the Child Protection Plan and would '
             'warrant immediate discussion with the lead worker\'s line manager"',
             'jersey-plans §4: "This must result in a plan of action agreed between Core Group members and the Police '
             'including consideration of convening a review conference."'),
    options={"action_plan": False},
    fix="Tell the line manager at once and record when (record.visits[].manager_informed); record the action agreed "
        "(action_agreed).",
    passing="""
    format: 2
    profile: stoke-on-trent
    record:
      visits:
        - {date: 2026-11-13, by: sw, child_seen: false, not_seen_reason: access-refused, manager_informed: 2026-11-13}
    """,
    failing="""
    format: 2
    profile: stoke-on-trent
    record:
      visits:
        - {date: 2026-11-13, by: sw, child_seen: false, not_seen_reason: access-refused}
    """,
)
def access_difficulty(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "If contact with the child/young person is refused or avoided and the
    child/young person remains unseen, this must be viewed as a failure to comply with the Child
    Protection Plan and would warrant immediate discussion with the lead worker's line manager" (C06
    §03). Jersey: the manager "must be informed, as well as other Core Group members. This must result
    in a plan of action agreed between Core Group members and the Police" (section 4).

    A visit that did not see the child because access was refused, the family was not at home or the
    child was kept from view (`not_seen_reason`) must record when the line manager was told
    (`manager_informed`); where the option `action_plan` is on (Jersey), the plan of action agreed
    (`action_agreed`) too."""
    if ctx.plan.record is None:
        return
    for i, visit in enumerate(ctx.plan.record.visits):
        if visit.child_seen or visit.not_seen_reason not in _NO_ACCESS or visit.date > ctx.as_of:
            continue
        if visit.manager_informed is None:
            yield Hit(("record", "visits", i, "manager_informed"),
                      f"record.visits[{i}] did not see the child, and telling the line manager is not recorded")
        if ctx.options["action_plan"] and blank(visit.action_agreed):
            yield Hit(("record", "visits", i, "action_agreed"),
                      f"record.visits[{i}] did not see the child, and no plan of action to see the child is recorded")


# ----------------------------------------------------------------------------------------------
# Risk assessments the procedure requires


def _risk_done(plan, trigger: str, since: dt.date | None) -> bool:
    for a in plan.assessments:
        if a.is_risk and a.is_done and (a.trigger == trigger or (since and a.completed and a.completed >= since)):
            return True
    return False


@rule(
    "CPP-L017", "risk-assessment-triggers",
    summary="A risk assessment is completed when care proceedings are considered, and in particularly complex cases.",
    level="error", requirements=("L9",),
    sources=('jersey-plans §5: "A risk assessment must be completed in the following circumstances: ... When '
             'consideration is being given to the initiation of care proceedings; In particularly complex cases."',),
    fix="Complete the risk assessment and record it in assessments (kind: risk, trigger, status: done, completed).",
    passing="""
    format: 2
    profile: jersey
    legal: {care_proceedings_considered: 2026-11-09}
    assessments:
      - {what: Systematic risk assessment, by: sw, due: 2026-11-20, kind: risk, trigger: care-proceedings,
         status: done, completed: 2026-11-19}
    """,
    failing="""
    format: 2
    profile: jersey
    legal: {care_proceedings_considered: 2026-11-09}
    assessments:
      - {what: Child and family assessment update, by: sw, due: 2026-12-18}
    """,
)
def risk_assessment_triggers(ctx) -> Iterator[Hit]:
    """Jersey: "A risk assessment must be completed in the following circumstances: Prior to
    de-registration; When a case has been on the Child Protection Register for a year; When
    consideration is being given to the initiation of care proceedings; In particularly complex cases"
    (section 5). The first two are CPP-T010's. When `legal.care_proceedings_considered` is recorded,
    a completed risk assessment (`kind: risk`, or `risk_assessment: true`, with `status: done`) for
    that trigger (`trigger: care-proceedings`, or completed on or after that date) must be recorded;
    when `conference.complex_case` is true, one with `trigger: complex-case`."""
    plan = ctx.plan
    considered = plan.legal.care_proceedings_considered if plan.legal else None
    if considered is not None and not _risk_done(plan, "care-proceedings", considered):
        yield Hit(("legal", "care_proceedings_considered"), "care proceedings are being considered and no completed "
                                                            "risk assessment for them is recorded")
    if plan.conference.complex_case is True and not _risk_done(plan, "complex-case", None):
        yield Hit(("conference", "complex_case"), "the case is recorded as particularly complex and no completed risk "
                                                  "assessment for it is recorded")


# ----------------------------------------------------------------------------------------------
# How meetings are run and recorded

MEETING_FULL = """
    format: 2
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
        - {type: core-group, date: 2026-11-16, chair: sw, chair_role: manager, minutes_by: teacher,
           attended: [sw, mum, teacher], apologies: [hv], reports_from: [hv], future_dates: [2026-12-14]}
"""


@rule(
    "CPP-L018", "absent-professionals-report",
    summary="A professional who cannot attend a core group sends a written report.",
    level="error", requirements=("A1",),
    sources=('stoke-c06 §05: "Any professional unable to attend a core group meeting must provide a written report to '
             'the meeting of their view and progress against planned outcomes."',),
    fix="Ask the absent professional for their written report and record it (record.meetings[].reports_from).",
    passing=MEETING_FULL,
    failing="""
    format: 2
    profile: stoke-on-trent
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, chair: sw, minutes_by: teacher, attended: [sw, mum, teacher]}
    """,
)
def absent_professionals_report(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "Any professional unable to attend a core group meeting must provide a written
    report to the meeting of their view and progress against planned outcomes", and "The core group
    minutes must include the written views provided by professionals who were unable to attend the
    meeting" (C06 §05). For each core group recorded in full (`attended`), every professional
    member who did not attend must be in `reports_from`."""
    for i, meeting in meetings_of(ctx.plan, "core-group"):
        if not full_record(meeting):
            continue
        for j, member in enumerate(ctx.plan.core_group):
            if member.kind == "professional" and member.id not in meeting.attended \
                    and member.id not in meeting.reports_from:
                yield Hit(("record", "meetings", i, "reports_from"),
                          f"core_group[{j}] did not attend record.meetings[{i}] and no written report from them is "
                          "recorded")


@rule(
    "CPP-L019", "chair-and-minute-taker",
    summary="Each core group records who chaired it and who took the minutes.",
    level="warning", requirements=("A2",),
    sources=('stoke-c06 §03: "Agree who is to chair and who will take notes"',
             'stoke-c06 §05: "Agree who chairs and who takes notes of the core group"'),
    fix="Record the chair and the minute-taker of each core group (record.meetings[].chair, minutes_by).",
    passing=MEETING_FULL,
    failing="""
    format: 2
    profile: stoke-on-trent
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, attended: [sw, mum, teacher, hv]}
    """,
)
def chair_and_minute_taker(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: the lead worker must "Agree who is to chair and who will take notes" (C06 §03);
    the core group is responsible to "Agree who chairs and who takes notes of the core group" (§05).
    Each core group recorded in full (`attended`) records its `chair` and `minutes_by`."""
    for i, meeting in meetings_of(ctx.plan, "core-group"):
        if not full_record(meeting):
            continue
        for name in ("chair", "minutes_by"):
            if blank(getattr(meeting, name)):
                yield Hit(("record", "meetings", i, name), f"record.meetings[{i}] does not record "
                          + ("who chaired it" if name == "chair" else "who took the minutes"))


@rule(
    "CPP-L020", "first-core-group-led-by-manager",
    summary="The first core group is led by the social worker's manager.",
    level="warning", requirements=("A3",),
    sources=('jersey-plans §3: "Convene and lead second and subsequent Core Group meetings (the first Core Group '
             'meeting having been led by their manager)"',),
    fix="Record who led the first core group (record.meetings[].chair_role: manager).",
    passing=MEETING_FULL,
    failing="""
    format: 2
    profile: jersey
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
        - {type: core-group, date: 2026-11-16, chair: sw, chair_role: lead-social-worker, attended: [sw, mum]}
    """,
)
def first_led_by_manager(ctx) -> Iterator[Hit]:
    """Jersey: the social worker should "Convene and lead second and subsequent Core Group meetings
    (the first Core Group meeting having been led by their manager)" (section 3). The first core group
    after the initial conference, once recorded in full (`attended`, or `chair_role`), must record
    `chair_role: manager`. (Complex cases "will continue to be led by a manager"; later core groups
    are not judged.)"""
    start = initial_conference(ctx.plan)
    if start is None:
        return
    after = [(i, m) for i, m in meetings_of(ctx.plan, "core-group") if m.date >= start.date]
    if not after:
        return
    i, meeting = after[0]
    if (full_record(meeting) or meeting.chair_role) and meeting.chair_role != "manager":
        yield Hit(("record", "meetings", i, "chair_role"), f"record.meetings[{i}] is the first core group and is not "
                                                           "recorded as led by the social worker's manager")


@rule(
    "CPP-L021", "future-dates-agreed",
    summary="The first core group after each conference agrees the dates of the next ones; a moved meeting is "
            "confirmed in writing.",
    level="error", requirements=("A4",),
    sources=('jersey-plans §4: "Dates for future meetings must be agreed at the first Core Group meeting following each '
             'conference. Where a meeting needs to be rescheduled, this must be confirmed in writing to all concerned by '
             'the social worker."',),
    fix="Record the dates agreed (record.meetings[].future_dates), and when a moved meeting was confirmed in writing "
        "(rescheduled.confirmed_in_writing).",
    passing=MEETING_FULL,
    failing="""
    format: 2
    profile: jersey
    record:
      meetings:
        - {type: initial-conference, date: 2026-11-02}
        - {type: core-group, date: 2026-11-16, chair: sw, minutes_by: teacher, attended: [sw, mum, teacher]}
    """,
)
def future_dates_agreed(ctx) -> Iterator[Hit]:
    """Jersey: "Dates for future meetings must be agreed at the first Core Group meeting following each
    conference. Where a meeting needs to be rescheduled, this must be confirmed in writing to all
    concerned by the social worker" (section 4). The first core group after each conference, recorded
    in full (`attended`), lists the dates agreed (`future_dates`); every core group moved from its
    date (`rescheduled`) records when that was confirmed in writing."""
    for i, meeting in first_core_groups(ctx.plan):
        if full_record(meeting) and not meeting.future_dates:
            yield Hit(("record", "meetings", i, "future_dates"), f"record.meetings[{i}] is the first core group after a "
                                                                 "conference and records no dates agreed for the next ones")
    for i, meeting in meetings_of(ctx.plan, "core-group"):
        if meeting.rescheduled is not None and meeting.rescheduled.confirmed_in_writing is None:
            yield Hit(("record", "meetings", i, "rescheduled", "confirmed_in_writing"),
                      f"record.meetings[{i}] was moved and the new date is not recorded as confirmed in writing")


@rule(
    "CPP-L022", "conference-date-changed",
    summary="A conference moved from its date records the exceptional reason and the manager who agreed it.",
    level="warning", requirements=("A6",),
    sources=('jersey-plans review conferences: "Dates for conferences should usually only be changed in exceptional '
             'circumstances and with the agreement of the Manager of Independent Safeguarding and Standards."',),
    fix="Record why the conference moved and who agreed (record.meetings[].rescheduled.reason, agreed_by).",
    passing="""
    format: 2
    profile: jersey
    record:
      meetings:
        - {type: review-conference, date: 2026-11-20, rescheduled: {from: 2026-11-13, reason: The chair was ill.,
           agreed_by: Manager of Independent Safeguarding and Standards}}
    """,
    failing="""
    format: 2
    profile: jersey
    record:
      meetings:
        - {type: review-conference, date: 2026-11-20, rescheduled: {from: 2026-11-13}}
    """,
)
def conference_date_changed(ctx) -> Iterator[Hit]:
    """Jersey: "Dates for conferences should usually only be changed in exceptional circumstances and
    with the agreement of the Manager of Independent Safeguarding and Standards" (review
    conferences). A conference in the record moved from its date (`rescheduled`) records the
    `reason` and who agreed (`agreed_by`)."""
    for kind in ("initial-conference", "review-conference"):
        for i, meeting in meetings_of(ctx.plan, kind):
            moved = meeting.rescheduled
            if moved is None:
                continue
            for name, what in (("reason", "why"), ("agreed_by", "who agreed")):
                if blank(getattr(moved, name)):
                    yield Hit(("record", "meetings", i, "rescheduled", name),
                              f"record.meetings[{i}] is a conference moved from its date, and {what} is not recorded")


@rule(
    "CPP-L023", "professionals-attend",
    summary="Professionals in the core group attend its meetings and conferences (with a progress report, where the "
            "procedure asks).",
    level="warning", requirements=("A7",),
    sources=('stoke-c06 §05: "Professionals who are members of the core group and have responsibilities within the '
             'Child Protection Plan are expected to attend all core group meetings"',
             'southwark-2019: "attend all child protection conferences and core group meetings with a progress report '
             'on the child and their family"'),
    options={"with_report": False, "conferences": False},
    fix="Record who attended each meeting (record.meetings[].attended) and the reports received (reports_from); "
        "follow up with professionals who did not attend.",
    passing=MEETING_FULL,
    failing="""
    format: 2
    profile: stoke-on-trent
    record:
      meetings:
        - {type: core-group, date: 2026-11-16, chair: sw, minutes_by: sw, attended: [sw, mum], reports_from: [teacher, hv]}
    """,
)
def professionals_attend(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "Professionals who are members of the core group and have responsibilities within
    the Child Protection Plan are expected to attend all core group meetings" (C06 §05). The 2019
    council page: practitioners "attend all child protection conferences and core group meetings with
    a progress report on the child and their family". For each meeting recorded in full (`attended`):
    core groups, and conferences too where the option `conferences` is on, every professional member
    attended; where the option `with_report` is on, each brought a report (`reports_from`)."""
    kinds = ("core-group",) + (("initial-conference", "review-conference") if ctx.options["conferences"] else ())
    for kind in kinds:
        for i, meeting in meetings_of(ctx.plan, kind):
            if not full_record(meeting):
                continue
            for j, member in enumerate(ctx.plan.core_group):
                if member.kind != "professional":
                    continue
                if member.id not in meeting.attended:
                    yield Hit(("record", "meetings", i, "attended"),
                              f"core_group[{j}] is a professional who did not attend record.meetings[{i}]")
                elif ctx.options["with_report"] and member.id not in meeting.reports_from:
                    yield Hit(("record", "meetings", i, "reports_from"),
                              f"core_group[{j}] attended record.meetings[{i}] without a progress report recorded")


# ----------------------------------------------------------------------------------------------
# The manager's countersignature, and dates to avoid


@rule(
    "CPP-L024", "manager-countersignature",
    summary="Once the plan has been circulated, the manager has read and countersigned it.",
    level="warning", requirements=("D25",), stages=("detailed",),
    sources=('stoke-c06 §04: "The manager should: ... Read and countersign conference reports and the Child Protection '
             'Plan"',),
    fix="Ask the lead worker's manager to read and countersign the plan, and record it (agreement.countersigned: by, "
        "role, date).",
    passing="""
    format: 2
    profile: stoke-on-trent
    agreement: {circulated: 2026-11-18, countersigned: {by: Pat Example, role: Team manager, date: 2026-11-17}}
    """,
    failing="""
    format: 2
    profile: stoke-on-trent
    agreement: {circulated: 2026-11-18}
    """,
)
def manager_countersignature(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent: "The manager should: ... Read and countersign conference reports and the Child
    Protection Plan" (C06 §04). A detailed plan that has gone out (`agreement.circulated`, or the
    agreement or plan in a meeting's `sent`) records the countersignature, with its date
    (`agreement.countersigned`). A draft not yet circulated is not judged."""
    plan, agreement = ctx.plan, ctx.plan.agreement
    if agreement is None:
        return
    circulated = agreement.circulated is not None or any(sent_to(m, _AGREEMENT) for _, m in
                                                          meetings_of(plan, "core-group"))
    if not circulated:
        return
    signed = agreement.countersigned
    if signed is None or blank(signed.by) or signed.date is None:
        yield Hit(("agreement", "countersigned"), "the plan has been circulated but the manager's countersignature "
                                                  "(who, and when) is not recorded")


def _planned(plan, as_of: dt.date) -> Iterator[tuple[tuple, dt.date]]:
    m = plan.meetings
    if m is not None:
        for name in ("first_core_group", "first_review_conference", "next_review_conference"):
            if getattr(m, name) is not None:
                yield ("meetings", name), getattr(m, name)
    for i, meeting in enumerate(plan.record.meetings if plan.record else []):
        for k, day in enumerate(meeting.future_dates):
            if day >= as_of:
                yield ("record", "meetings", i, "future_dates", k), day


@rule(
    "CPP-L025", "meeting-on-date-to-avoid",
    summary="No meeting with the family is booked on a date the plan says to avoid, such as a religious festival.",
    level="warning", requirements=("D16",),
    sources=('jersey-plans §2: "Ethnic / cultural / religious considerations e.g. necessity for an interpreter, '
             'avoidance of appointments with family on significant religious festivals"',
             'implementation-2008 §3.iii: "ethnic / cultural / religious considerations e.g. necessity for an '
             'interpreter, avoidance of appointments with family on significant religious festivals"'),
    fix="Move the meeting to another date, or correct dates_to_avoid.",
    passing="""
    format: 2
    dates_to_avoid: [{date: 2027-03-20, reason: Eid al-Fitr}]
    """,
    failing="""
    format: 2
    dates_to_avoid: [{date: 2027-01-26, reason: A family religious festival}]
    """,
)
def meeting_on_date_to_avoid(ctx) -> Iterator[Hit]:
    """The detailed plan covers "Ethnic / cultural / religious considerations e.g. necessity for an
    interpreter, avoidance of appointments with family on significant religious festivals" (Jersey
    section 2; the 2008 procedure §3.iii in the same words). Dates to avoid are recorded as dates
    (`dates_to_avoid`: a `date`, or `from` and `to`, with the reason); a planned core group or review
    conference (`meetings`), or a date agreed for a future core group that is still to come, on one of
    them is reported. An entry with no date is reported too."""
    plan = ctx.plan
    spans = []
    for k, avoid in enumerate(plan.dates_to_avoid):
        days = avoid.days()
        if days is None:
            yield Hit(("dates_to_avoid", k), f"dates_to_avoid[{k}] gives no date (date, or from and to)")
        else:
            spans.append((k, days))
    for path, day in _planned(plan, ctx.as_of):
        for k, (first, last) in spans:
            if first <= day <= last:
                yield Hit(path, f"a meeting is booked on a date to avoid (dates_to_avoid[{k}])", day_text(day))
                break
