"""The plan file format: one YAML file per child's plan.

These models are the single source of truth for the shape of a plan; schemas/plan.schema.json
is generated from them (`make schema`) and a test fails when the two drift apart.

The models check shape and types only. Whether a plan is complete, on time or well written
is judged by the rules, which cite the procedure that requires each thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

import re

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"),
    Field(description="A short identifier, e.g. m1, a3 or mum: a letter, then letters, digits, - or _."),
]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Date = Annotated[dt.date, Field(description="A date written as YYYY-MM-DD, e.g. 2026-11-23.")]
_DATE_LIKE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")


def _no_impossible_date(value: str) -> str:
    if _DATE_LIKE.match(value):
        raise PydanticCustomError("not_a_real_date", "this is not a real date (the month has no such day)")
    return value


# A due date, or a written timescale such as "every week"; rules judge vague ones ("ongoing").
DateOrText = Union[dt.date, Annotated[Text, AfterValidator(_no_impossible_date)]]
MemberKind = Literal["professional", "parent", "carer", "family", "child"]
ConferenceType = Literal["initial", "review", "transfer-in"]
ActionStatus = Literal["not-started", "in-progress", "done", "not-done", "cancelled"]
SignatureMethod = Literal["in-person", "electronic", "email"]
MeetingType = Literal["core-group", "review-conference", "initial-conference", "strategy-discussion"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, coerce_numbers_to_str=True)


class TemplateStamp(Model):
    """Which template `cpptool new` started this plan from."""

    id: str
    version: str


class Child(Model):
    """The child the plan protects."""

    id: Text = Field(description="The case-record identifier (not the child's name).")
    name: Text
    preferred_name: Optional[Text] = None
    date_of_birth: Optional[Date] = Field(None, description="Leave empty for an unborn child.")
    expected_birth_date: Optional[Date] = Field(None, description="For a pre-birth plan.")
    first_language: Optional[Text] = None
    preferred_language: Optional[Text] = None
    interpreter_needed: Optional[bool] = None
    disability: Optional[Text] = Field(None, description="Disability and any needs arising from it, or 'none known'.")
    communication_needs: Optional[Text] = None
    culture_and_religion: Optional[Text] = None
    lives_with: Optional[Text] = None


class Decision(Model):
    """The conference decision that the threshold for a plan was met (O1)."""

    threshold_met: bool
    consensus: Optional[bool] = None
    reasons: Optional[Text] = Field(None, description="Why; required when the chair decided without consensus.")


class Dissent(Model):
    """A recorded disagreement and its reasons."""

    by: Text = Field(description="A core group member id, or who disagreed.")
    about: Optional[Text] = None
    reasons: Optional[Text] = None


class Conference(Model):
    """The child protection conference that made or reviewed the plan."""

    type: ConferenceType
    date: Date
    chair: Optional[Text] = None
    pre_birth: bool = False
    strategy_discussion: Optional[Date] = Field(None, description="The strategy discussion that started the enquiries.")
    plan_start: Optional[Date] = Field(None, description="When the child's plan began; defaults to the initial conference date.")
    move_notified: Optional[Date] = Field(None, description="For a transfer-in conference: when the move was notified.")
    decision: Optional[Decision] = None
    categories: list[Text] = Field(default_factory=list, description="Categories of abuse by DfE code: NEG, PHY, SAB, EMO, MUL.")
    categories_reason: Optional[Text] = Field(None, description="Why more than one category applies.")
    areas_of_concern: list[Text] = Field(default_factory=list, description="Scotland: areas of concern instead of categories.")
    dissent: list[Dissent] = Field(default_factory=list)
    bring_forward_if: Optional[Text] = Field(None, description="Circumstances that would bring the review conference forward.")


class CoreGroupMember(Model):
    """A member of the core group: a professional, a parent or carer, a relative, or the child."""

    id: Id
    name: Text
    role: Text
    kind: MemberKind = Field(description="professional, parent, carer, family or child.")
    agency: Optional[Text] = None
    language: Optional[Text] = None
    responsibilities: Optional[Text] = Field(None, description="This member's role in the plan (D9).")
    sees_child: Optional[Text] = Field(None, description="How often this member sees the child, e.g. 'every school day' (D10).")
    needs_interpreter: Optional[bool] = None
    disability: Optional[Text] = None


class Concern(Model):
    """What we are worried about: a concern or risk of harm."""

    id: Id
    text: Text
    risk: Optional[Text] = Field(None, description="What could happen to the child if nothing changes.")


class Outcome(Model):
    """A safety goal for the child."""

    id: Id
    goal: Text
    concerns: list[Id] = Field(default_factory=list, description="The concerns this goal answers.")
    measure: Optional[Text] = Field(None, description="How everyone will know the goal is met.")
    by: Optional[DateOrText] = Field(None, description="The timescale: a date, or a written timescale.")
    term: Optional[Literal["short", "long"]] = None
    sustain_for: Optional[Text] = None


class Action(Model):
    """Who does what, by when, and how we will know."""

    id: Id
    what: Text
    owner: Optional[Id] = Field(None, description="The core group member id of the person responsible.")
    due: Optional[DateOrText] = Field(None, description="A due date (YYYY-MM-DD).")
    frequency: Optional[Text] = Field(None, description="For repeated actions, e.g. 'weekly' or 'every 2 weeks'.")
    outcome: Optional[Id] = Field(None, description="The outcome (safety goal) this action works towards.")
    concerns: list[Id] = Field(default_factory=list)
    success_measure: Optional[Text] = None
    support: Optional[Text] = Field(None, description="Support offered to the person doing this action.")
    status: ActionStatus = "not-started"


class Need(Model):
    """An identified need of the child or a family member, and the services that meet it (D4)."""

    need: Text
    for_: Optional[Text] = Field(None, alias="for", description="A member id, or 'child'.")
    services: list[Text] = Field(default_factory=list)


class Parenting(Model):
    """Parenting strengths and difficulties, and the support to overcome them (D13)."""

    strengths: list[Text] = Field(default_factory=list)
    difficulties: list[Text] = Field(default_factory=list)
    support: list[Text] = Field(default_factory=list)


class Monitoring(Model):
    """How progress is monitored and which professional checks it (O15, D11)."""

    how: Text
    checked_by: Optional[Id] = None
    reports_to: Optional[Id] = None


class Unannounced(Model):
    decided: bool
    details: Optional[Text] = None


class Visits(Model):
    """The lead social worker's visits to the child."""

    frequency: Optional[Text] = Field(None, description="e.g. 'every 2 weeks' or 'every 10 working days'.")
    unannounced: Optional[Unannounced] = None
    see_child_alone: Optional[bool] = None
    seen_alone_arrangements: Optional[Text] = Field(None, description="When and where the child is seen alone, or why not.")
    at_home: Optional[bool] = None


class Assessment(Model):
    """An assessment still to be done: what, by whom, by when."""

    what: Text
    by: Optional[Id] = None
    due: Optional[Date] = None
    specialist: bool = False
    risk_assessment: bool = Field(False, description="A systematic risk assessment (Jersey: after a year).")
    status: Literal["planned", "in-progress", "done"] = "planned"
    completed: Optional[Date] = None


class View(Model):
    """Someone's views, and whether the plan follows them."""

    views: Text
    how_obtained: Optional[Text] = None
    followed: Optional[bool] = None
    why_not_followed: Optional[Text] = None


class ParentView(View):
    member: Id


class Views(Model):
    child: Optional[View] = None
    parents: list[ParentView] = Field(default_factory=list)
    not_sought_reason: Optional[Text] = Field(None, description="Why the child's views could not be sought (e.g. a baby).")


class ContingencyStep(Model):
    """What happens if things do not change or get worse."""

    trigger: Text
    concerns: list[Id] = Field(default_factory=list)
    action: Text
    who: Optional[Id] = None


class Meetings(Model):
    first_core_group: Optional[Date] = None
    core_group_frequency: Optional[Text] = None
    core_group_venue: Optional[Text] = None
    core_group_purpose: Optional[Text] = None
    first_review_conference: Optional[Date] = None
    next_review_conference: Optional[Date] = None


class Signature(Model):
    """One signatory of the written agreement."""

    member: Id
    signed: bool = True
    method: Optional[SignatureMethod] = None
    date: Optional[Date] = None
    reason_not_signed: Optional[Text] = None


class Agreement(Model):
    """The written agreement that the detailed plan becomes (W1-W14)."""

    language: Optional[Text] = Field(None, description="The language of the family's copy.")
    child_copy_language: Optional[Text] = None
    complaints_explained: Optional[bool] = None
    legal_proceedings_notice: Optional[bool] = None
    explained_to_child: Optional[bool] = None
    interpreter_used: Optional[bool] = None
    circulated: Optional[Date] = None
    signatures: list[Signature] = Field(default_factory=list)
    dissent: list[Dissent] = Field(default_factory=list)


class MeetingHeld(Model):
    type: MeetingType
    date: Date
    minutes_circulated: Optional[Date] = None
    agreement_returned: Optional[Date] = None


class VisitMade(Model):
    date: Date
    by: Optional[Id] = None
    child_seen: bool = True
    seen_alone: Optional[bool] = None
    at_home: Optional[bool] = None
    unannounced: Optional[bool] = None


class ActionCompleted(Model):
    action: Id
    date: Date
    evidence: Optional[Text] = None


class Record(Model):
    """What has happened since the plan was made."""

    meetings: list[MeetingHeld] = Field(default_factory=list)
    visits: list[VisitMade] = Field(default_factory=list)
    actions_completed: list[ActionCompleted] = Field(default_factory=list)


class Waiver(Model):
    """An agreed exception that silences one finding."""

    rule: Text = Field(description="The rule code, e.g. CPP-Q003.")
    path: Optional[Text] = Field(None, description="The YAML path of the finding, e.g. actions[2].owner.")
    reason: Optional[Text] = None
    agreed_by: Optional[Text] = None
    date: Optional[Date] = None


class Ending(Model):
    """A proposal or decision to end the plan."""

    proposed: Date = Field(description="When ending the plan was first proposed or considered.")
    reason: Optional[Text] = None
    exception: Optional[Literal["died", "moved-away", "interim-care-order", "other"]] = Field(
        None, description="An exception that allows ending the plan early (Stoke-on-Trent S001 §07).")


class ChildVersion(Model):
    """Words for the child's own copy, written with the child (Words and Pictures style)."""

    why_we_are_worried: Text
    what_is_going_well: Optional[Text] = None
    what_will_happen: Text
    who_can_help: Optional[Text] = None


class Plan(Model):
    """A child protection plan, outline or detailed."""

    model_config = ConfigDict(extra="forbid", title="cpptool child protection plan")

    format: Literal[1] = Field(description="The plan file format version.")
    profile: Optional[str] = Field(None, description="The procedure profile, e.g. england or north-yorkshire.")
    stage: Literal["outline", "detailed"]
    template: Optional[TemplateStamp] = None
    child: Child
    conference: Conference
    lead_social_worker: Optional[Id] = Field(None, description="The core group member id of the lead social worker.")
    core_group: list[CoreGroupMember] = Field(default_factory=list)
    family_involvement: Optional[Text] = Field(None, description="How the child and family are involved; support and advocacy (O6).")
    concerns: list[Concern] = Field(default_factory=list)
    strengths: list[Text] = Field(default_factory=list)
    needs_to_change: list[Text] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    parenting: Optional[Parenting] = None
    monitoring: Optional[Monitoring] = None
    visits: Optional[Visits] = None
    assessments: list[Assessment] = Field(default_factory=list)
    views: Optional[Views] = None
    contingency: list[ContingencyStep] = Field(default_factory=list)
    meetings: Optional[Meetings] = None
    agreement: Optional[Agreement] = None
    record: Optional[Record] = None
    birth_plan: Optional[Text] = Field(None, description="Pre-birth plans: who tells whom of the birth, and what happens then.")
    ending: Optional[Ending] = None
    child_version: Optional[ChildVersion] = None
    waivers: list[Waiver] = Field(default_factory=list)

    def member(self, member_id: str | None) -> CoreGroupMember | None:
        for m in self.core_group:
            if m.id == member_id:
                return m
        return None


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    """Whole years between a date of birth and `day`; None for an unborn child."""
    if born is None or born > day:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
