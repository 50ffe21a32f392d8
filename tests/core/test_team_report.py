"""core/team_report.py and core/team_page.py: the caseload report's numbers, timelines and charts."""

from __future__ import annotations

import datetime as dt

from conftest import AS_OF, COMPLETE, EXAMPLES, OUTLINE
from cpptool.core.deadlines import deadline, timescale
from cpptool.core import caseload_run
from cpptool.core.engine import CheckOptions, check_plan
from cpptool.core.team_page import bar_chart, context, render_page

D = dt.date
NY_FLAWED = EXAMPLES / "profiles" / "north-yorkshire-flawed.yaml"
BROKEN = EXAMPLES / "flawed" / "structure-flawed.yaml"


def _report(*paths, as_of=AS_OF, names=False):
    plans = caseload_run.read_caseload([(p, str(p)) for p in paths], CheckOptions(as_of=as_of, cache=False),
                                       names=names, report=True)
    return caseload_run.team_report(plans, as_of, names=names)


def test_counts_clean_errors_and_unreadable():
    report = _report(COMPLETE, OUTLINE, NY_FLAWED, BROKEN)
    assert (len(report.plans), report.clean, report.with_errors, report.unreadable) == (4, 2, 1, 1)
    ranked = report.ranked()  # plans with errors, and files that are not plans
    assert {p.file for p in ranked} == {str(NY_FLAWED), str(BROKEN)}
    assert [p.errors for p in ranked] == sorted((p.errors for p in ranked), reverse=True)
    ny = report.plans[2]
    assert ny.errors >= 1 and ny.warnings >= 1 and ny.worker == "sw" and ny.readable
    assert not report.plans[3].readable and report.plans[3].timeline == []


def test_findings_by_rule_and_by_requirement():
    report = _report(NY_FLAWED, EXAMPLES / "profiles" / "council-2019-flawed.yaml")
    rules = {t.key: t for t in report.by_rule}
    assert rules["CPP-T007"].findings == 1 and rules["CPP-T007"].plans == 1
    assert rules["CPP-T007"].title == "visit-interval" and rules["CPP-T007"].levels == "error"
    assert [t.findings for t in report.by_rule] == sorted((t.findings for t in report.by_rule), reverse=True)
    reqs = {t.key: t for t in report.by_requirement}
    assert "T8" in reqs and reqs["T8"].title.startswith("Lead SW visits")
    assert sum(t.findings for t in report.by_rule) == sum(p.errors + p.warnings + p.infos for p in report.plans)


def test_timeline_holds_meetings_visits_and_what_is_next_with_late_ones_marked():
    plan = _report(NY_FLAWED).plans[0]
    c = check_plan(NY_FLAWED, str(NY_FLAWED), CheckOptions(as_of=AS_OF))
    core_group = deadline(c.setup.calendar, D(2026, 11, 16), timescale(c.setup.profile, "core_group_interval")).result
    events = [(e.date, e.lane, e.what, e.status, e.late) for e in plan.timeline]
    assert events == [
        (D(2026, 11, 2), "conference", "initial conference", "held", False),
        (D(2026, 11, 3), "visit", "visit, child seen alone", "held", False),
        (D(2026, 11, 12), "visit", "visit, child seen alone", "held", False),  # the class teacher's
        (D(2026, 11, 16), "core-group", "core group", "held", False),
        (D(2026, 11, 20), "visit", "visit, child seen alone", "held", True),
        (D(2026, 12, 4), "visit", "visit seeing the child", "due", False),
        (core_group, "core-group", "core group", "due", False),
        (D(2027, 1, 26), "conference", "review conference", "planned", False),
    ]
    late = next(e for e in plan.timeline if e.late)
    assert len(late.why) == 1 and late.why[0].startswith("CPP-T007 the gap before this visit")
    assert late.path == "record.visits[2]"


def test_overdue_dates_are_late_on_the_timeline_and_counted_by_worker():
    report = _report(COMPLETE, as_of=D(2026, 12, 8))
    visit = next(e for e in report.plans[0].timeline if e.what == "visit seeing the child")
    assert visit.late and visit.why == ("overdue: the date has passed",)
    assert [(w, len(items)) for w, _, items in report.overdue_by_worker] == [("sw", 2)]


def test_names_only_when_asked():
    assert (_report(COMPLETE).plans[0].child, _report(COMPLETE).plans[0].worker_name) == ("", "")
    named = _report(COMPLETE, names=True).plans[0]
    assert (named.child, named.worker_name) == ("Riley Fictional", "Sam Example")


def test_bar_chart_scales_to_the_largest_and_labels_every_bar():
    chart = bar_chart("c", "Title", [("a", 10), ("b", 5), ("zero", 0)])
    assert [b["width"] for b in chart["bars"]] == [360, 180, 0]
    assert chart["desc"] == "a: 10; b: 5; zero: 0"
    assert bar_chart("e", "Empty", [])["desc"] == "nothing to show"


def test_the_page_renders_with_every_template_value_defined():
    report = _report(COMPLETE, NY_FLAWED, BROKEN)
    page = render_page(report, version="9.9.9")
    assert page.count("OFFICIAL-SENSITIVE") == 3 and "cpptool 9.9.9" in page
    assert context(report, version="x")["plan_count"] == 3
