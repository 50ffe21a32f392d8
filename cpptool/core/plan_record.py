"""The plan's whole life (plan format 2): meetings and visits as they happened, what was sent to
whom, the child's legal status, moves between areas, and how the plan ended.

A social worker fills these in as things happen. Every field is optional unless a procedure makes
it required; each has a description and an example, which editors show from the schema. The
models check shape only: the lifecycle rules (cpptool/rules/lifecycle.py) judge them against the
procedures.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from cpptool.core.plan_format import DateToAvoidMethods
from cpptool.core.plan_types import Date, Dissent, Id, Model, Text, since2

MeetingType = Literal["core-group", "review-conference", "initial-conference", "strategy-discussion"]
Document = Literal["minutes", "agreement", "plan", "conference-record", "decision-letter"]
ChairRole = Literal["lead-social-worker", "manager", "conference-chair", "other"]
NotSeenReason = Literal["access-refused", "not-at-home", "child-unavailable", "other"]
LegalStatus = Literal["none", "accommodated", "interim-care-order", "care-order", "emergency-protection-order",
                      "police-protection", "supervision-order", "other"]
EndedHow = Literal["review-conference", "letter", "transfer", "eighteenth-birthday", "became-looked-after",
                   "child-died", "moved-away"]
EndingGround = Literal["no-longer-at-risk", "assessment-complete", "abuser-no-contact", "looked-after",
                       "cared-for-by-relatives", "reached-18", "died", "moved-to-another-area", "left-the-country"]
# Roles a document may be sent to besides the core group's members (record.meetings[].sent[].to).
ROLES = ("conference-chair", "conference-and-review-manager", "team-manager", "iro-manager", "all-invited")


class Sent(Model):
    """One document sent after a meeting: what, to whom, and when."""

    document: Document = Field(description="minutes, agreement (the written agreement), plan, conference-record or "
                                           "decision-letter.", examples=["minutes"])
    to: list[Text] = Field(description="Core group member ids, or roles: conference-chair, conference-and-review-"
                                       "manager, team-manager, iro-manager, all-invited.",
                           examples=[["sw", "mum", "teacher", "conference-chair"]])
    date: Date = Field(description="The date it was sent.", examples=["2026-11-18"])


class MeetingDecision(Model):
    """A decision the meeting made, why, and who disagreed."""

    decision: Text = Field(description="What was decided.", examples=["The plan continues; the next review is in six "
                                                                      "months."])
    reasons: Optional[Text] = Field(None, description="Why.", examples=["Riley is safer but the home is not yet stable."])
    dissent: list[Dissent] = Field(default_factory=list, description="Who disagreed, and their reasons.",
                                   examples=[[{"by": "dad", "reasons": "He thinks the plan is no longer needed."}]])


class Rescheduled(Model):
    """A meeting moved from its agreed date."""

    from_: Date = Field(alias="from", description="The date it was first set for.", examples=["2026-12-07"])
    reason: Optional[Text] = Field(None, description="Why it moved.", examples=["The school nurse was ill."])
    agreed_by: Optional[Text] = Field(None, description="Who agreed the change (for a conference: the manager).",
                                      examples=["Manager of Independent Safeguarding and Standards"])
    confirmed_in_writing: Optional[Date] = Field(None, description="When the new date was confirmed in writing to all "
                                                                   "concerned.", examples=["2026-12-03"])


class MeetingHeld(Model):
    """A meeting that took place: a conference, a core group or a strategy discussion."""

    type: MeetingType
    date: Date
    minutes_circulated: Optional[Date] = None
    agreement_returned: Optional[Date] = None
    chair: Optional[Text] = since2("Who chaired: a core group member id, or their name and role.", "sw")
    chair_role: Optional[ChairRole] = since2("The chair's role: lead-social-worker, manager, conference-chair or other.",
                                             "manager")
    minutes_by: Optional[Text] = since2("Who took the minutes (notes): a member id, or their name and role.", "teacher")
    attended: list[Text] = since2("Who attended: core group member ids (or names of others).", ["sw", "mum", "teacher"],
                                  many=True)
    apologies: list[Text] = since2("Who sent apologies: core group member ids.", ["hv"], many=True)
    reports_from: list[Text] = since2("Whose written reports the meeting received: core group member ids.", ["hv"], many=True)
    quorate: Optional[bool] = since2("For a conference: whether it was quorate.", True)
    decisions: list[MeetingDecision] = since2("Decisions made, with reasons and any dissent.",
                                              [{"decision": "The plan continues.", "reasons": "Progress is not yet "
                                                                                            "sustained."}],
                                              many=True)
    future_dates: list[Date] = since2("Dates agreed at this meeting for the next core groups.",
                                      ["2026-12-14", "2027-01-11"], many=True)
    rescheduled: Optional[Rescheduled] = since2("If the meeting moved from its agreed date: from when, why, who agreed, "
                                                "and when it was confirmed in writing.",
                                                {"from": "2026-12-07", "confirmed_in_writing": "2026-12-03"})
    sent: list[Sent] = since2("What was sent after the meeting, to whom, and when (the distribution list).",
                              [{"document": "minutes", "to": ["sw", "mum"], "date": "2026-11-18"}], many=True)


class VisitMade(Model):
    """A visit to the child that took place (or was attempted)."""

    date: Date
    by: Optional[Id] = None
    child_seen: bool = True
    seen_alone: Optional[bool] = None
    at_home: Optional[bool] = None
    unannounced: Optional[bool] = None
    place: Optional[Text] = since2("Where the child was seen, when not at home.", "school")
    bedroom_seen: Optional[bool] = since2("Whether the child's bedroom was seen.", True)
    seen_awake: Optional[bool] = since2("For a baby or infant: whether they were seen awake.", True)
    not_seen_reason: Optional[NotSeenReason] = since2("When the child was not seen, why: access-refused, not-at-home, "
                                                      "child-unavailable or other.", "access-refused")
    manager_informed: Optional[Date] = since2("When the line manager was told that the child could not be seen.",
                                              "2026-11-12")
    action_agreed: Optional[Text] = since2("What was agreed to gain access (e.g. with the core group and the police).",
                                           "Joint visit with the police on 13 November.")


class ActionCompleted(Model):
    action: Id
    date: Date
    evidence: Optional[Text] = None


class Record(Model):
    """What has happened since the plan was made."""

    meetings: list[MeetingHeld] = Field(default_factory=list)
    visits: list[VisitMade] = Field(default_factory=list)
    actions_completed: list[ActionCompleted] = Field(default_factory=list)


class Objection(Model):
    """An agency's objection to ending the plan by letter."""

    by: Text = Field(description="A core group member id, or the agency.", examples=["hv"])
    date: Optional[Date] = Field(None, description="When it was received.", examples=["2027-01-20"])
    reasons: Optional[Text] = Field(None, description="Why.", examples=["The health visitor wants a review conference."])


class ByLetter(Model):
    """North Yorkshire standard 12: ending a plan by the chair's letter."""

    unanimous: Optional[bool] = Field(None, description="Whether the professionals at the initial conference agreed "
                                                        "unanimously.", examples=[True])
    circumstances: Optional[Text] = Field(None, description="Exactly what the child's circumstances must be before the "
                                                            "plan can end, as recorded at the conference.",
                                          examples=["Riley lives with her grandmother under a special guardianship order."])
    chair_satisfied: Optional[Date] = Field(None, description="When the chair confirmed the arrangements are in place "
                                                              "as agreed.", examples=["2027-01-08"])
    letter_date: Optional[Date] = Field(None, description="The date of the chair's letter proposing the end.",
                                        examples=["2027-01-11"])
    objections_by: Optional[Date] = Field(None, description="The deadline the letter gives agencies to object.",
                                          examples=["2027-01-21"])
    objections: list[Objection] = Field(default_factory=list, description="Agencies that objected within the notice.",
                                        examples=[[]])


class Ending(Model):
    """A proposal or decision to end the plan, and (format 2) how it ended."""

    proposed: Date = Field(description="When ending the plan was first proposed or considered.")
    reason: Optional[Text] = None
    exception: Optional[Literal["died", "moved-away", "interim-care-order", "other"]] = Field(
        None, description="An exception that allows ending the plan early (Stoke-on-Trent S001 §07).")
    date: Optional[Date] = since2("When the plan ended; empty while it is only proposed.", "2027-02-01")
    how: Optional[EndedHow] = since2("How it ended: review-conference, letter, transfer, eighteenth-birthday, "
                                     "became-looked-after, child-died or moved-away.", "review-conference")
    ground: Optional[EndingGround] = since2("The ground: no-longer-at-risk, assessment-complete, abuser-no-contact, "
                                            "looked-after, cared-for-by-relatives, reached-18, died, "
                                            "moved-to-another-area or left-the-country.", "no-longer-at-risk")
    decided_by: Optional[Text] = since2("Who decided: the conference, or the people who agreed it.",
                                        "Review conference chaired by the IRO")
    decided: Optional[Date] = since2("When it was decided to end the plan.", "2027-02-01")
    by_letter: Optional[ByLetter] = since2("For an ending by the chair's letter (North Yorkshire standard 12).",
                                           {"unanimous": True, "letter_date": "2027-01-11"})
    support_after: Optional[Text] = since2("The help and services that continue after the plan (e.g. a child in need "
                                           "plan), or why none is needed.", "A child in need plan, reviewed in 3 months.")


class LegalPeriod(Model):
    """The child's legal status over a period."""

    status: LegalStatus = Field(description="none, accommodated (section 20 or local equivalent), interim-care-order, "
                                            "care-order, emergency-protection-order, police-protection, "
                                            "supervision-order or other.", examples=["interim-care-order"])
    from_: Date = Field(alias="from", description="From when.", examples=["2027-01-04"])
    to: Optional[Date] = Field(None, description="Until when; empty while it lasts.", examples=["2027-06-30"])
    details: Optional[Text] = Field(None, description="The order or agreement, and the court.",
                                    examples=["Interim care order, Exampleton Family Court"])


class Legal(Model):
    """The child's legal status, and what the procedures ask about it (plan format 2)."""

    status: list[LegalPeriod] = Field(default_factory=list, description="Each legal status, with dates.",
                                      examples=[[{"status": "interim-care-order", "from": "2027-01-04"}]])
    lives_with_family: Optional[bool] = Field(None, description="Whether the child lives with the family now.",
                                              examples=[False])
    abuser_unsupervised_contact: Optional[bool] = Field(
        None, description="Whether the alleged abuser has unsupervised contact with the child.", examples=[False])
    care_proceedings_considered: Optional[Date] = Field(
        None, description="When the local authority began to consider care proceedings.", examples=["2026-12-01"])
    both_plans_reason: Optional[Text] = Field(
        None, description="While the child is looked after and still on the plan: the exceptional circumstances.",
        examples=["The plan stays until the court decides whether Riley goes home."])


class TransferIn(Model):
    """The child moved here on a plan from another area."""

    from_authority: Text = Field(description="The area the child moved from.", examples=["Exampleshire"])
    notified: Optional[Date] = Field(None, description="When this area was told of the move.", examples=["2026-10-20"])
    conference: Optional[Date] = Field(None, description="The date of the transfer-in conference.",
                                       examples=["2026-11-06"])


class TransferOut(Model):
    """The child moved from here on a plan to another area."""

    to_authority: Text = Field(description="The area the child moved to.", examples=["Exampleshire"])
    notified: Optional[Date] = Field(None, description="When the receiving area was told.", examples=["2027-01-05"])
    receiving_conference: Optional[Date] = Field(None, description="The date of the receiving area's transfer "
                                                                   "conference.", examples=["2027-01-22"])


class Countersignature(Model):
    """A manager's countersignature of the plan (Stoke-on-Trent C06 §04)."""

    by: Text = Field(description="The manager's name.", examples=["Pat Example"])
    role: Optional[Text] = Field(None, description="Their role.", examples=["Team manager"])
    date: Optional[Date] = Field(None, description="When they countersigned.", examples=["2026-11-19"])


CopyForm = Literal["standard", "translated", "easy-read", "large-print", "braille", "audio", "child-version"]


class Copy(Model):
    """The copy of the plan one person receives: its language and form."""

    member: Text = Field(description="A core group member id, or 'child'.", examples=["mum"])
    language: Optional[Text] = Field(None, description="The language of their copy.", examples=["Polish"])
    form: list[CopyForm] = Field(default_factory=list, description="translated, easy-read, large-print, braille, "
                                                                   "audio, child-version or standard.",
                                 examples=[["translated"]])


class DateToAvoid(DateToAvoidMethods, Model):
    """A date on which no meeting with the family should be booked (e.g. a religious festival)."""

    date: Optional[Date] = Field(None, description="One date.", examples=["2027-03-20"])
    from_: Optional[Date] = Field(None, alias="from", description="Or the first day of a period.",
                                  examples=["2027-03-10"])
    to: Optional[Date] = Field(None, description="And its last day.", examples=["2027-03-12"])
    reason: Text = Field(description="Why (e.g. the festival).", examples=["Eid al-Fitr"])
