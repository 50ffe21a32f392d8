"""What plan format 2 adds to the written agreement: when it was agreed and its version, who was
sent it and when (the distribution list), each person's copy (language and form), and everyone's
phone and e-mail for the family's copy.

Each function takes the Draft (`d`) and appends blocks, like sections.py; build.py places them.
A format 1 plan records little of this: the list then shows who must be sent the agreement, with
the date from `agreement.circulated` where there is one, and the rest is left out.
"""

from __future__ import annotations

from typing import Any

from cpptool.core.deadlines import meetings_of
from cpptool.core.lifecycle import child_signs_from_age, recipients, sent_to
from cpptool.core.render.document import Para, Table
from cpptool.core.render.draft import Draft
from cpptool.core.render.wording import fmt_date, is_welsh, join_words, sentence

ROLE_NAMES = {"conference-chair": "chair", "conference-and-review-manager": "Conference and Review Manager",
              "team-manager": "Team manager", "iro-manager": "IRO managers", "all-invited": "Everyone invited"}
ROLE_DETAILS = {"conference-chair": "Chairs the conference", "conference-and-review-manager": "Conference and review service",
                "team-manager": "The lead social worker's manager", "iro-manager": "Independent reviewing service",
                "all-invited": "Everyone invited to the conference"}
_AGREEMENT = ("agreement", "plan")
_FORMS = {"translated": "translated", "easy-read": "easy read", "large-print": "large print", "braille": "braille",
          "audio": "audio", "child-version": "the child's own version", "standard": "standard"}


def agreed(d: Draft) -> None:
    """'Agreed: 16 November 2026 (version 2)' under the title of a detailed plan's agreement."""
    agreement = d.plan.agreement
    if d.plan.stage != "detailed" or agreement is None:
        return
    date, version = getattr(agreement, "agreed", None), getattr(agreement, "version", None)
    if date is None and not version:
        return
    text = fmt_date(date) if date else "not yet"
    if version:
        text += f" (version {str(version).strip()})"
    d.label("Agreed", text)


def language_note(d: Draft) -> None:
    """Where the family's copy, or one person's, must be translated or made in another form: say so."""
    agreement = d.plan.agreement
    if agreement is None:
        return
    lines = []
    language = (agreement.language or "").strip()
    if language and language.lower() not in ("english", "en", "en-gb") and not is_welsh(language) \
            and not language.startswith("TO DO"):
        lines.append(f"The family's copy of this plan must be in {language}: this document is in English, so it "
                     "must be translated before it is given to the family.")
    for copy in getattr(agreement, "copies", None) or []:
        who = _person(d, copy.member)
        forms = [_FORMS.get(f, f) for f in copy.form if f != "standard"]
        what = []
        if copy.language:
            what.append(f"in {copy.language.strip()}")
        if forms:
            what.append(join_words(forms))
        if what:
            lines.append(f"{who}'s copy: {', '.join(what)}.")
    if not lines:
        return
    d.h(2, "copies")
    for line in lines:
        d.blocks.append(Para([(line, False)], style="bullet"))


def _person(d: Draft, member_id: str) -> str:
    if member_id == "child":
        return d.child
    return d.name_of(member_id) or member_id


def contacts(d: Draft) -> None:
    """The family's copy: the out-of-hours number, the lead's e-mail, and every other professional's
    phone and e-mail (under "Who to contact", after what sections.contacts writes)."""
    plan, agreement = d.plan, d.plan.agreement
    number = getattr(agreement, "out_of_hours", None) if agreement is not None else None
    if number and str(number).strip():
        d.label("Out-of-hours phone number", str(number))
    lead = plan.member(plan.lead_social_worker)
    if lead is not None and getattr(lead, "email", None):
        d.label(f"E-mail your {d.terms['lead']}", lead.email)
    rows = []
    for member in plan.core_group:
        if member.id == plan.lead_social_worker or member.kind not in ("professional", "advocate", "interpreter"):
            continue
        phone, email = (member.phone or "").strip(), (getattr(member, "email", None) or "").strip()
        if phone or email:
            role = ", ".join(t for t in (member.role, member.agency) if t)
            rows.append([member.name, role, phone, email])
    if rows:
        d.blocks.append(Table("Other people you can contact", ["Name", "Role", "Phone", "E-mail"], rows,
                              widths=(0.22, 0.30, 0.20, 0.28)))


def distribution(d: Draft) -> None:
    """The distribution list: who is sent the agreement, and when each was sent it."""
    plan = d.plan
    if plan.stage != "detailed" or plan.agreement is None:
        return
    sent = _latest_sending(plan)
    fallback = plan.agreement.circulated if not sent else None
    rows = []
    for _, member in recipients(plan, child_from_age=child_signs_from_age(d.profile), on=d.as_of):
        when = sent.pop(member.id, None)
        rows.append([member.name, ", ".join(t for t in (member.role, member.agency) if t),
                     fmt_date(when or fallback) or "Not yet sent"])
    for role in _roles(d):
        when = sent.pop(role, None)
        rows.append([_role_name(d, role), ROLE_DETAILS.get(role, ""), fmt_date(when) or "Not yet sent"])
    for who, when in sent.items():  # anyone else the record names (e.g. a member not due a copy)
        member = plan.member(who)
        rows.append([member.name if member else _role_name(d, who),
                     ", ".join(t for t in (member.role, member.agency) if t) if member else ROLE_DETAILS.get(who, ""),
                     fmt_date(when)])
    d.h(1, "distribution")
    d.blocks.append(Table("Distribution list", ["Name", "Role or agency", "Sent"], rows, widths=(0.35, 0.40, 0.25)))


def _latest_sending(plan: Any) -> dict[str, Any]:
    """Who was sent the agreement after the latest core group that sent it: recipient -> date."""
    for _, meeting in reversed(meetings_of(plan, "core-group")):
        found = sent_to(meeting, _AGREEMENT)
        if found:
            return {who: day for who, (day, _) in found.items()}
    return {}


def _roles(d: Draft) -> list[str]:
    """The roles besides the core group that the profile's procedure sends the agreement to."""
    settings = (d.profile.get("rules") or {}).get("CPP-L012")
    roles = settings.get("also_to") if isinstance(settings, dict) else None
    return [str(r) for r in roles] if isinstance(roles, list) else []


def _role_name(d: Draft, role: str) -> str:
    if role == "conference-chair":
        return sentence(d.terms["chair"])
    return ROLE_NAMES.get(role, role)

