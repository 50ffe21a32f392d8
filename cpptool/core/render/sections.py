"""The sections of the full agreement, one function each, in the order a family reads them.

Each takes the Draft (`d`) and appends blocks through its small helpers (d.h, d.label, ...);
build.py decides which sections an audience gets and in what order.
"""

from __future__ import annotations

from typing import Any

from cpptool.core.lifecycle import child_receives, child_signs_from_age
from cpptool.core.plan_format import age_on
from cpptool.core.render.document import Para, Table
from cpptool.core.render.draft import Draft
from cpptool.core.render.wording import CATEGORY_WORDS, fmt_date, fmt_when, join_words, sentence


def about(d: Draft) -> None:
    plan, child = d.plan, d.plan.child
    d.h(1, "about")
    d.label("Name", child.name)
    if child.preferred_name and child.preferred_name != child.name:
        d.label("Likes to be called", child.preferred_name)
    if child.date_of_birth:
        age = age_on(child.date_of_birth, d.as_of)
        suffix = f" (age {age})" if age is not None and age >= 0 else ""
        d.label("Date of birth", fmt_date(child.date_of_birth) + suffix)
    elif child.expected_birth_date:
        d.label("Baby due", child.expected_birth_date)
    if d.audience == "professional":
        d.label("Case record", child.id)
    d.label("Lives with", child.lives_with or "")
    d.label("First language", child.first_language or "")
    if child.preferred_language and child.preferred_language != child.first_language:
        d.label("Preferred language", child.preferred_language)
    if child.interpreter_needed is True:
        d.label("Interpreter", "needed")
    d.label("Communication", child.communication_needs or "")
    d.label("Disability", child.disability or "")
    d.label("Culture and religion", child.culture_and_religion or "")
    conf = plan.conference
    conf_term = {"initial": d.terms["initial_conference"], "review": d.terms["review_conference"],
                 "transfer-in": "transfer-in conference"}[conf.type]
    d.label(sentence(conf_term), conf.date)
    if conf.chair:
        d.label(sentence(d.terms["chair"]), conf.chair)
    if plan.lead_social_worker:
        lead = plan.member(plan.lead_social_worker)
        text = d.name_of(plan.lead_social_worker)
        if lead is not None and lead.agency:
            text += f", {lead.agency}"
        d.label(sentence(d.terms["lead"]), text)


def why(d: Draft) -> None:
    plan, conf = d.plan, d.plan.conference
    d.h(1, "why")
    if conf.decision and conf.decision.reasons:
        d.label("What the conference decided", conf.decision.reasons)
    scotland = d.profile.get("categories.required") is False or (conf.areas_of_concern and not conf.categories)
    if conf.categories and not scotland:
        words = [CATEGORY_WORDS.get(c.upper(), c) for c in conf.categories]
        if d.audience == "professional":
            words = [f"{w} ({c})" if w != c else w for w, c in zip(words, conf.categories)]
        label = "Category" if len(words) == 1 else "Categories"
        if d.audience == "family":
            label = "The kind of harm we are worried about"
        d.label(label, join_words(words))
        if conf.categories_reason and len(words) > 1:
            d.label("Why more than one", conf.categories_reason)
    if conf.areas_of_concern:
        d.label("Areas of concern", "; ".join(a.strip() for a in conf.areas_of_concern))
    if plan.concerns:
        d.blocks.append(Para([("What we are worried about:", True)]))
        for concern in plan.concerns:
            runs = [(concern.text.strip(), False)]
            if concern.risk:
                runs += [("\nWhat could happen if nothing changes: ", True), (concern.risk.strip(), False)]
            d.blocks.append(Para(runs, style="bullet"))


def goals(d: Draft) -> None:
    d.h(1, "goals")
    if not d.plan.outcomes:
        d.p("No safety goals are written yet.")
        return
    rows = []
    for outcome in d.plan.outcomes:
        when = fmt_when(outcome.by) or "Not set"
        if outcome.sustain_for:
            when += f"\nthen keep it up for {outcome.sustain_for.strip()}"
        rows.append([outcome.goal.strip(), (outcome.measure or "Not set").strip(), when])
    d.blocks.append(Table("Safety goals", ["Goal", "How we will know", "By when"], rows,
                             widths=(0.45, 0.35, 0.20)))


def actions(d: Draft) -> None:
    d.h(1, "actions")
    d.intro("actions")
    rows = []
    for action in d.plan.actions:
        what = action.what.strip()
        if action.support:
            what += f"\nHelp offered: {action.support.strip()}"
        when = "; ".join(t for t in (fmt_when(action.due), (action.frequency or "").strip()) if t) or "Not set"
        rows.append([what, d.who(action.owner), when, (action.success_measure or "Not set").strip()])
    d.blocks.append(Table("Actions", ["What", "Who", "By when", "How we will know"], rows,
                             widths=(0.40, 0.20, 0.15, 0.25)))


def expectations(d: Draft) -> None:
    plan = d.plan
    owners = {a.owner for a in plan.actions}
    people = [m for m in plan.core_group
              if m.kind in ("parent", "carer") or (m.kind == "family" and m.id in owners)]
    if not people:
        return
    d.h(1, "expectations")
    for member in people:
        d.h(2, "expect", name=member.name)
        mine = [a for a in plan.actions if a.owner == member.id]
        if member.responsibilities:
            d.label("Your part in the plan", member.responsibilities)
        if not mine:
            d.intro("expect_none")
            continue
        d.intro("expect", lead=d.lead_name)
        for action in mine:
            runs = [(action.what.strip(), False)]
            when = "; ".join(t for t in (fmt_when(action.due), (action.frequency or "").strip()) if t)
            if when:
                runs += [("\nBy when: ", True), (when, False)]
            if action.success_measure:
                runs += [("\nHow we will know: ", True), (action.success_measure.strip(), False)]
            if action.support:
                runs += [("\nHelp you will get: ", True), (action.support.strip(), False)]
            d.blocks.append(Para(runs, style="bullet"))


def services(d: Draft) -> None:
    plan = d.plan
    support = list(plan.parenting.support) if plan.parenting else []
    if plan.needs or support:
        d.h(2, "services")
        for need in plan.needs:
            runs = [(need.need.strip(), False)]
            if need.for_ and need.for_ != "child":
                runs += [(f" (for {d.name_of(need.for_)})", False)]
            if need.services:
                runs += [("\nServices: ", True), ("; ".join(s.strip() for s in need.services), False)]
            d.blocks.append(Para(runs, style="bullet"))
        d.bullets(support)
    if plan.assessments:
        d.h(2, "assessments")
        for item in plan.assessments:
            runs = [(item.what.strip(), False)]
            parts = []
            if item.by:
                parts.append(f"by {d.name_of(item.by)}")
            if item.due:
                parts.append(f"due {fmt_date(item.due)}")
            if item.status == "done":
                parts.append(f"done {fmt_date(item.completed)}".strip())
            if parts:
                runs.append((f" ({', '.join(parts)})", False))
            d.blocks.append(Para(runs, style="bullet"))


def visits(d: Draft) -> None:
    plan, visits = d.plan, d.plan.visits
    seen = [m for m in plan.core_group if m.sees_child and m.kind != "child"]
    if visits is None and not seen:
        return
    d.h(1, "visits")
    if visits is not None:
        lead = d.terms["lead"]
        d.label(f"How often the {lead} visits", visits.frequency or "")
        if visits.unannounced is not None:
            if visits.unannounced.decided:
                d.label("Visits without telling the family first", visits.unannounced.details or "yes")
            else:
                d.label("Visits without telling the family first", "not planned")
        if visits.seen_alone_arrangements:
            d.label(f"Seeing {d.child} alone", visits.seen_alone_arrangements)
        elif visits.see_child_alone:
            d.label(f"Seeing {d.child} alone", "at each visit")
    if seen:
        rows = [[f"{m.name} ({m.role})" if m.role else m.name, m.sees_child.strip()] for m in seen]
        d.blocks.append(Table("Who sees the child, and how often", ["Who", f"How often they see {d.child}"],
                                 rows, widths=(0.4, 0.6)))


def contingency(d: Draft) -> None:
    plan = d.plan
    if not plan.contingency and not plan.conference.bring_forward_if:
        return
    d.h(1, "contingency")
    d.intro("contingency")
    if plan.contingency:
        rows = [[step.trigger.strip(), step.action.strip(), d.who(step.who, fallback="The core group")]
                for step in plan.contingency]
        d.blocks.append(Table("Contingency plan", ["If this happens", "What will happen", "Who"], rows,
                                 widths=(0.35, 0.45, 0.20)))
    if plan.conference.bring_forward_if:
        term = d.terms["review_conference"]
        d.label(f"The {term} will be held sooner if", plan.conference.bring_forward_if)


def meetings(d: Draft) -> None:
    plan = d.plan
    m = plan.meetings
    d.h(1, "meetings")
    if m is not None:
        cg = sentence(d.terms["core_group"])
        d.label(f"First {d.terms['core_group']} meeting", m.first_core_group)
        d.label(f"{cg} meetings", m.core_group_frequency or "")
        d.label("Where", m.core_group_venue or "")
        d.label("What the meetings are for", m.core_group_purpose or "")
        review = d.terms["review_conference"]
        d.label(f"First {review}", m.first_review_conference)
        if m.next_review_conference and m.next_review_conference != m.first_review_conference:
            d.label(f"Next {review}", m.next_review_conference)
    if plan.core_group:
        d.h(2, "members")
        rows = []
        for member in plan.core_group:
            role = ", ".join(t for t in (member.role, member.agency) if t)
            rows.append([member.name, role, (member.responsibilities or "").strip()])
        d.blocks.append(Table("Core group members", ["Name", "Role or agency", "Their part in the plan"],
                                 rows, widths=(0.25, 0.30, 0.45)))
    if plan.monitoring is not None:
        d.h(2, "monitoring")
        d.p(plan.monitoring.how)
        if plan.monitoring.checked_by:
            d.label("Checked by", d.who(plan.monitoring.checked_by))


def views(d: Draft) -> None:
    plan = d.plan
    views = plan.views
    dissent = list(plan.conference.dissent) + (list(plan.agreement.dissent) if plan.agreement else [])
    if views is None and not dissent and not plan.family_involvement:
        return
    d.h(1, "views")
    if plan.family_involvement:
        d.label("How the family took part", plan.family_involvement)
    if views is not None:
        if views.child is not None:
            _view(d, f"What {d.child} said", views.child, d.child)
        elif views.not_sought_reason:
            d.label(f"Why {d.child}'s views were not asked for", views.not_sought_reason)
        for view in views.parents:
            _view(d, f"What {d.name_of(view.member)} said", view, d.name_of(view.member))
    if dissent:
        d.h(2, "dissent")
        for item in dissent:
            who = d.name_of(item.by)
            runs = [(f"{who} disagreed", True)]
            runs.append((f" about: {item.about.strip()}" if item.about else ".", False))
            runs += [("\nReasons: ", True), ((item.reasons or "not recorded").strip(), False)]
            d.blocks.append(Para(runs, style="bullet"))


def _view(d: Draft, label: str, view: Any, whose: str) -> None:
    d.label(label, view.views)
    if view.how_obtained:
        d.label("How we asked", view.how_obtained)
    if view.followed is True:
        d.p(f"The plan follows {whose}'s views.")
    elif view.followed is False:
        d.label(f"Why the plan does not do what {whose} wants", view.why_not_followed or "not recorded")


# The family's copy: who to phone, and how to complain or get an advocate (profile agreement.family_help).
FAMILY_HELP = (("out_of_hours", "Out of office hours"), ("complaints", "How to complain"),
               ("advocacy", "Getting an advocate"))


def contacts(d: Draft) -> None:
    plan = d.plan
    lead = plan.member(plan.lead_social_worker)
    family_help = d.profile.get("agreement.family_help") or {}
    d.h(1, "contacts")
    if lead is not None:
        where = f", {lead.agency.strip()}" if lead.agency and lead.agency.strip() else ""
        if lead.phone and lead.phone.strip():
            how = f"phone {lead.phone.strip()}"
        else:
            how = "phone " + (lead.agency.strip() if where else "the social work office") + " and ask for them by name"
        d.label(f"Your {d.terms['lead']}", f"{lead.name}{where}: {how}, in office hours")
    for key, label in FAMILY_HELP:
        text = family_help.get(key) if isinstance(family_help, dict) else None
        if text:
            d.label(label, " ".join(str(text).split()))


def notices(d: Draft) -> None:
    required = d.profile.requirements
    england = str(d.profile.get("nation") or "").lower() == "england"
    items = []
    # The family's copy says how to complain under "Who to contact" (contacts), in the profile's words.
    if "W5" in required and not (d.audience == "family" and d.profile.get("agreement.family_help.complaints")):
        items.append(("complaints", "Your right to complain"))
    if "W6" in required or england:
        items.append(("legal", "Court proceedings"))
    if not items:
        return
    d.h(1, "notices")
    for macro, label in items:
        kwargs = {"lead": d.lead_name} if macro == "complaints" else {}
        paras = d.texts.paragraphs("notices", macro, **kwargs)
        d.blocks.append(Para([(f"{label}: ", True), (paras[0], False)]))
        for text in paras[1:]:
            d.blocks.append(Para([(text, False)]))


def signatures(d: Draft) -> None:
    plan = d.plan
    electronic = d.profile.get("agreement.electronic_signatures") is True
    child_signs = child_receives(plan, child_signs_from_age(d.profile), d.as_of)
    recorded = {s.member: s for s in (plan.agreement.signatures if plan.agreement else [])}
    rows = []
    has_child_row = False
    for member in plan.core_group:
        if member.kind == "child":
            if not child_signs or has_child_row:
                continue
            has_child_row = True
        role = ", ".join(t for t in (member.role, member.agency) if t)
        rows.append([member.name, role] + _signed(recorded.get(member.id), electronic))
    if child_signs and not has_child_row:
        rows.append([plan.child.name, "Child"] + _signed(None, electronic))
    d.h(1, "signatures")
    d.intro("signatures", methods=electronic)
    header = ["Name", "Role or agency", "Signature", "Date"] + (["Method"] if electronic else [])
    widths = (0.25, 0.30, 0.27, 0.18) if not electronic else (0.22, 0.26, 0.24, 0.14, 0.14)
    d.blocks.append(Table("Signatures", header, rows, widths=widths, kind="signatures"))


_SIGNED_HOW = {"in-person": "Signed in person", "electronic": "Signed electronically", "email": "Agreed by e-mail"}
_METHOD_WORDS = {"in-person": "In person", "electronic": "Electronic", "email": "E-mail"}


def _signed(sig: Any, electronic: bool) -> list[str]:
    """Signature, Date (and Method) cells: what the plan records, or blank cells to sign in.

    A signature is shown as recorded (who, when, how); a refusal with its reason. An entry still
    holding the template's placeholder reason is left blank, ready to sign."""
    method = _METHOD_WORDS.get(sig.method or "", "") if sig is not None else ""
    if sig is None or (not sig.signed and str(sig.reason_not_signed or "").lstrip().startswith("TO DO")):
        cells = ["", ""]
    elif sig.signed:
        cells = [_SIGNED_HOW.get(sig.method or "", "Signed"), fmt_date(sig.date)]
    else:
        reason = " ".join(str(sig.reason_not_signed or "").split()) or "no reason recorded"
        cells = [f"Did not sign. Reason: {reason}", fmt_date(sig.date)]
    return cells + ([method] if electronic else [])
