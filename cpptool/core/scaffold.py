"""Start plans from templates (`cpptool new`); promote.py turns outline plans into detailed ones.

Templates are Jinja2 run in a SandboxedEnvironment with StrictUndefined: what the user types is
passed in as data and quoted for YAML by the `q` filter, never evaluated as template code. The
rendered YAML is parsed and validated before anything is written.

Nothing is guessed: an essential not given (a name, the category, the first language, whether an
interpreter is needed, the conference's decision) becomes a "TO DO" placeholder that `cpptool
check` reports, never a default that would quietly satisfy a rule.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from cpptool import __version__
from cpptool.core.citations import entry_short
from cpptool.core.deadlines import due_date, timescale
from cpptool.core.errors import CpptoolError
from cpptool.core.profiles import Profile
from cpptool.core.records import field, record
from cpptool.resources import resource_dir

TODO = "TO DO"
KINDS = ("professional", "parent", "carer", "family", "child")
CONFERENCE_TYPES = ("initial", "review", "transfer-in")


@record
class Member:
    name: str
    role: str
    kind: str
    agency: str | None = None


@record
class Answers:
    """What `cpptool new` asks for (by prompt, --set or --answers); None means not given."""

    child_name: str | None = None
    child_id: str | None = None
    date_of_birth: dt.date | None = None
    first_language: str | None = None
    preferred_language: str | None = None
    interpreter_needed: bool | None = None
    pre_birth: bool = False
    conference_type: str = "initial"
    conference_date: dt.date | None = None
    plan_start: dt.date | None = None  # a review conference: when the plan began (the initial conference)
    chair: str | None = None
    threshold_met: bool | None = None
    consensus: bool | None = None
    lead_name: str | None = None
    lead_agency: str | None = None
    categories: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    # Keys accepted by --set and --answers, with what each expects.
    KEYS = {
        "child_name": "the child's full name", "child_id": "the case-record id",
        "date_of_birth": "YYYY-MM-DD or DD/MM/YYYY", "first_language": "text", "preferred_language": "text",
        "interpreter_needed": "true or false", "pre_birth": "true or false",
        "conference_type": "initial, review or transfer-in", "conference_date": "YYYY-MM-DD or DD/MM/YYYY",
        "plan_start": "YYYY-MM-DD or DD/MM/YYYY (a review conference: the initial conference that started the plan)",
        "chair": "text", "threshold_met": "true or false (the conference found the threshold for a plan met)",
        "consensus": "true or false (the conference agreed)", "lead_name": "the lead social worker's name",
        "lead_agency": "text", "categories": "codes or names separated by commas, e.g. NEG, or PHY,emotional",
        "members": "a list of {name, role, kind, agency}; with --set use member=Name;Role;kind;Agency",
    }


# Words people type for each category of abuse (DfE codes), matched from the start of a word.
CATEGORY_NAMES = {"NEG": ("neglect",), "PHY": ("physical",), "SAB": ("sexual",), "EMO": ("emotional",),
                  "MUL": ("multiple", "more than one", "mixed"), "EXP": ("exploitation",)}


def category_code(text: str) -> str:
    """A category as its code: 'NEG' or 'neg' stay NEG, 'emotional' or 'Emotional abuse' become EMO.
    Text that names no category is returned in capitals for the profile check to refuse."""
    typed = " ".join(str(text).split())
    if typed.upper() in CATEGORY_NAMES:
        return typed.upper()
    words = typed.lower().removesuffix(" abuse").removesuffix(" harm").strip()
    for code, names in CATEGORY_NAMES.items():
        if len(words) >= 3 and any(name.startswith(words) or words.startswith(name) for name in names):
            return code
    return typed.upper()


def check_categories(profile: Profile, codes: list[str]) -> None:
    """Refuse a category code the profile does not allow (placeholders are left for check)."""
    allowed = profile.get("categories.allowed") or []
    bad = [c for c in codes if allowed and c not in allowed and not c.startswith(TODO)]
    if bad:
        raise CpptoolError(f"category {bad[0]} is not one of this profile's codes: {', '.join(allowed)} "
                           "(or their names, e.g. neglect, emotional)")


# Role words that say what kind of member someone is; anything else is a professional.
_KIND_WORDS = (
    ("parent", {"mother", "father", "mum", "mam", "mom", "dad", "parent", "stepmother", "stepfather",
                "stepmum", "stepdad", "step-mother", "step-father", "step-parent", "stepparent"}),
    ("carer", {"carer", "foster", "guardian", "kinship"}),
    ("family", {"grandmother", "grandfather", "grandma", "grandad", "granddad", "grandparent", "nan", "aunt",
                "auntie", "uncle", "brother", "sister", "sibling", "cousin", "relative", "stepbrother",
                "stepsister", "half-brother", "half-sister"}),
    ("child", {"child", "young person", "the child"}),
)


def suggest_kind(role: str) -> str:
    """The member kind a role suggests: 'Mother' -> parent, 'Foster carer' -> carer, 'Nan' -> family."""
    text = role.strip().lower()
    words = set(re.findall(r"[a-z][a-z'-]*", text))
    for kind, names in _KIND_WORDS:
        if text in names or words & names:
            return kind
    return "professional"


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
    if key in ("date_of_birth", "conference_date", "plan_start"):
        if not isinstance(value, dt.date):
            try:
                value = parse_date(str(value), what=f"{where}: {key}")
            except CpptoolError:
                if re.fullmatch(r"[\d/.\- ]{1,20}", str(value)):
                    raise  # a mistyped date: the message says exactly what is wrong with it
                # Anything else may be a name or other personal text: say where, never what.
                raise CpptoolError(f"{where}: {key} is not a date; write it as YYYY-MM-DD or DD/MM/YYYY, "
                                   "e.g. 2026-11-23 or 23/11/2026") from None
    elif key in ("interpreter_needed", "pre_birth", "threshold_met", "consensus"):
        value = _boolean(value, key, where)
    elif key == "conference_type":
        if value not in CONFERENCE_TYPES:
            raise CpptoolError(f"{where}: conference_type must be one of {', '.join(CONFERENCE_TYPES)}")
    elif key == "categories":
        items = value if isinstance(value, list) else str(value).split(",")
        value = [category_code(str(c)) for c in items if str(c).strip()]
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
    env.filters["codes"] = _codes
    env.globals["yes_no"] = _yes_no
    return env


def _yes_no(value: bool | None, question: str) -> str:
    """true or false when answered; otherwise a placeholder, never a guess that satisfies a rule."""
    return todo(f"{question} (true or false)") if value is None else ("true" if value else "false")


def _codes(items: list[str]) -> str:
    """A YAML flow list of category codes: [NEG, PHY]; anything that is not a plain code is quoted."""
    return "[" + ", ".join(c if re.fullmatch(r"[A-Z]{2,5}", c) else _q(c) for c in items) + "]"


def section_requirements() -> dict[str, list[str]]:
    from cpptool.core.profiles import read_yaml_mapping

    return read_yaml_mapping(resource_dir("templates") / "plan" / "sections.yaml", what="template")


def guidance(profile: Profile, stage: str, section: str) -> list[str]:
    """The profile's requirements for one section, as comment lines (what it must hold, and why)."""
    lines = []
    for rid in section_requirements().get(section, []):
        spec = profile.requirements.get(rid)
        if spec and profile.applies(rid, stage):
            lines.append(f"{rid} ({spec.get('level', '')}): {entry_short(profile, spec)}")
    return lines


def _guide_text(profile: Profile, stage: str, section: str) -> str:
    lines = guidance(profile, stage, section)
    return "".join(f"# {line}\n" for line in lines)


@record
class Deadline:
    date: dt.date
    comment: str


def _deadline(profile: Profile, calendar: Any, name: str, anchor: dt.date, what: str) -> Deadline | None:
    ts = timescale(profile, name)
    if ts is None:
        return None
    return Deadline(due_date(calendar, anchor, ts), f"  # {ts.text} after {what} ({ts.citation})")


def render_new(profile: Profile, stage: str, answers: Answers, *, today: dt.date,
               given_members: tuple[list[dict], str] | None = None,
               schema_ref: str | None = None) -> tuple[str, list[str]]:
    """The text of a new plan, and notes on what was filled in for the user (placeholders, defaults).

    `given_members` (member dicts with ids, and the lead's id) is for promote, which must keep the
    outline plan's ids. `schema_ref` is the plan schema for the editor's modeline (see
    repository.schema_reference); without it the plan has no modeline."""
    if stage not in ("outline", "detailed"):
        raise CpptoolError("--stage must be outline or detailed")
    categories_required = profile.get("categories.required", True) is not False
    check_categories(profile, answers.categories)
    notes = _fill_defaults(answers, today, categories_required)
    members, lead_id = given_members if given_members else _members(answers, notes)
    context = {
        "a": answers, "stage": stage, "profile": {"id": profile.id}, "today": today.isoformat(),
        "terminology": {"plan": profile.get("terminology.plan", "child protection plan")},
        "schema_ref": schema_ref, "template_id": f"cpptool/{stage}", "version": __version__,
        "first_name": _first(answers.child_name), "members": members, "lead_id": lead_id,
        "categories_required": categories_required, "pre_birth": answers.pre_birth,
        "required": sorted(profile.requirements),
        # a rule option the profile sets (e.g. Jersey's CPP-O006 manager), so a new plan has a
        # placeholder for everything its procedure asks
        "options": lambda code, name: ((profile.get("rules") or {}).get(code) or {}).get(name)
        if isinstance((profile.get("rules") or {}).get(code), dict) else None,
        "applies": lambda rid: stage == "detailed" or profile.applies(rid, stage),
        "guide": lambda section: _guide_text(profile, stage, section), "todo": todo,
        **_dates(profile, answers),
    }
    text = _environment().get_template("plan.yaml.j2").render(**context)
    if stage == "detailed" and context["first_core_group"] <= today:
        # Agreed at the first core group; a meeting still to come is never recorded as held.
        text = text.replace("record:\n  meetings: []\n", "record:\n  meetings:\n"
                            f"    - type: core-group  # the first core group, where this plan was agreed\n"
                            f"      date: {context['first_core_group']}\n", 1)
    validate_text(text, "the new plan")
    return text, notes


def _fill_defaults(a: Answers, today: dt.date, categories_required: bool) -> list[str]:
    """Fill what was not given with today's date or TO DO placeholders; say what was filled."""
    notes: list[str] = []
    if a.conference_date is None:
        a.conference_date = today
        notes.append(f"no conference date given: used today's date, {today.isoformat()}; correct it if wrong")
    if a.preferred_language is None and a.first_language:
        a.preferred_language = a.first_language
    placeholders = {
        "child_name": "the child's full name", "child_id": "the case-record id",
        "first_language": "the child's first language", "preferred_language": "the child's preferred language",
        "chair": "the conference chair",
    }
    for key, what in placeholders.items():
        if not getattr(a, key):
            setattr(a, key, f"{TODO}: {what}")
            if key in ("child_name", "first_language"):
                notes.append(f"no {key.replace('_', ' ')} given: left a placeholder")
    if categories_required and not a.categories:
        a.categories = [f"{TODO}: the category of abuse or neglect the conference decided"]
        notes.append("no category given: left a placeholder")
    unanswered = [k for k in ("interpreter_needed", "threshold_met", "consensus") if getattr(a, k) is None]
    if unanswered:
        notes.append(f"not answered, left as placeholders: {', '.join(unanswered)}")
    return notes


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
