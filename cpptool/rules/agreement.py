"""Written agreement rules (CPP-W*): the detailed plan becomes an agreement that everyone signs.

The procedures (requirements W1-W11) ask that the core group's detailed plan is set out as a
written agreement, signed by the agencies, the parents and (where old enough) the child; that
dissent is recorded with reasons; that the family is told how to complain and that the plan may
be used in court; and that copies are in the family's language and explained to the child.
These rules read the plan's `agreement:` section. They apply to detailed plans only, and each
runs only when the profile includes the requirement it cites (CPP-W003 always runs).
"""

from __future__ import annotations

from typing import Iterator

from cpptool.core.lifecycle import child_receives, child_signs_from_age, copy_language
from cpptool.core.plan_format import age_on
from cpptool.core.registry import Hit, rule
from cpptool.rules._common import blank, normalise, placeholder, setting

STAGES = ("detailed",)


def _same_language(a: str | None, b: str | None) -> bool:
    if placeholder(a) or placeholder(b):
        return True  # not known yet: CPP-Q008 reports the placeholder
    return " ".join(normalise(a or "").split()) == " ".join(normalise(b or "").split())


def _agency(member) -> str:
    """Professionals sign per agency; one with no agency recorded counts as an agency of their own."""
    if blank(member.agency):
        return "member:" + member.id
    return "agency:" + " ".join(normalise(member.agency).split())


@rule(
    "CPP-W001", "written-agreement",
    summary="A detailed plan must be set out as a written agreement with at least one signature entry.",
    level="error", requirements=("W1",), stages=STAGES,
    sources=('implementation-2008 §3.iv: "formulate the detailed child protection plan in the form of a written agreement for all parties to sign"',
             'jersey-plans §2: "in the form of a written agreement for all the parties to sign"'),
    fix="Add an agreement: section with a signatures: list, one entry per signatory (member, method, date).",
    passing="""
    agreement:
      signatures:
        - {member: sw, method: in-person, date: 2026-11-16}
    """,
    failing="""
    agreement:
      signatures: []
    """,
)
def written_agreement(ctx) -> Iterator[Hit]:
    """The detailed plan drawn up by the core group becomes a written agreement for all parties
    to sign (the 2008 procedure §3.iv; Jersey sections 2 and 4). This rule checks that the plan has an `agreement:`
    section and that it lists at least one signature; CPP-W002 checks who has signed."""
    agreement = ctx.plan.agreement
    if agreement is None:
        yield Hit(("agreement",), "the detailed plan has no written agreement (agreement:); add it, "
                                  "with a signature entry for each person who signs")
    elif not agreement.signatures:
        yield Hit(("agreement", "signatures"), "the written agreement has no signatures; add an entry "
                                               "for each person who signs, or who did not sign and why")


@rule(
    "CPP-W002", "signatories",
    summary="Every agency in the core group, each parent or carer, and the child when old enough signs "
            "the agreement or the reason they did not is recorded.",
    level="warning", requirements=("W2",), stages=STAGES,
    sources=('nyscp-plans standard 3: "Plans to be signed by all agencies represented at the core group, the parents and where appropriate, the child"',
             'jersey-plans §3: "circulated to the Core Group members to be signed"'),
    fix="Add a signature entry (member, signed: true, method, date) for the member shown, or signed: false "
        "with reason_not_signed.",
    passing="""
    agreement:
      signatures:
        - {member: sw, method: in-person, date: 2026-11-16}
        - {member: mum, method: in-person, date: 2026-11-16}
        - {member: teacher, method: in-person, date: 2026-11-16}
        - {member: hv, signed: false, reason_not_signed: On leave; will sign at the next core group.}
    """,
    failing="""
    agreement:
      signatures:
        - {member: sw, method: in-person, date: 2026-11-16}
        - {member: teacher, method: in-person, date: 2026-11-16}
        - {member: hv, method: in-person}
    """,
)
def signatories(ctx) -> Iterator[Hit]:
    """"Plans to be signed by all agencies represented at the core group, the parents and where
    appropriate, the child" (North Yorkshire standard 3). Jersey's agreement is "for all the parties
    to sign", "circulated to the Core Group members to be signed" (sections 2 and 3), so the Jersey
    profile applies this rule too.

    * One signature per professional agency is enough: any member of that agency can sign.
      A professional with no agency recorded counts as an agency of their own.
    * Every parent and carer member signs.
    * The child signs when old enough: from the profile's `agreement.child_signs_from_age`
      (default 12; no source gives an age) on the date checked, from `child.date_of_birth`.
      An old-enough child with no core group entry is reported at `core_group`.
    * A signature entry counts when it has `signed: true` and a `date`, or `signed: false` and a
      `reason_not_signed`; entries missing these are reported at the missing field.

    A plan with no signature entries at all is left to CPP-W001."""
    plan = ctx.plan
    agreement = plan.agreement
    if agreement is None or not agreement.signatures:
        return
    signed_by = {s.member for s in agreement.signatures}
    for j, sig in enumerate(agreement.signatures):
        if sig.signed and sig.date is None:
            yield Hit(("agreement", "signatures", j, "date"),
                      f"agreement.signatures[{j}] is signed but has no date; add the date it was signed")
        elif not sig.signed and blank(sig.reason_not_signed):
            yield Hit(("agreement", "signatures", j, "reason_not_signed"),
                      f"agreement.signatures[{j}] is not signed and gives no reason; "
                      "add reason_not_signed")

    from_age = child_signs_from_age(ctx.profile)
    child_old_enough = child_receives(plan, from_age, ctx.as_of)
    agency_signed = {_agency(m) for m in plan.core_group if m.kind == "professional" and m.id in signed_by}
    agencies_seen: set[str] = set()
    has_child_member = False
    for i, m in enumerate(plan.core_group):
        if m.kind == "professional":
            key = _agency(m)
            if key in agencies_seen:
                continue
            agencies_seen.add(key)
            if key not in agency_signed:
                yield Hit(("core_group", i), f"no one from the agency of core_group[{i}] has a signature entry "
                                             "in the written agreement; add one (signed, or why not)")
        elif m.kind in ("parent", "carer"):
            if m.id not in signed_by:
                yield Hit(("core_group", i), f"core_group[{i}] is a {m.kind} with no signature entry in the "
                                             "written agreement; add one (signed, or why not)")
        elif m.kind == "child":
            has_child_member = True
            if child_old_enough and m.id not in signed_by:
                yield Hit(("core_group", i), f"core_group[{i}] is the child, who is {from_age} or older, and has "
                                             "no signature entry in the written agreement; add one "
                                             "(signed, or why not)")
    if child_old_enough and not has_child_member:
        yield Hit(("core_group",), f"the child is {from_age} or older but is not a core group member, so "
                                   "cannot sign the written agreement; add the child (kind: child) with a "
                                   "signature entry, or signed: false and the reason")


@rule(
    "CPP-W003", "electronic-signatures",
    summary="Electronic or e-mail signatures are used only where the profile allows them.",
    level="warning", stages=STAGES,
    sources=('jersey-plans §2: "It is permissible to rely on electronic signatures or emails confirming acceptance of an agency\'s responsibilities"',),
    fix="Get the agreement signed in person, or set agreement.electronic_signatures: true in a local "
        "profile whose procedure allows them.",
    passing="""
    agreement:
      signatures:
        - {member: sw, method: in-person, date: 2026-11-16}
    """,
    failing="""
    agreement:
      signatures:
        - {member: sw, method: email, date: 2026-11-16}
    """,
)
def electronic_signatures(ctx) -> Iterator[Hit]:
    """Jersey's procedure (section 2) allows electronic signatures, or e-mails confirming an
    agency's acceptance, kept in the child's social care record. No English source allows them,
    so unless the profile sets `agreement.electronic_signatures: true` a signature whose
    `method` is `electronic` or `email` is reported."""
    agreement = ctx.plan.agreement
    if agreement is None or setting(ctx, "agreement.electronic_signatures", False) is True:
        return
    for j, sig in enumerate(agreement.signatures):
        if sig.method in ("electronic", "email"):
            yield Hit(("agreement", "signatures", j, "method"),
                      f"agreement.signatures[{j}] was given electronically or by e-mail, which this profile's "
                      "procedure does not allow; get it signed in person")


@rule(
    "CPP-W004", "dissent-recorded",
    summary="Every recorded disagreement with the plan gives its reasons.",
    level="error", requirements=("W4",), stages=STAGES,
    sources=('jersey-plans §2: "Any dissent about the plan, by family or professionals, must be recorded, with reasons."',),
    fix="Write the reasons for the disagreement under reasons:.",
    passing="""
    agreement:
      dissent:
        - {by: mum, about: The school action., reasons: Mum says Riley was often unwell.}
    """,
    failing="""
    agreement:
      dissent:
        - {by: mum, about: The school action.}
    """,
)
def dissent_recorded(ctx) -> Iterator[Hit]:
    """Jersey's procedure (section 2-3) says dissent about the plan, by the family or a professional,
    is recorded with its reasons and reflected in the written plan. Each entry of
    `agreement.dissent` and `conference.dissent` must give `reasons`. (Parents' views that the
    plan does not follow need `why_not_followed`; CPP-D015 checks that.)"""
    plan = ctx.plan
    lists = [(("conference", "dissent"), plan.conference.dissent)]
    if plan.agreement is not None:
        lists.append((("agreement", "dissent"), plan.agreement.dissent))
    for base, entries in lists:
        for i, d in enumerate(entries):
            if blank(d.reasons):
                yield Hit(base + (i, "reasons"),
                          f"{base[0]}.dissent[{i}] records a disagreement without its reasons; add reasons")


def _agreement_flag(field: str, message: str):
    def check(ctx) -> Iterator[Hit]:
        agreement = ctx.plan.agreement
        if agreement is not None and getattr(agreement, field) is not True:
            yield Hit(("agreement", field), message)

    return check


@rule(
    "CPP-W005", "complaints-explained",
    summary="The family is told how to complain, and the agreement records it.",
    level="error", requirements=("W5",), stages=STAGES,
    sources=('jersey-plans §2: "The family must be told about their right to make a complaint ... and the procedure for doing so."',),
    fix="Explain to the family how to complain (to the professional's agency, or about the conference), "
        "then set agreement.complaints_explained: true.",
    passing="""
    profile: jersey
    agreement:
      complaints_explained: true
    """,
    failing="""
    profile: jersey
    agreement:
      complaints_explained: false
    """,
)
def complaints_explained(ctx) -> Iterator[Hit]:
    """Jersey's procedure (section 2) says the family must be told of their right to complain, to
    the professional's agency or to the safeguarding partnership about how the conference was
    run, and how to do it. `agreement.complaints_explained` must be true."""
    return _agreement_flag("complaints_explained",
                           "the agreement does not record that the family were told how to complain; "
                           "tell them, then set complaints_explained: true")(ctx)


@rule(
    "CPP-W006", "legal-proceedings-notice",
    summary="Parents are told the plan may be used as evidence in legal proceedings.",
    level="warning", requirements=("W6",), stages=STAGES,
    sources=('implementation-2008 §3.ii: "The child protection plan may be used as evidence, in any legal proceedings ... this must be made clear to parents/carers."',
             'jersey-plans §1: "The Child Protection Plan can be used as evidence in any legal proceedings"'),
    fix="Tell the parents the plan may be used as evidence in court, then set "
        "agreement.legal_proceedings_notice: true.",
    passing="""
    agreement:
      legal_proceedings_notice: true
    """,
    failing="""
    agreement:
      legal_proceedings_notice: false
    """,
)
def legal_proceedings_notice(ctx) -> Iterator[Hit]:
    """Parents must know that the written agreement may be used as evidence if the local
    authority goes to court (the 2008 procedure §3.ii; Jersey section 1). `agreement.legal_proceedings_notice` must be
    true."""
    return _agreement_flag("legal_proceedings_notice",
                           "the agreement does not record that the parents were told it may be used in "
                           "court; tell them, then set legal_proceedings_notice: true")(ctx)


@rule(
    "CPP-W007", "copy-in-first-language",
    summary="The family's copy of the plan is in the child's first language, and parents whose language "
            "differs get a copy in theirs.",
    level="warning", requirements=("W7",), stages=STAGES,
    sources=('stoke-c06 §02: "should receive a written copy of the plan in their first language"',),
    fix="Record the language of the family's copy in agreement.language; give each parent whose language "
        "differs a copy in their own language.",
    passing="""
    profile: stoke-on-trent
    agreement:
      language: English
    """,
    failing="""
    profile: stoke-on-trent
    agreement:
      language: Polish
    """,
)
def copy_in_first_language(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent's procedure (C06 §02) says parents and the child get a copy of the plan in
    their first language. `agreement.language` must be recorded and match
    `child.first_language` when that is set; each parent or carer member whose `language`
    differs from it is reported, because they need a copy in their own language."""
    plan = ctx.plan
    agreement = plan.agreement
    if agreement is None:
        return
    if blank(agreement.language):
        yield Hit(("agreement", "language"), "the agreement does not record the language of the family's "
                                             "copy; add agreement.language")
        return
    if not blank(plan.child.first_language) and not _same_language(agreement.language, plan.child.first_language):
        yield Hit(("agreement", "language"), "the family's copy is not in the child's first language; give "
                                             "the child a copy in their first language")
    for i, m in enumerate(plan.core_group):
        if m.kind in ("parent", "carer") and not blank(m.language) \
                and not _same_language(m.language, copy_language(agreement, m.id)):  # format 2: agreement.copies
            yield Hit(("core_group", i, "language"),
                      f"core_group[{i}]'s language differs from the language of the agreement; give them a "
                      "copy in their own language")


@rule(
    "CPP-W008", "preferred-language-copies",
    summary="The plan is written in the child's preferred language, and the child's own copy's language "
            "is recorded.",
    level="warning", requirements=("W8",), stages=STAGES,
    sources=('jersey-plans §2: "It should be constructed with the family in their preferred language" ... "The child/young person should be given a copy of the plan written at a level appropriate to their age and understanding, and in their preferred language."',),
    fix="Write the plan with the family in their preferred language (agreement.language), and record the "
        "language of the child's own copy (agreement.child_copy_language).",
    passing="""
    profile: jersey
    agreement:
      language: English
      child_copy_language: English
    """,
    failing="""
    profile: jersey
    agreement:
      language: English
      child_copy_language: null
    """,
)
def preferred_language_copies(ctx) -> Iterator[Hit]:
    """Jersey's procedure (section 2) says the plan is made with the family in their preferred
    language, and the child is given a copy written for their age and understanding, in their
    preferred language. `agreement.language` must match `child.preferred_language` when that is
    set, and `agreement.child_copy_language` must be recorded (and match the child's preferred
    language when that is set)."""
    plan = ctx.plan
    agreement = plan.agreement
    if agreement is None:
        return
    preferred = plan.child.preferred_language
    if not blank(preferred) and not _same_language(agreement.language, preferred):
        yield Hit(("agreement", "language"), "the agreement is not in the child's preferred language; write "
                                             "it in that language, or record the language in agreement.language")
    if blank(agreement.child_copy_language):
        yield Hit(("agreement", "child_copy_language"), "the language of the child's own copy is not recorded; "
                                                        "add agreement.child_copy_language")
    elif not blank(preferred) and not _same_language(agreement.child_copy_language, preferred):
        yield Hit(("agreement", "child_copy_language"), "the child's own copy is not in the child's preferred "
                                                        "language; give the child a copy in that language")


@rule(
    "CPP-W009", "explained-to-child",
    summary="The plan is explained to the child, in line with their age and understanding.",
    level="warning", requirements=("W9",), stages=STAGES,
    sources=('jersey-plans §2: "The completed Child Protection Plan / agreement should be explained to the child/young person in a manner which is in accordance with their age and understanding."',
             "stoke-c06 §02"),
    options={"from_age": 4},
    fix="Explain the plan to the child in words they understand, then set agreement.explained_to_child: true.",
    passing="""
    agreement:
      explained_to_child: true
    """,
    failing="""
    agreement:
      explained_to_child: false
    """,
)
def explained_to_child(ctx) -> Iterator[Hit]:
    """The plan is explained to the child in line with their age and understanding (Jersey sections 2-3;
    Stoke-on-Trent C06 §02). `agreement.explained_to_child` must be true when the child is at least
    `from_age` (option, default 4) on the date checked. Babies and unborn children are exempt;
    no source gives an age, so set the option to suit local practice."""
    plan = ctx.plan
    if plan.agreement is None:
        return
    from_age = ctx.options["from_age"]
    age = age_on(plan.child.date_of_birth, ctx.as_of)
    if age is not None and age >= from_age and plan.agreement.explained_to_child is not True:
        yield Hit(("agreement", "explained_to_child"),
                  "the agreement does not record that the plan was explained to the child; explain it in "
                  "words the child understands, then set explained_to_child: true")


@rule(
    "CPP-W010", "interpreter-used",
    summary="When the child or a core group member needs an interpreter, one is used for the agreement.",
    level="warning", requirements=("W10",), stages=STAGES,
    sources=('implementation-2008 §3.iv: "An interpreter should be used if the child or family\'s level of English means that they are not able to participate fully"',
             'jersey-plans §2: "Ethnic / cultural / religious considerations e.g. necessity for an interpreter"'),
    fix="Use an interpreter when the plan is agreed and explained, then set agreement.interpreter_used: true.",
    passing="""
    agreement:
      interpreter_used: false
    """,
    failing="""
    child:
      interpreter_needed: true
    """,
)
def interpreter_used(ctx) -> Iterator[Hit]:
    """An interpreter is used when the child's or family's English would stop them taking a full
    part (the 2008 procedure §3.iv; Jersey). When `child.interpreter_needed` or any core group member's
    `needs_interpreter` is true, `agreement.interpreter_used` must be true."""
    plan = ctx.plan
    if plan.agreement is None:
        return
    needed = plan.child.interpreter_needed is True or any(m.needs_interpreter is True for m in plan.core_group)
    if needed and plan.agreement.interpreter_used is not True:
        yield Hit(("agreement", "interpreter_used"),
                  "someone in the plan needs an interpreter, but the agreement does not record that one was "
                  "used; use an interpreter, then set interpreter_used: true")


@rule(
    "CPP-W011", "agreement-circulated",
    summary="The date the agreement was sent to the core group, parents and child is recorded.",
    level="error", requirements=("W11",), stages=STAGES,
    sources=('stoke-c06 §03: "Circulate the core group minutes and the Child Protection Plan to members of the core group, including parents/carers and the child/young person ... and the Conference and Review Manager"',),
    fix="Send the agreed plan to the core group members, parents, the child (in a suitable form) and the "
        "conference manager, and record the date in agreement.circulated.",
    passing="""
    profile: stoke-on-trent
    agreement:
      circulated: 2026-11-18
    """,
    failing="""
    profile: stoke-on-trent
    agreement:
      circulated: null
    """,
)
def agreement_circulated(ctx) -> Iterator[Hit]:
    """Stoke-on-Trent's procedure (C06 §03, §05) says the plan is circulated to the core group
    members, the parents, the child (in a form suited to their age) and the Conference and
    Review Manager. `agreement.circulated` must record the date it was sent."""
    agreement = ctx.plan.agreement
    if agreement is not None and agreement.circulated is None:
        yield Hit(("agreement", "circulated"), "the agreement does not record when it was sent out; "
                                               "add the date in agreement.circulated")
