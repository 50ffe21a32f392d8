"""`cpptool promote`: turn an outline plan into the detailed plan, keeping every value and comment.

The outline is edited as a round trip (ruamel.yaml): its values, comments, list style and line
endings stay as they were. What changes: the stage; the header line `cpptool new` wrote for an
outline and the outline's template stamp go; the detailed plan's sections and fields (needs,
parenting, views, the written agreement, the record, the child's own version, each outcome's term,
each member's part) are added with guidance and TO DO placeholders; and the first core group is
recorded once its date has come, never as held on a date still in the future.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from cpptool.core.errors import CpptoolError
from cpptool.core.plan_format import FORMAT_VERSION
from cpptool.core.profiles import Profile
from cpptool.core.scaffold import TODO, Answers, guidance, render_new, validate_text

DETAILED_SECTIONS = ("needs", "parenting", "views", "agreement", "record", "child_version")
# The header line `cpptool new` writes at the top of an outline plan (see templates/plan/plan.yaml.j2).
_MODELINE = re.compile(r"\A# yaml-language-server: \$schema=\S*")
_OUTLINE_HEADER = re.compile(r"^# .*\(outline\) started with `cpptool new` on .*\n", re.M)


def promote_text(outline_text: str, profile: Profile, *, today: dt.date, source: str,
                 schema_ref: str | None = None) -> tuple[str, list[str]]:
    """The detailed plan made from an outline plan's text: same values and comments, stage set to
    detailed, and the detailed-plan sections added with guidance and placeholders. `schema_ref`
    replaces the editor's schema line (for a detailed plan written to another folder)."""
    crlf = "\r\n" in outline_text
    text = outline_text.replace("\r\n", "\n") if crlf else outline_text
    if schema_ref is not None:
        text = _MODELINE.sub(lambda _: f"# yaml-language-server: $schema={schema_ref}", text, count=1)
    loaded = validate_text(text, source, hint=f"run `cpptool check {source}` and fix it before promoting")
    plan = loaded.plan
    if plan.stage != "outline":
        raise CpptoolError(f"{source} is already a detailed plan")
    detailed_text = _detailed_template(plan, profile, today)
    notes: list[str] = []
    text, dropped = _OUTLINE_HEADER.subn("", text, count=1)
    if dropped:
        notes.append("dropped the outline's `cpptool new` header line")
    rt = _round_trip(text)
    doc = rt.load(text)
    # Top-level comment lines would travel with the value before them; guidance is added per key.
    template = rt.load("\n".join(ln for ln in detailed_text.splitlines() if not ln.startswith("#")))
    doc["stage"] = "detailed"
    if doc.get("format") != FORMAT_VERSION:
        doc["format"] = FORMAT_VERSION  # the detailed plan is written in the current plan format
        notes.append(f"set format: {FORMAT_VERSION} (the current plan format)")
    if "template" in doc:
        del doc["template"]  # the outline template's stamp: this is no longer that template's plan
        notes.append("removed the outline template stamp")
    _add_sections(doc, template, profile, notes)
    _add_member_fields(doc, template, notes)
    _add_fields(doc, template, "meetings", ("core_group_venue", "core_group_purpose"), notes)
    _add_terms(doc, notes)
    _record_first_core_group(doc, plan, notes, today)
    out = io.StringIO()
    rt.dump(doc, out)
    result = _lifecycle_guidance_last(out.getvalue(), detailed_text, notes)
    validate_text(result, "the detailed plan")
    return (result.replace("\n", "\r\n") if crlf else result), notes


# The plan format 2 guidance comments `cpptool new` ends a plan with (templates/plan/lifecycle.yaml.j2).
_LIFECYCLE_GUIDANCE = re.compile(r"^# -{20,}\n# Plan format 2:.*?(?=^[^#\n])", re.M | re.S)


def _lifecycle_guidance_last(text: str, template: str, notes: list[str]) -> str:
    """The round trip keeps the outline's closing guidance block after the key it followed, so the
    added sections land below it: move it back to just before `waivers:`, the end of the plan. An
    outline written before plan format 2 has none: it gets the new plan's, so every format 2 field
    has its guidance comment."""
    found = _LIFECYCLE_GUIDANCE.search(text)
    block = found.group(0) if found is not None else None
    if block is None:
        new = _LIFECYCLE_GUIDANCE.search(template)
        if new is None:
            return text
        block = new.group(0)
        notes.append("added the plan format 2 guidance comments (the plan's life: meetings, visits, ending)")
    rest = text if found is None else text[:found.start()] + text[found.end():]
    waivers = re.search(r"^waivers:", rest, re.M)
    if waivers is None:
        return rest if rest.endswith(block) else rest + ("" if rest.endswith("\n") else "\n") + block
    return rest[:waivers.start()] + block + rest[waivers.start():]


def _detailed_template(plan: Any, profile: Profile, today: dt.date) -> str:
    """A new detailed plan made from the outline's answers; only its new fields are used."""
    child, conf = plan.child, plan.conference
    decision = conf.decision
    answers = Answers(
        child_name=child.name, date_of_birth=child.date_of_birth, first_language=child.first_language,
        preferred_language=child.preferred_language or child.first_language,
        interpreter_needed=child.interpreter_needed if isinstance(child.interpreter_needed, bool) else None,
        pre_birth=conf.pre_birth, conference_type=conf.type, conference_date=conf.date, chair=conf.chair,
        categories=list(conf.categories) or [f"{TODO}: the category"],
        threshold_met=decision.threshold_met if decision and isinstance(decision.threshold_met, bool) else None,
        consensus=decision.consensus if decision and isinstance(decision.consensus, bool) else None,
    )
    members = [{"id": m.id, "name": m.name, "name_short": m.name, "role": m.role, "kind": m.kind,
                "agency": m.agency} for m in plan.core_group]
    lead = plan.lead_social_worker or (members[0]["id"] if members else "sw")
    # With no core group yet, the template's placeholders stand in.
    text, _ = render_new(profile, "detailed", answers, today=today,
                         given_members=(members, lead) if members else None)
    return text


def _round_trip(text: str) -> Any:
    from ruamel.yaml import YAML

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    if re.search(r"^[A-Za-z_]+:\s*\n  - ", text, re.M):
        rt.indent(mapping=2, sequence=4, offset=2)  # keep the outline's indented lists, so diffs stay small
    return rt


def _add_sections(doc: Any, template: Any, profile: Profile, notes: list[str]) -> None:
    order = list(template.keys())
    for key in order:
        if key in doc or key not in DETAILED_SECTIONS:
            continue
        if key == "record":
            template[key]["meetings"] = []  # filled from the outline's own first core group below
        doc.insert(_insert_position(doc, order, key), key, template[key])
        lines = guidance(profile, "detailed", key)
        if lines:
            doc.yaml_set_comment_before_after_key(key, before="\n".join(lines))
        notes.append(f"added {key}")


def _insert_position(doc: Any, order: list[str], key: str) -> int:
    keys = list(doc.keys())
    before = order[: order.index(key)]
    for prior in reversed(before):
        if prior in keys:
            return keys.index(prior) + 1
    return len(keys)


def _add_member_fields(doc: Any, template: Any, notes: list[str]) -> None:
    by_id = {m["id"]: m for m in template.get("core_group") or []}
    for i, member in enumerate(doc.get("core_group") or []):
        source = by_id.get(member.get("id")) if isinstance(member, dict) else None
        if source is None:
            continue
        for field_name in ("phone", "responsibilities", "sees_child"):
            if field_name not in member and field_name in source:
                member[field_name] = source[field_name]
                # Ids are chosen by people and may be names: say the list position instead.
                notes.append(f"added core_group[{i}].{field_name}")


def _add_fields(doc: Any, template: Any, section: str, names: tuple[str, ...], notes: list[str]) -> None:
    if section not in template or not isinstance(template[section], dict):
        return
    if section in doc and doc[section] is None:  # written as `meetings:` with nothing under it
        doc[section] = template[section]
        notes.append(f"added {section}")
        return
    if not isinstance(doc.get(section), dict):
        return
    for name in names:
        if name not in doc[section] and name in template[section]:
            doc[section][name] = template[section][name]
            notes.append(f"added {section}.{name}")


def _add_terms(doc: Any, notes: list[str]) -> None:
    """A detailed plan marks each outcome short- or long-term (D6): a placeholder until decided."""
    for i, outcome in enumerate(doc.get("outcomes") or []):
        if isinstance(outcome, dict) and "term" not in outcome:
            outcome["term"] = f"{TODO}: short or long"
            notes.append(f"added outcomes[{i}].term")


def _record_first_core_group(doc: Any, plan: Any, notes: list[str], today: dt.date) -> None:
    """The detailed plan is agreed at the first core group: record that meeting if it is not there,
    and only once its date has come (a meeting is never recorded as held in the future)."""
    from ruamel.yaml.comments import CommentedMap

    first = plan.meetings.first_core_group if plan.meetings else None
    if first is None or first > today:
        if first is not None:
            notes.append("the first core group's date is still to come: record it under record.meetings once held")
        return
    record = doc.get("record")
    if record is None:
        return
    meetings = record.get("meetings")
    if meetings is None:
        record["meetings"] = meetings = []
    if any(m.get("type") == "core-group" for m in meetings):
        return
    meetings.append(CommentedMap([("type", "core-group"), ("date", first)]))
    notes.append("recorded the first core group (correct its date if it moved)")
