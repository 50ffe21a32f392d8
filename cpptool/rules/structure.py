"""File, YAML and structure rules (CPP-E*, CPP-S*): is this a readable plan of the right shape?

The loader finds most of these problems while it reads the file; the rules here give each kind a
stable code, docs and examples, and add the cross-reference checks that need the whole plan.
"""

from __future__ import annotations

from typing import Iterator

from cpptool.core.registry import Hit, rule

FORMAT = "the cpptool plan format (schemas/plan.schema.json)"


def _problems(code: str):
    def emit(ctx) -> Iterator[Hit]:
        for p in ctx.loaded.problems:
            if p.code == code:
                yield Hit(p.path, p.message, p.detail, at=(p.line, p.col))

    return emit


def _loader_rule(code: str, name: str, summary: str, fix: str, failing: str, passing: str = "") -> None:
    fn = _problems(code)
    fn.__doc__ = f"{summary}\n\nFound while reading the file, before any content rule runs."
    rule(code, name, summary=summary, level="error", sources=(FORMAT,), fix=fix,
         passing=passing, failing=failing, needs_plan=False)(fn)


# Examples for E rules are whole files; an empty passing example means "a complete plan".
_loader_rule(
    "CPP-E001", "yaml-syntax",
    "The file must be valid YAML.",
    "Fix the YAML at the line shown: check indentation and the space after each colon.",
    failing="child:\n  name: Alex Example\n   id: X-1\n",
)
_loader_rule(
    "CPP-E002", "duplicate-key",
    "A key must not appear twice in the same mapping; YAML would silently keep only the last one.",
    "Merge the two entries into one.",
    failing="format: 1\nstage: outline\nstage: detailed\n",
)
_loader_rule(
    "CPP-E003", "tab-indentation",
    "Indentation must use spaces, not tabs.",
    "Replace the tab at the start of the line with spaces.",
    failing="child:\n\tname: Alex Example\n",
)
_loader_rule(
    "CPP-E004", "not-utf8",
    "A plan file must be UTF-8 text.",
    "Save the file as UTF-8 text.",
    failing="\\xff\\xfe (bytes that are not UTF-8)",
)
_loader_rule(
    "CPP-E005", "empty-file",
    "A plan file must not be empty.",
    "Start the plan with `cpptool new`.",
    failing="# nothing here yet\n",
)
_loader_rule(
    "CPP-E006", "file-too-large",
    "A plan file must be smaller than the size limit (2 MiB).",
    "Keep attachments and long reports out of the plan file; link to them instead.",
    failing="(a file of more than 2 MiB)",
)
_loader_rule(
    "CPP-E007", "alias-expansion",
    "YAML anchors and aliases must not expand into a huge document.",
    "Write values out instead of using anchors (&) and aliases (*).",
    failing="a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
)
_loader_rule(
    "CPP-E008", "not-a-mapping",
    "The top level of a plan must be a mapping of keys (format:, stage:, child:, ...).",
    "Start the plan with `cpptool new`, or put the plan's keys at the start of their lines.",
    failing="- just\n- a list\n",
)
_loader_rule(
    "CPP-S001", "unknown-key",
    "Every key must be one the plan format knows; a misspelt key is otherwise silently ignored.",
    "Correct the spelling (the message suggests the nearest key) or remove the key.",
    failing="child:\n  id: X-0001\n  name: Alex Example\n  date_of_brith: 2015-03-02\n",
    passing="child:\n  id: X-0001\n  name: Alex Example\n  date_of_birth: 2015-03-02\n",
)
_loader_rule(
    "CPP-S002", "missing-field",
    "Fields the plan format requires must be present.",
    "Add the missing field shown in the message.",
    failing="actions:\n  - id: a1\n    owner: sw\n    due: 2026-12-01\n",
    passing="actions:\n  - id: a1\n    what: Visit Riley at home.\n    owner: sw\n    due: 2026-12-01\n",
)
_loader_rule(
    "CPP-S003", "wrong-type",
    "Each value must have the right type: dates as YYYY-MM-DD, true/false, lists, or text.",
    "Write the value in the form the message asks for.",
    failing="conference:\n  type: initial\n  date: next week\n",
    passing="conference:\n  type: initial\n  date: 2026-11-02\n",
)
_loader_rule(
    "CPP-S006", "format-2-field",
    "A format 1 plan must not use a field or value that only plan format 2 has; `cpptool migrate` makes it format 2.",
    "Run `cpptool migrate PLAN` (it rewrites the plan as format 2, keeping comments), or remove the field.",
    failing="record:\n  visits:\n    - {date: 2026-11-13, by: sw, child_seen: true, bedroom_seen: true}\n",
    passing="format: 2\nrecord:\n  visits:\n    - {date: 2026-11-13, by: sw, child_seen: true, bedroom_seen: true}\n",
)


@rule(
    "CPP-S004", "duplicate-id",
    summary="Ids of core group members, concerns, outcomes and actions must be unique.",
    level="error", sources=(FORMAT,),
    fix="Give each entry its own id; references use ids to say who does what.",
    passing="""
    concerns:
      - {id: c1, text: Alex has been left alone at home at night.}
      - {id: c2, text: Alex has missed many days of school.}
    """,
    failing="""
    concerns:
      - {id: c1, text: Alex has been left alone at home at night.}
      - {id: c1, text: Alex has missed many days of school.}
    """,
)
def duplicate_ids(ctx) -> Iterator[Hit]:
    """Every id in a list must be unique, so that references point to one thing."""
    plan = ctx.plan
    for section in ("core_group", "concerns", "outcomes", "actions"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(plan, section)):
            if item.id in seen:
                yield Hit((section, i, "id"), f"{section}[{i}] uses the same id as {section}[{seen[item.id]}]")
            else:
                seen[item.id] = i


@rule(
    "CPP-S005", "unknown-reference",
    summary="References to core group members, concerns, outcomes and actions must name an existing id.",
    level="error", sources=(FORMAT,),
    fix="Use the id of an entry that exists (see core_group, concerns, outcomes, actions) or add that entry.",
    passing="""
    lead_social_worker: sw
    """,
    failing="""
    lead_social_worker: nobody
    """,
)
def unknown_references(ctx) -> Iterator[Hit]:
    """An owner, signatory or link must point at an entry that exists in the plan."""
    plan = ctx.plan
    members = {m.id for m in plan.core_group}
    concerns = {c.id for c in plan.concerns}
    outcomes = {o.id for o in plan.outcomes}
    actions = {a.id for a in plan.actions}

    def check(path, value, known, what):
        if value is not None and value not in known:
            return Hit(path, f"{_fmt(path)} names a {what} id that is not in the plan")
        return None

    refs = [(("lead_social_worker",), plan.lead_social_worker, members, "core group member")]
    for i, o in enumerate(plan.outcomes):
        refs += [(("outcomes", i, "concerns", j), c, concerns, "concern") for j, c in enumerate(o.concerns)]
    for i, a in enumerate(plan.actions):
        refs.append((("actions", i, "owner"), a.owner, members, "core group member"))
        refs.append((("actions", i, "outcome"), a.outcome, outcomes, "outcome"))
        refs += [(("actions", i, "concerns", j), c, concerns, "concern") for j, c in enumerate(a.concerns)]
    for i, s in enumerate(plan.contingency):
        refs.append((("contingency", i, "who"), s.who, members, "core group member"))
        refs += [(("contingency", i, "concerns", j), c, concerns, "concern") for j, c in enumerate(s.concerns)]
    for i, a in enumerate(plan.assessments):
        refs.append((("assessments", i, "by"), a.by, members, "core group member"))
    if plan.monitoring:
        refs.append((("monitoring", "checked_by"), plan.monitoring.checked_by, members, "core group member"))
        refs.append((("monitoring", "reports_to"), plan.monitoring.reports_to, members, "core group member"))
    if plan.views:
        refs += [(("views", "parents", i, "member"), v.member, members, "core group member")
                 for i, v in enumerate(plan.views.parents)]
    if plan.agreement:
        refs += [(("agreement", "signatures", i, "member"), s.member, members, "core group member")
                 for i, s in enumerate(plan.agreement.signatures)]
    if plan.record:
        refs += [(("record", "visits", i, "by"), v.by, members, "core group member")
                 for i, v in enumerate(plan.record.visits)]
        refs += [(("record", "actions_completed", i, "action"), a.action, actions, "action")
                 for i, a in enumerate(plan.record.actions_completed)]
    for path, value, known, what in refs:
        hit = check(path, value, known, what)
        if hit:
            yield hit


def _fmt(path) -> str:
    from cpptool.core.yamlpath import format_path

    return format_path(path)
