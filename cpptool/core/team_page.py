"""The caseload report as one self-contained HTML page: inline CSS and SVG, nothing to fetch.

The page comes from templates/report/report.html.j2, and each plan's section from plan.html.j2
(on its own, so that it can be made in worker processes and kept in the check cache: its
anchor depends on the plan's file only), rendered by Jinja2 in a sandbox with
autoescape on and StrictUndefined: plan values reach the template only as data, escaped, never
as template code. Each chart is inline SVG with role="img", a <title> and <desc>, and the same
numbers in a table beside it; late events are marked with shapes and words, not colour alone.
Geometry is worked out here so the template only places what it is given.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Sequence

from cpptool.core.caseload import DueItem
from cpptool.core.deadlines import day_text
from cpptool.core.plan_dates import LANES, TimelineEvent
from cpptool.core.team_report import PlanView, Tally, TeamReport

MARKING = "OFFICIAL-SENSITIVE"
BAR_WIDTH = 360  # the longest bar, in SVG units
LABEL_WIDTH = 230
ROW = 24
LANE_WORDS = {"conference": "Conferences", "core-group": "Core groups", "visit": "Visits"}
TIMELINE_WIDTH, TIMELINE_LEFT, LANE_HEIGHT = 880, 110, 34
TOP = 20  # bars in a findings chart; the table beside it lists them all


def render_page(report: TeamReport, *, version: str, sections: Sequence[str | None] = ()) -> str:
    """The HTML page for `report`. `sections` may give plans' sections already made by plan_section
    (for the same date and `names`), in the order of report.plans; the others are made here."""
    from markupsafe import Markup

    given = [*sections, *[None] * (len(report.plans) - len(sections))]
    made = [Markup(s if s is not None else plan_section(p, report.as_of, names=report.names))
            for p, s in zip(report.plans, given)]
    return _template("report.html.j2").render(**context(report, version=version), sections=made)


def plan_section(view: PlanView, as_of: dt.date, *, names: bool) -> str:
    """One plan's section of the page, HTML: its counts, its timeline as a chart and as a table."""
    return _template("plan.html.j2").render(p=_plan(view, as_of, names))


# The templates compiled when cpptool was made, by module in cpptool.core.compiled.
COMPILED = {"report.html.j2": "report_html", "plan.html.j2": "plan_html"}


@lru_cache(maxsize=8)
def _template(name: str) -> Any:
    """The template `name`: compiled when cpptool was made, if from this very text by this
    Jinja2 (see cpptool/core/compiled), else compiled now."""
    import importlib
    import zlib

    import jinja2

    env = environment()
    if name in COMPILED:
        try:
            module = importlib.import_module(f"cpptool.core.compiled.{COMPILED[name]}")
        except ImportError:  # made by a Jinja2 whose runtime had names this one lacks
            module = None
        if module is not None and module.JINJA_VERSION == jinja2.__version__ \
                and module.SANDBOX == sandbox_settings() and module.SOURCE_CRC32 == zlib.crc32(template_source(name)):
            # As Jinja2's own ModuleLoader loads a compiled template: the module becomes its namespace.
            return env.template_class.from_module_dict(env, module.__dict__, env.make_globals(None))
    return env.get_template(name)


def sandbox_settings() -> str:
    """What of the sandbox shapes the code a template compiles to, as the compiled modules record it."""
    env = environment()
    return (f"{type(env).__mro__[1].__name__} autoescape={env.autoescape} trim_blocks={env.trim_blocks} "
            f"lstrip_blocks={env.lstrip_blocks} filters={sorted(env.filters)}")


def template_source(name: str) -> bytes:
    from cpptool.resources import resource_dir

    return (resource_dir("templates") / "report" / name).read_bytes()


@lru_cache(maxsize=1)
def environment() -> Any:
    """One sandbox per process (Jinja2 keeps each template compiled in it)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from cpptool.resources import resource_dir

    class ReportSandbox(SandboxedEnvironment):
        # The page reads tens of thousands of fields of the report's own records and of the dicts
        # made here; those are data, so they skip the sandbox's general inspection (and a dict's
        # key wins over a method of the same name). Anything else gets the full check.
        def getattr(self, obj: Any, attribute: str) -> Any:
            if attribute in _FIELDS.get(type(obj), ()):
                return obj.__dict__[attribute]
            if type(obj) is dict and attribute in obj:  # as obj["attribute"], which the sandbox allows
                return obj[attribute]
            return super().getattr(obj, attribute)

    env = ReportSandbox(loader=FileSystemLoader(str(resource_dir("templates") / "report")),
                        undefined=StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = day_text
    return env


def _fields(*kinds: type) -> dict[type, frozenset[str]]:
    from cpptool.core.records import fields

    return {kind: frozenset(fields(kind)) for kind in kinds}


_FIELDS = _fields(DueItem, PlanView, Tally, TimelineEvent)


def context(report: TeamReport, *, version: str) -> dict[str, Any]:
    plans = report.plans
    summary_rows = [("Clean (no findings)", report.clean), ("With errors", report.with_errors),
                    ("With warnings or info only", len(plans) - report.clean - report.with_errors - report.unreadable),
                    ("Could not be read as a plan", report.unreadable)]
    overdue_total = sum(len(items) for _, _, items in report.overdue_by_worker)
    return {
        "marking": MARKING, "version": version, "as_of": report.as_of, "names": report.names,
        "plan_count": len(plans), "clean": report.clean, "with_errors": report.with_errors,
        "unreadable": report.unreadable, "overdue_total": overdue_total,
        "summary_rows": summary_rows,
        "summary_chart": bar_chart("chart-summary", "Plans checked, by result",
                                   [(label, n) for label, n in summary_rows]),
        "by_rule": report.by_rule,
        "rule_chart": bar_chart("chart-rules", _top("Findings by rule across the caseload", report.by_rule),
                                [(f"{t.key} {t.title}", t.findings) for t in report.by_rule[:TOP]]),
        "by_requirement": report.by_requirement,
        "requirement_chart": bar_chart("chart-requirements",
                                       _top("Findings by requirement across the caseload", report.by_requirement),
                                       [(t.key, t.findings) for t in report.by_requirement[:TOP]]),
        "overdue_groups": [{"worker": _worker(w, name, report.names), "dates": items}
                           for w, name, items in report.overdue_by_worker],
        "worker_chart": bar_chart("chart-workers", "Overdue dates by lead social worker",
                                  [(_worker(w, name, report.names), len(items))
                                   for w, name, items in report.overdue_by_worker]),
        "ranked": report.ranked(),
    }


def _top(title: str, rows: list) -> str:
    return f"{title} (the {TOP} most frequent)" if len(rows) > TOP else title


def _worker(worker: str, name: str, names: bool) -> str:
    shown = worker or "none named"
    return f"{shown} ({name})" if names and name else shown


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> dict[str, Any]:
    """Horizontal bars, each labelled with its name and its number (readable without colour)."""
    top = max((n for _, n in rows), default=0)
    bars = []
    for i, (label, n) in enumerate(rows):
        width = round(BAR_WIDTH * n / top) if top else 0
        bars.append({"label": _clip(label, 34), "full": label, "value": n, "y": 8 + i * ROW,
                     "width": max(width, 1 if n else 0)})
    desc = "; ".join(f"{label}: {n}" for label, n in rows) or "nothing to show"
    return {"id": chart_id, "title": title, "desc": desc, "bars": bars, "label_width": LABEL_WIDTH,
            "width": LABEL_WIDTH + BAR_WIDTH + 60, "height": 16 + max(len(rows), 1) * ROW}


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _plan(p: PlanView, as_of: dt.date, names: bool) -> dict[str, Any]:
    title = f"{p.file} ({p.child})" if names and p.child else p.file
    return {"view": p, "title": title, "worker": _worker(p.worker, p.worker_name, names),
            "timeline": timeline_chart(p, as_of) if p.timeline else None,
            "late": sum(e.late for e in p.timeline)}


def timeline_chart(p: PlanView, as_of: dt.date) -> dict[str, Any]:
    """One row per lane (conferences, core groups, visits) on a shared date axis, with --as-of marked."""
    first = min([e.date for e in p.timeline] + [as_of])
    last = max([e.date for e in p.timeline] + [as_of])
    span = max((last - first).days, 1)
    inner = TIMELINE_WIDTH - TIMELINE_LEFT - 30

    def x(day: dt.date) -> float:
        return round(TIMELINE_LEFT + inner * (day - first).days / span, 1)

    markers = [_marker(e, x(e.date), 22 + LANES.index(e.lane) * LANE_HEIGHT) for e in p.timeline]
    late = [e for e in p.timeline if e.late]
    desc = (f"{len(p.timeline)} events from {day_text(first)} to {day_text(last)}; "
            f"{len(late)} late or overdue" + (": " + "; ".join(f"{e.what} on {day_text(e.date)}" for e in late)
                                              if late else ""))
    height = 22 + len(LANES) * LANE_HEIGHT + 24
    return {"id": f"{p.anchor}-timeline", "desc": desc, "markers": markers, "width": TIMELINE_WIDTH,
            "height": height, "left": TIMELINE_LEFT, "right": TIMELINE_WIDTH - 30,
            "lanes": [{"name": LANE_WORDS[lane], "y": 22 + i * LANE_HEIGHT} for i, lane in enumerate(LANES)],
            "as_of_x": x(as_of), "axis_y": height - 22, "ticks": _ticks(first, last, x)}


def _marker(e: TimelineEvent, x: float, y: int) -> dict[str, Any]:
    shape = "triangle" if e.late else "circle"
    filled = e.status == "held"
    late = " LATE: " + "; ".join(e.why) if e.late else ""
    return {"x": x, "y": y, "shape": shape, "filled": filled, "late": e.late,
            "label": f"{day_text(e.date)} {e.what}, {e.status}{late}",
            "points": f"{x},{y - 7} {x - 7},{y + 5} {x + 7},{y + 5}"}


def _ticks(first: dt.date, last: dt.date, x) -> list[dict[str, Any]]:
    """Month starts (or years, for long plans) between the ends, at most about eight labels."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, -(-months // 8))
    ticks = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = dt.date(year, month, 1)
        if day >= first:
            ticks.append({"x": x(day), "label": f"{day:%b %Y}"})
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return ticks
