"""Start plans from templates (`cpptool new`) and turn outline plans into detailed ones (`promote`).

Templates are Jinja2 run in a SandboxedEnvironment with StrictUndefined: what the user types is
passed in as data and quoted for YAML by the `q` filter, never evaluated as template code. The
rendered YAML is parsed and validated before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from cpptool import __version__
from cpptool.core.deadlines import due_date, timescale
from cpptool.core.errors import CpptoolError
from cpptool.core.profiles import Profile
from cpptool.core.schema import SCHEMA_ID
from cpptool.resources import resource_dir

TODO = "TO DO"
KINDS = ("professional", "parent", "carer", "family", "child")
CONFERENCE_TYPES = ("initial", "review", "transfer-in")


@dataclass
class Member:
    name: str
    role: str
    kind: str
    agency: str | None = None


@dataclass
class Answers:
    """What `cpptool new` asks for (by prompt, --set or --answers)."""

    child_name: str | None = None
    child_id: str | None = None
    date_of_birth: dt.date | None = None
    first_language: str = "English"
    preferred_language: str | None = None
    interpreter_needed: bool = False
    pre_birth: bool = False
    conference_type: str = "initial"
    conference_date: dt.date | None = None
    chair: str | None = None
    lead_name: str | None = None
    lead_agency: str | None = None
    categories: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    # Keys accepted by --set and --answers, with what each expects.
    KEYS = {
        "child_name": "the child's full name", "child_id": "the case-record id", "date_of_birth": "YYYY-MM-DD",
        "first_language": "text", "preferred_language": "text", "interpreter_needed": "true or false",
        "pre_birth": "true or false", "conference_type": "initial, review or transfer-in",
        "conference_date": "YYYY-MM-DD", "chair": "text", "lead_name": "the lead social worker's name",
        "lead_agency": "text", "categories": "codes separated by commas, e.g. NEG or PHY,EMO",
        "members": "a list of {name, role, kind, agency}; with --set use member=Name;Role;kind;Agency",
    }


def set_answer(answers: Answers, key: str, value: Any, where: str) -> None:
    """Apply one answer, checking its type; `where` names its origin for error messages."""
    from cpptool.core.calendar import parse_date

    if key == "member":
        answers.members.append(_member_from_text(str(value), where))
        return
    if key not in Answers.KEYS:
        import difflib

        close = difflib.get_close_matches(key, list(Answers.KEYS) + ["member"], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(Answers.KEYS)}"
        raise CpptoolError(f"{where}: unknown answer '{key}'{hint}")
    if key in ("date_of_birth", "conference_date"):
        value = value if isinstance(value, dt.date) else parse_date(str(value), what=f"{where}: {key}")
    elif key in ("interpreter_needed", "pre_birth"):
        value = _boolean(value, key, where)
    elif key == "conference_type":
        if value not in CONFERENCE_TYPES:
            raise CpptoolError(f"{where}: conference_type must be one of {', '.join(CONFERENCE_TYPES)}")
    elif key == "categories":
        items = value if isinstance(value, list) else str(value).split(",")
        value = [str(c).strip().upper() for c in items if str(c).strip()]
    elif key == "members":
        if not isinstance(value, list):
            raise CpptoolError(f"{where}: members must be a list of {{name, role, kind, agency}}")
        value = [_member_from_mapping(m, f"{where}: members[{i}]") for i, m in enumerate(value)]
    elif value is not None and not isinstance(value, str):
        value = str(value)
    setattr(answers, key, value)


def _boolean(value: Any, key: str, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "y", "1"):
        return True
    if text in ("false", "no", "n", "0"):
        return False
    raise CpptoolError(f"{where}: {key} must be true or false")


def _member_from_text(text: str, where: str) -> Member:
    parts = [p.strip() for p in text.split(";")]
    if len(parts) < 3:
        raise CpptoolError(f"{where}: member must be written Name;Role;kind[;Agency], e.g. "
                           "'Jo Fictional;Mother;parent'")
    return _member_from_mapping({"name": parts[0], "role": parts[1], "kind": parts[2],
                                 "agency": parts[3] if len(parts) > 3 else None}, where)


def _member_from_mapping(m: Any, where: str) -> Member:
    if not isinstance(m, dict) or not m.get("name") or not m.get("role") or not m.get("kind"):
        raise CpptoolError(f"{where}: each member needs a name, a role and a kind")
    if m["kind"] not in KINDS:
        raise CpptoolError(f"{where}: member kind must be one of {', '.join(KINDS)}")
    unknown = set(m) - {"name", "role", "kind", "agency"}
    if unknown:
        raise CpptoolError(f"{where}: unknown member key '{sorted(unknown)[0]}'")
    return Member(str(m["name"]), str(m["role"]), m["kind"], str(m["agency"]) if m.get("agency") else None)


def read_answers(path: Any) -> Answers:
    """--answers FILE: a YAML mapping of the same keys as --set."""
    from cpptool.core.profiles import read_yaml_mapping

    answers = Answers()
    for key, value in read_yaml_mapping(path, what="answers").items():
        set_answer(answers, str(key), value, str(path))
    return answers


# ---------------------------------------------------------------------------------------------


def _q(value: Any) -> str:
    """A YAML double-quoted scalar: JSON string escapes are valid YAML, so any text is safe."""
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


def todo(text: str) -> str:
    return _q(f"{TODO}: {text}")


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-").split("-")[0] or "m"
    if not base[0].isalpha():
        base = "m" + base
    base = base[:20]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    taken.add(candidate)
    return candidate


def _first(name: str | None) -> str:
    if not name or name.startswith(TODO):
        return "the child"
    return name.split()[0]


def _environment():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(str(resource_dir("templates") / "plan")),
                               undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["q"] = _q
    env.filters["yaml_bool"] = lambda value: "true" if value else "false"
    return env


def section_requirements() -> dict[str, list[str]]:
    from cpptool.core.profiles import read_yaml_mapping

    return read_yaml_mapping(resource_dir("templates") / "plan" / "sections.yaml", what="template")


def guidance(profile: Profile, stage: str, section: str) -> list[str]:
    """The profile's requirements for one section, as comment lines (what it must hold, and why)."""
    lines = []
    for rid in section_requirements().get(section, []):
        spec = profile.requirements.get(rid)
        if spec and profile.applies(rid, stage):
            cite = " ".join(str(spec.get("cite", "")).split())
            lines.append(f"{rid} ({spec.get('level', '')}): {cite}")
    return lines


def _guide_text(profile: Profile, stage: str, section: str) -> str:
    lines = guidance(profile, stage, section)
    return "".join(f"# {line}\n" for line in lines)


@dataclass
class Deadline:
    date: dt.date
    comment: str


def _deadline(profile: Profile, calendar: Any, name: str, anchor: dt.date, what: str) -> Deadline | None:
    ts = timescale(profile, name)
    if ts is None:
        return None
    return Deadline(due_date(calendar, anchor, ts), f"  # {ts.text} after {what} ({ts.citation})")


def render_new(profile: Profile, stage: str, answers: Answers, *, today: dt.date,
               given_members: tuple[list[dict], str] | None = None) -> tuple[str, list[str]]:
    """The text of a new plan, and notes on what was filled in for the user (placeholders, defaults).

    `given_members` (member dicts with ids, and the lead's id) is for promote, which must keep the
    outline plan's ids."""
    if stage not in ("outline", "detailed"):
        raise CpptoolError("--stage must be outline or detailed")
    notes = _fill_defaults(answers, today)
    categories_required = _check_categories(profile, answers)
    members, lead_id = given_members if given_members else _members(answers, notes)
    context = {
        "a": answers, "stage": stage, "profile": {"id": profile.id}, "today": today.isoformat(),
        "terminology": {"plan": profile.get("terminology.plan", "child protection plan")},
        "schema_url": SCHEMA_ID, "template_id": f"cpptool/{stage}", "version": __version__,
        "first_name": _first(answers.child_name), "members": members, "lead_id": lead_id,
        "categories_required": categories_required, "pre_birth": answers.pre_birth,
        "required": sorted(profile.requirements),
        "guide": lambda section: _guide_text(profile, stage, section), "todo": todo,
        **_dates(profile, answers),
    }
    text = _environment().get_template("plan.yaml.j2").render(**context)
    if stage == "detailed":
        text = text.replace("record:\n  meetings: []\n", "record:\n  meetings:\n"
                            f"    - type: core-group  # the first core group, where this plan was agreed\n"
                            f"      date: {context['first_core_group']}\n", 1)
    validate_text(text, "the new plan")
    return text, notes


def _fill_defaults(a: Answers, today: dt.date) -> list[str]:
    """Fill what was not given with today's date or TO DO placeholders; say what was filled."""
    notes: list[str] = []
    if a.conference_date is None:
        a.conference_date = today
        notes.append(f"no conference date given: used today's date, {today.isoformat()}; correct it if wrong")
    if not a.child_name:
        a.child_name = f"{TODO}: the child's full name"
        notes.append("no child name given: left a placeholder")
    if not a.child_id:
        a.child_id = f"{TODO}: the case-record id"
    if a.preferred_language is None:
        a.preferred_language = a.first_language
    if not a.chair:
        a.chair = f"{TODO}: the conference chair"
    return notes


def _check_categories(profile: Profile, a: Answers) -> bool:
    required = profile.get("categories.required", True) is not False
    allowed = profile.get("categories.allowed") or []
    if required:
        bad = [c for c in a.categories if allowed and c not in allowed]
        if bad:
            raise CpptoolError(f"category {bad[0]} is not one of this profile's codes: {', '.join(allowed)}")
        if not a.categories:
            raise CpptoolError(f"give the category of abuse (--set categories=CODE), one of: {', '.join(allowed)}")
    return required


# Used where a profile sets no timescale of its own.
_FALLBACK_CORE_GROUPS = "every 4 weeks"
_FALLBACK_VISITS = "every 2 weeks"
_FALLBACK_REVIEW_MONTHS = 3
_FALLBACK_FIRST_CORE_GROUP_DAYS = 10


def _dates(profile: Profile, a: Answers) -> dict[str, Any]:
    """The plan's statutory dates, each with a comment saying how it was worked out."""
    from cpptool.core.calendar import add_months, load_calendar

    calendar = load_calendar(profile.calendar)
    conf = a.conference_date
    first_cg = _deadline(profile, calendar, "first_core_group", conf, "the initial conference")
    review_name = "review_interval" if a.conference_type == "review" else "first_review"
    review = _deadline(profile, calendar, review_name, conf, "the conference") or Deadline(
        add_months(conf, _FALLBACK_REVIEW_MONTHS), f"  # {_FALLBACK_REVIEW_MONTHS} months after the conference")
    assessment = _deadline(profile, calendar, "assessment", conf, "the conference")
    core_groups = timescale(profile, "core_group_interval")
    visits = timescale(profile, "visit_interval")
    first_cg_date = first_cg.date if first_cg else calendar.add(conf, _FALLBACK_FIRST_CORE_GROUP_DAYS)
    return {
        "first_core_group": first_cg_date,
        "first_core_group_comment": first_cg.comment if first_cg else "",
        "review_due": review.date, "review_comment": review.comment,
        "long_term_due": add_months(review.date, 3),
        "action_due": min(first_cg_date, review.date),
        "assessment_due": assessment.date if assessment else review.date,
        "assessment_comment": assessment.comment if assessment else
        "  # no timescale in this profile: by the review conference at the latest",
        "core_group_frequency": core_groups.interval.describe() if core_groups else _FALLBACK_CORE_GROUPS,
        "core_group_comment": f"  # {core_groups.citation}" if core_groups else "",
        "visit_frequency": visits.interval.describe() if visits else _FALLBACK_VISITS,
        "visit_comment": f"  # {visits.citation}" if visits else "",
    }


def _members(a: Answers, notes: list[str]) -> tuple[list[dict], str]:
    taken: set[str] = {"sw"}
    out = [{"id": "sw", "name": a.lead_name or f"{TODO}: the lead social worker's name",
            "name_short": _first(a.lead_name) if a.lead_name else "the lead social worker",
            "role": "Lead social worker", "kind": "professional",
            "agency": a.lead_agency or f"{TODO}: the local authority"}]
    if not a.lead_name:
        notes.append("no lead social worker given: left a placeholder")
    members = list(a.members)
    if not any(m.kind in ("parent", "carer") for m in members):
        members.append(Member(f"{TODO}: a parent's name", "Parent", "parent"))
        notes.append("no parent or carer given: left a placeholder member")
    if not any(m.kind == "professional" for m in members):
        members.append(Member(f"{TODO}: another professional's name", f"{TODO}: role", "professional",
                              f"{TODO}: agency"))
        notes.append("no other professional given: left a placeholder member")
    for m in members:
        short = m.name.split()[0] if not m.name.startswith(TODO) else f"this {m.role.lower()}"
        out.append({"id": _slug(m.name if not m.name.startswith(TODO) else m.kind, taken), "name": m.name,
                    "name_short": short, "role": m.role, "kind": m.kind, "agency": m.agency})
    return out, "sw"


def validate_text(text: str, what: str, *, hint: str = "this is a fault in the template or answers") -> Any:
    """Parse and validate YAML before it is used or written: a fault is an error, never a bad file."""
    from cpptool.core.loader import LoadedPlan, load_plan_bytes

    loaded = load_plan_bytes(text.encode("utf-8"), LoadedPlan(file=what))
    if loaded.problems:
        p = loaded.problems[0]
        raise CpptoolError(f"{what} is not a valid plan ({p.code} at line {p.line}: {p.message}); {hint}")
    return loaded


# ---------------------------------------------------------------------------------------------
# promote: outline -> detailed, keeping every value and comment of the outline

DETAILED_SECTIONS = ("needs", "parenting", "views", "agreement", "record")


def promote_text(outline_text: str, profile: Profile, *, today: dt.date, source: str) -> tuple[str, list[str]]:
    """The detailed plan made from an outline plan's text: same values and comments, stage set to
    detailed, and the detailed-plan sections added with guidance and placeholders."""
    import io

    from ruamel.yaml import YAML

    loaded = validate_text(outline_text, source,
                           hint=f"run `cpptool check {source}` and fix it before promoting")
    plan = loaded.plan
    if plan.stage != "outline":
        raise CpptoolError(f"{source} is already a detailed plan")
    answers = Answers(
        child_name=plan.child.name, date_of_birth=plan.child.date_of_birth,
        first_language=plan.child.first_language or "English",
        preferred_language=plan.child.preferred_language or plan.child.first_language or "English",
        interpreter_needed=bool(plan.child.interpreter_needed), pre_birth=plan.conference.pre_birth,
        conference_type=plan.conference.type, conference_date=plan.conference.date,
        chair=plan.conference.chair, categories=list(plan.conference.categories) or ["NEG"],
    )
    members = [{"id": m.id, "name": m.name, "name_short": m.name,
                "role": m.role, "kind": m.kind, "agency": m.agency} for m in plan.core_group]
    lead = plan.lead_social_worker or (members[0]["id"] if members else "sw")
    # With no core group yet, the template's placeholders stand in; only its new fields are used.
    detailed_text, _ = render_new(profile, "detailed", answers, today=today,
                                  given_members=(members, lead) if members else None)

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    if re.search(r"^[A-Za-z_]+:\s*\n  - ", outline_text, re.M):
        rt.indent(mapping=2, sequence=4, offset=2)  # keep the outline's indented lists, so diffs stay small
    doc = rt.load(outline_text)
    # Top-level comment lines would travel with the value before them; guidance is added per key.
    template = rt.load("\n".join(ln for ln in detailed_text.splitlines() if not ln.startswith("#")))
    notes: list[str] = []
    doc["stage"] = "detailed"
    order = list(template.keys())
    for key in order:
        if key in doc or key not in DETAILED_SECTIONS:
            continue
        position = _insert_position(doc, order, key)
        if key == "record":
            template[key]["meetings"] = []  # filled from the outline's own first core group below
        doc.insert(position, key, template[key])
        lines = guidance(profile, "detailed", key)
        if lines:
            doc.yaml_set_comment_before_after_key(key, before="\n".join(lines))
        notes.append(f"added {key}")
    _add_member_fields(doc, template, notes)
    _add_fields(doc, template, "meetings", ("core_group_venue", "core_group_purpose"), notes)
    _record_first_core_group(doc, plan, notes, today)
    out = io.StringIO()
    rt.dump(doc, out)
    text = out.getvalue()
    validate_text(text, "the detailed plan")
    return text, notes


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
        for field_name in ("responsibilities", "sees_child"):
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
    entry = CommentedMap([("type", "core-group"), ("date", first)])
    meetings.append(entry)
    notes.append("recorded the first core group (correct its date if it moved)")


def render_init_file(template: str, **context: str) -> str:
    """One file for `cpptool init`; .j2 files are rendered in the sandbox, others copied."""
    folder = resource_dir("templates") / "init"
    if not template.endswith(".j2"):
        return (folder / template).read_text(encoding="utf-8")
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
                               keep_trailing_newline=True)
    return env.get_template(template).render(**context)
