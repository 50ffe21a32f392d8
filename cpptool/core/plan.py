"""The plan file format: one YAML file per child's plan.

These models are the single source of truth for the shape of a plan. `make schema` generates
from them schemas/plan.schema.json and cpptool/core/plan_shape.py, from which plan_objects.py reads
plans without building these models' validators; tests fail when either drifts from them.

Format 2 (plan_record.py) records the plan's whole life: meetings as held, who was sent what, visits,
legal status, moves, and how the plan ended. Format 1 plans are still read; a format 2 field in one is
refused with a pointer to `cpptool migrate`.

The models check shape and types only. Whether a plan is complete, on time or well written
is judged by the rules, which cite the procedure that requires each thing.
"""

from __future__ import annotations

from typing import ClassVar, Literal, Optional, Union

from pydantic import ConfigDict, Field

from cpptool.core.plan_format import AssessmentMethods, PlanMethods
from cpptool.core.plan_record import (  # noqa: F401 - part of the plan format
    Copy, Countersignature, DateToAvoid, Ending, Legal, MeetingHeld, Record, TransferIn, TransferOut, VisitMade,
)
from cpptool.core.plan_types import (  # noqa: F401 - re-exported: the plan format's building blocks
    Date, DateOrText, Dissent, FormatVersion, Id, Model, Placeholder, Text, YesNo, since2,
)

MemberKind = Literal["professional", "parent", "carer", "family", "child", "advocate", "interpreter"]
ConferenceType = Literal["initial", "review", "transfer-in"]
ActionStatus = Literal["not-started", "in-progress", "done", "not-done", "cancelled"]
SignatureMethod = Literal["in-person", "electronic", "email"]


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
    interpreter_needed: Optional[YesNo] = None
    disability: Optional[Text] = Field(None, description="Disability and any needs arising from it, or 'none known'.")
    communication_needs: Optional[Text] = None
    culture_and_religion: Optional[Text] = None
    lives_with: Optional[Text] = None


class Decision(Model):
    """The conference decision that the threshold for a plan was met (O1)."""

    threshold_met: YesNo
    consensus: Optional[YesNo] = None
    reasons: Optional[Text] = Field(None, description="Why; required when the chair decided without consensus.")


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
    quorate: Optional[bool] = since2("Whether this conference was quorate.", True)
    complex_case: Optional[bool] = since2("Whether the case is judged particularly complex (Jersey: a risk assessment is "
                                          "then required, and core groups stay led by a manager).", False)


class CoreGroupMember(Model):
    """A member of the core group: a professional, a parent or carer, a relative, the child, or (format 2)
    an advocate or interpreter."""

    FORMAT_2_VALUES: ClassVar[dict[str, frozenset[str]]] = {"kind": frozenset({"advocate", "interpreter"})}

    id: Id
    name: Text
    role: Text
    kind: MemberKind = Field(description="professional, parent, carer, family or child; advocate or interpreter "
                                         "(plan format 2).")
    agency: Optional[Text] = None
    phone: Optional[Text] = Field(None, description="A work phone number; the lead social worker's is printed in "
                                                     "the family's copy under who to phone.")
    email: Optional[Text] = since2("A work e-mail address, printed in the family's copy.", "sam.example@example.gov.uk")
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
    term: Optional[Union[Literal["short", "long"], Placeholder]] = None
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


class Assessment(AssessmentMethods, Model):
    """An assessment still to be done: what, by whom, by when."""

    what: Text
    by: Optional[Id] = None
    due: Optional[Date] = None
    specialist: bool = False
    risk_assessment: bool = Field(False, description="A systematic risk assessment (Jersey: after a year).")
    status: Literal["planned", "in-progress", "done"] = "planned"
    completed: Optional[Date] = None
    kind: Optional[Literal["core", "single", "specialist", "risk", "other"]] = since2(
        "What kind of assessment: core, single, specialist, risk or other.", "risk")
    started: Optional[Date] = since2("When the assessment began.", "2026-11-05")
    trigger: Optional[Literal["year-on-plan", "before-ending", "care-proceedings", "complex-case"]] = since2(
        "For a risk assessment: what required it (year-on-plan, before-ending, care-proceedings, complex-case).",
        "care-proceedings")


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
    returned: Optional[Date] = since2("When the signed copy came back to the social worker.", "2026-11-25")


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
    agreed: Optional[Date] = since2("The date the core group agreed this version of the agreement.", "2026-11-16")
    version: Optional[Text] = since2("The agreement's version, e.g. 2 after the first review.", "2")
    countersigned: Optional[Countersignature] = since2(
        "The manager who read and countersigned the plan (Stoke-on-Trent C06 §04), and when.",
        {"by": "Pat Example", "role": "Team manager", "date": "2026-11-19"})
    copies: list[Copy] = since2("Each parent's and the child's copy: its language and form (translated, easy read, "
                                "large print).", [{"member": "mum", "language": "Polish", "form": ["translated"]}],
                                many=True)
    out_of_hours: Optional[Text] = since2("The out-of-hours phone number for the family's copy.", "01632 960000")


class Waiver(Model):
    """An agreed exception that silences one finding."""

    rule: Text = Field(description="The rule code, e.g. CPP-Q003.")
    path: Optional[Text] = Field(None, description="The YAML path of the finding, e.g. actions[2].owner.")
    reason: Optional[Text] = None
    agreed_by: Optional[Text] = None
    date: Optional[Date] = None


class ChildVersion(Model):
    """Words for the child's own copy, written with the child (Words and Pictures style)."""

    why_we_are_worried: Text
    what_is_going_well: Optional[Text] = None
    what_will_happen: Text
    who_can_help: Optional[Text] = None


class Plan(PlanMethods, Model):
    """A child protection plan, outline or detailed."""

    model_config = ConfigDict(extra="forbid", title="cpptool child protection plan")

    format: FormatVersion = Field(description="The plan file format version: 2 (1 is still read; `cpptool migrate` "
                                              "rewrites a format 1 plan as format 2).")
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
    legal: Optional[Legal] = since2("The child's legal status, where they live and contact with the alleged abuser.",
                                    {"status": [{"status": "accommodated", "from": "2027-01-04"}],
                                     "lives_with_family": False})
    transfer_in: Optional[TransferIn] = since2("The child moved here on a plan: from where, when this area was told, "
                                               "and the transfer-in conference.",
                                               {"from_authority": "Exampleshire", "notified": "2026-10-20",
                                                "conference": "2026-11-06"})
    transfer_out: Optional[TransferOut] = since2("The child moved away on a plan: to where, when that area was told, "
                                                 "and its transfer conference.",
                                                 {"to_authority": "Exampleshire", "notified": "2027-01-05"})
    dates_to_avoid: list[DateToAvoid] = since2("Dates on which no meeting with the family should be booked, e.g. "
                                               "religious festivals.", [{"date": "2027-03-20", "reason": "Eid al-Fitr"}],
                                               many=True)
    child_version: Optional[ChildVersion] = None
    waivers: list[Waiver] = Field(default_factory=list)
