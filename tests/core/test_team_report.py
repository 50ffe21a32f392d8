"""core/team_report.py and core/team_page.py: the caseload report's numbers, timelines and charts."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import AS_OF, COMPLETE, EXAMPLES, OUTLINE
from cpptool.core.deadlines import deadline, timescale
from cpptool.core import caseload_run
from cpptool.core.engine import CheckOptions, check_plan
from cpptool.core.plan_dates import plan_dates
from cpptool.core import team_page
from cpptool.core.team_page import bar_chart, context, environment, plan_section, render_page
from cpptool.core.team_report import plan_anchor

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


def _timeline(path, as_of=AS_OF):
    """A plan's timeline, which its section of the page shows (the report keeps only the section)."""
    return plan_dates(check_plan(path, str(path), CheckOptions(as_of=as_of)), as_of).timeline


def test_timeline_holds_meetings_visits_and_what_is_next_with_late_ones_marked():
    timeline = _timeline(NY_FLAWED)
    c = check_plan(NY_FLAWED, str(NY_FLAWED), CheckOptions(as_of=AS_OF))
    core_group = deadline(c.setup.calendar, D(2026, 11, 16), timescale(c.setup.profile, "core_group_interval")).result
    events = [(e.date, e.lane, e.what, e.status, e.late) for e in timeline]
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
    late = next(e for e in timeline if e.late)
    assert len(late.why) == 1 and late.why[0].startswith("CPP-T007 the gap before this visit")
    assert late.path == "record.visits[2]"


def test_overdue_dates_are_late_on_the_timeline_and_counted_by_worker():
    report = _report(COMPLETE, as_of=D(2026, 12, 8))
    visit = next(e for e in _timeline(COMPLETE, D(2026, 12, 8)) if e.what == "visit seeing the child")
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


def test_a_plans_section_is_the_same_whatever_else_is_in_the_report():
    """So that it can be made in a worker and kept in the cache: its anchor comes from its file."""
    alone, among = _report(NY_FLAWED), _report(COMPLETE, BROKEN, NY_FLAWED)
    assert alone.plans[0].anchor == among.plans[2].anchor == plan_anchor(str(NY_FLAWED))
    assert len({p.anchor for p in among.plans}) == 3
    section = plan_section(alone.plans[0], AS_OF, names=False)
    assert section.startswith(f'<section id="{alone.plans[0].anchor}"')
    assert section in render_page(among, version="x")
    page = render_page(among, version="x", sections=[None, "<section>given</section>", None])
    assert "<section>given</section>" in page and section in page


def test_the_report_sandbox_reads_record_fields_and_nothing_else():
    from jinja2.exceptions import SecurityError, UndefinedError

    env = environment()
    view = _report(COMPLETE).plans[0]
    assert env.from_string("{{ v.file }} {{ v.errors }}").render(v=view) == f"{view.file} 0"
    assert env.from_string("{{ d.items }}").render(d={"items": "data"}) == "data"  # a key, not the method
    for code in ("{{ v.__class__ }}", "{{ v.__dict__ }}", "{{ d.__class__ }}",
                 "{{ v.clean.__class__.__mro__ }}", "{{ d.update.__self__ }}"):
        with pytest.raises((SecurityError, UndefinedError)):
            env.from_string(code).render(v=view, d={"a": 1})
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


# The templates compiled when cpptool is made (cpptool/core/compiled)

@pytest.mark.parametrize("name", sorted(team_page.COMPILED))
def test_each_compiled_template_is_current(name):
    """`make schema` was run after the last edit of the template (and with this Jinja2)."""
    from pathlib import Path

    from cpptool.core.schema import compiled_template_text

    module = Path(team_page.__file__).parent / "compiled" / f"{team_page.COMPILED[name]}.py"
    text = compiled_template_text(name)
    assert module.read_text(encoding="utf-8") == text
    assert "environment.getattr(" in text  # field reads go through the sandbox, as at run time


def _pages(names=False):
    """The page and one plan's section, as rendered by the templates in hand."""
    report = _report(COMPLETE, NY_FLAWED, BROKEN, names=names)
    return render_page(report, version="test"), plan_section(report.plans[1], AS_OF, names=names)


def test_the_compiled_templates_render_what_compiling_them_now_renders(monkeypatch):
    team_page._template.cache_clear()
    try:
        page = team_page._template("report.html.j2")
        assert page.root_render_func.__module__ == "cpptool.core.compiled.report_html"
        compiled = _pages(names=True)
        team_page._template.cache_clear()
        monkeypatch.setattr(team_page, "COMPILED", {})
        assert team_page._template("report.html.j2").root_render_func.__module__ != "cpptool.core.compiled.report_html"
        assert _pages(names=True) == compiled
    finally:
        team_page._template.cache_clear()


def test_a_template_edited_since_it_was_compiled_is_compiled_again(monkeypatch):
    from cpptool.core.compiled import plan_html

    team_page._template.cache_clear()
    monkeypatch.setattr(plan_html, "SOURCE_CRC32", plan_html.SOURCE_CRC32 ^ 1)
    try:
        assert team_page._template("plan.html.j2").root_render_func.__module__ != "cpptool.core.compiled.plan_html"
        assert team_page._template("report.html.j2").root_render_func.__module__ == "cpptool.core.compiled.report_html"
    finally:
        team_page._template.cache_clear()


def test_a_compiled_template_that_cannot_be_used_is_compiled_again(monkeypatch):
    """Made for other sandbox settings, or by a Jinja2 whose runtime this one lacks: compiled now."""
    import importlib

    from cpptool.core.compiled import report_html

    real_import = importlib.import_module

    def no_runtime(name, *args):
        if name.startswith("cpptool.core.compiled."):
            raise ImportError("cannot import name 'str_join' from 'jinja2.runtime'")
        return real_import(name, *args)

    for patch in ((report_html, "SANDBOX", report_html.SANDBOX + " changed"), (importlib, "import_module", no_runtime)):
        team_page._template.cache_clear()
        with monkeypatch.context() as m:
            m.setattr(*patch)
            try:
                assert team_page._template("report.html.j2").root_render_func.__module__ != report_html.__name__
            finally:
                team_page._template.cache_clear()
    assert team_page._template("report.html.j2").root_render_func.__module__ == report_html.__name__
    team_page._template.cache_clear()
