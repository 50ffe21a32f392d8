"""core/caseload.py: every date that falls due in a plan, how it was worked out, filters and groups."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import AS_OF, COMPLETE, EXAMPLES, OUTLINE, load_yaml, yaml_text
from cpptool.core import caseload_run
from cpptool.core.caseload import DueFilter, DueItem, due_items, group, keep, overdue_by_worker
from cpptool.core.deadlines import deadline, explain, timescale
from cpptool.core.engine import CheckOptions, check_plan
from cpptool.core.errors import CpptoolError

D = dt.date
EXAMPLES_JERSEY = EXAMPLES / "profiles" / "jersey-complete.yaml"


def _checked(path, as_of=AS_OF):
    return check_plan(path, str(path), CheckOptions(as_of=as_of))


def _items(path, as_of=AS_OF, **kw) -> list[DueItem]:
    c = _checked(path, as_of)
    return due_items(c.loaded.plan, c.setup, as_of, file=str(path), **kw)


def _plan(tmp_path, change, name="plan.yaml", source=COMPLETE):
    data = load_yaml(source)
    change(data)
    path = tmp_path / name
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def _by_key(items):
    return {i.key: i for i in items}


def _core_group_due(c, after=D(2026, 11, 16)):
    """6 weeks after the last core group, as deadlines.py works it out (the roll is its business)."""
    return deadline(c.setup.calendar, after, timescale(c.setup.profile, "core_group_interval"))


def test_every_kind_of_date_in_the_complete_plan_sorted_by_date():
    items = _items(COMPLETE)
    core_group = _core_group_due(_checked(COMPLETE)).result
    assert core_group in (D(2026, 12, 24), D(2026, 12, 28))  # 6 weeks on: Boxing Day (substitute)
    assert [(i.due, i.key) for i in items] == [
        (D(2026, 11, 27), "action:0"),
        (D(2026, 12, 4), "visit"),
        (D(2026, 12, 11), "action:3"),
        (D(2026, 12, 11), "assessment:1"),
        (D(2026, 12, 18), "assessment:0"),
        (core_group, "core-group"),
        (D(2027, 1, 26), "review-conference"),
        (D(2036, 5, 14), "18th-birthday"),
    ]
    assert not any(i.overdue for i in items)
    assert {i.worker for i in items} == {"sw"} and {i.file for i in items} == {str(COMPLETE)}


def test_timescale_dates_are_explained_in_the_deadlines_wording():
    c = _checked(COMPLETE)
    visit = _by_key(due_items(c.loaded.plan, c.setup, AS_OF))["visit"]
    exp = deadline(c.setup.calendar, D(2026, 11, 13), timescale(c.setup.profile, "visit_interval"))
    assert visit.how == explain(exp, "visit seeing the child", "the previous visit seeing the child")
    assert visit.how.startswith("visit seeing the child due by Fri 2026-12-04: 15 working days after")
    core = _by_key(due_items(c.loaded.plan, c.setup, AS_OF))["core-group"]
    assert core.how == explain(_core_group_due(c), "core group", "the previous core group")
    assert "6 weeks after the previous core group on Mon 2026-11-16" in core.how


def test_dates_the_plan_sets_say_where_they_come_from():
    items = _by_key(_items(COMPLETE))
    assert items["action:0"].how == "the due date set in actions[0].due"
    assert items["action:0"].path == "actions[0].due" and items["action:0"].what == "action actions[0]"
    assert items["review-conference"].how == "the date planned in meetings.first_review_conference"
    assert items["18th-birthday"].how == "18 years after child.date_of_birth"


def test_overdue_is_a_date_before_as_of_and_done_things_drop_out(tmp_path):
    items = _by_key(_items(COMPLETE, as_of=D(2026, 12, 8)))
    assert items["action:0"].overdue and items["visit"].overdue
    assert not items["action:3"].overdue  # due 2026-12-11
    path = _plan(tmp_path, lambda d: d["actions"][0].update(status="done"))
    assert "action:0" not in _by_key(_items(path, as_of=D(2026, 12, 8)))


def test_a_date_due_on_the_as_of_day_is_not_yet_overdue():
    item = _by_key(_items(COMPLETE, as_of=D(2026, 11, 27)))["action:0"]
    assert item.due == D(2026, 11, 27) and not item.overdue


def test_names_only_when_asked():
    plain = _items(COMPLETE)
    assert all(i.child == "" and i.worker_name == "" for i in plain)
    named = _items(COMPLETE, names=True)
    assert {i.child for i in named} == {"Riley Fictional"} and {i.worker_name for i in named} == {"Sam Example"}


def test_first_core_group_planned_then_from_the_timescale(tmp_path):
    assert _by_key(_items(OUTLINE))["core-group"].how == "the date planned in meetings.first_core_group"

    def unplanned(d):
        d["meetings"].pop("first_core_group")
    item = _by_key(_items(_plan(tmp_path, unplanned, source=OUTLINE)))["core-group"]
    assert item.what == "first core group" and item.due == D(2026, 11, 23)
    assert "10 working days after the initial conference on Mon 2026-11-09" in item.how


def test_circulation_and_signed_copy_deadlines(tmp_path):
    def jersey(d):
        d["profile"] = "jersey"
        meeting = d["record"]["meetings"][1]
        meeting.pop("minutes_circulated")
        meeting.pop("agreement_returned")
        d["record"]["meetings"].append({"type": "core-group", "date": D(2026, 10, 19),
                                        "minutes_circulated": D(2026, 10, 20)})
    items = _items(_plan(tmp_path, jersey))
    circulation = [i for i in items if i.kind == "circulation"]
    signed = [i for i in items if i.kind == "signed-copy"]
    assert [(i.due, i.overdue) for i in circulation] == [(D(2026, 11, 23), False)]
    assert circulation[0].how.startswith("minutes and agreement circulated due by Mon 2026-11-23: "
                                         "5 working days after the core group on Mon 2026-11-16")
    assert [(i.due, i.overdue) for i in signed] == [(D(2026, 10, 27), True)]  # 5 working days after circulation
    assert "after circulation on Tue 2026-10-20" in signed[0].how
    assert len({i.key for i in items}) == len(items)


def test_risk_assessment_after_a_year_until_one_is_done(tmp_path):
    def year_old(d):
        d["profile"] = "jersey"
        d["conference"].update(type="review", plan_start=D(2025, 10, 6))
        d["meetings"]["next_review_conference"] = D(2027, 4, 26)
    path = _plan(tmp_path, year_old)
    risk = _by_key(_items(path))["risk-assessment"]
    assert risk.due == D(2026, 10, 6) and risk.overdue
    assert "12 months after the plan starting on Mon 2025-10-06" in risk.how

    def done(completed, **how):
        def change(d):
            year_old(d)
            d["assessments"].append({"what": "Risk assessment", "by": "sw", "due": D(2026, 10, 9),
                                     "completed": completed, **how})
        return change
    # Done once a year had run, marked either way (format 1 flag and status, or format 2 kind).
    flagged = done(D(2026, 10, 8), risk_assessment=True, status="done")
    assert "risk-assessment" not in _by_key(_items(_plan(tmp_path, flagged, "done.yaml")))
    kind = done(D(2026, 10, 8), kind="risk")
    path = _plan(tmp_path, lambda d: (kind(d), d.update(format=2)), "kind.yaml")
    assert "risk-assessment" not in _by_key(_items(path))
    assert "CPP-T010" not in {f.code for f in _checked(path).result.findings}
    # One finished before the year was up does not answer "after a year", here as in CPP-T010.
    early = done(D(2026, 9, 30), risk_assessment=True, status="done")
    assert "risk-assessment" in _by_key(_items(_plan(tmp_path, early, "early.yaml")))


def test_next_review_from_the_interval_once_the_planned_one_is_held(tmp_path):
    def held(d):
        d["record"]["meetings"].append({"type": "review-conference", "date": D(2027, 1, 26)})
    item = _by_key(_items(_plan(tmp_path, held), as_of=D(2027, 2, 1)))["review-conference"]
    assert item.what == "next review conference" and item.due == D(2027, 7, 26)
    assert "6 months after the last review conference on Tue 2027-01-26" in item.how


def test_a_planned_review_that_has_passed_is_overdue():
    item = _by_key(_items(COMPLETE, as_of=D(2027, 2, 1)))["review-conference"]
    assert item.overdue and item.due == D(2027, 1, 26)


def test_the_plans_own_frequency_when_the_profile_sets_none(tmp_path):
    path = _plan(tmp_path, lambda d: d.update(profile="wales"))
    visit = _by_key(_items(path))["visit"]
    assert visit.due == D(2026, 11, 27)  # every 2 weeks after Fri 2026-11-13
    assert "the frequency agreed in visits.frequency" in visit.how
    core = _by_key(_items(path))["core-group"]
    assert core.due == _core_group_due(_checked(path)).result  # wales sets 6 weeks: used, not the plan's 4
    assert "6 weeks after" in core.how and "agreed in" not in core.how


def test_filters(tmp_path):
    c = _checked(COMPLETE, D(2026, 12, 8))
    items = due_items(c.loaded.plan, c.setup, D(2026, 12, 8))
    cal, day = c.setup.calendar, D(2026, 12, 8)
    within = keep(items, cal, day, DueFilter(within=5))  # 5 working days after Tue 8 Dec: Tue 15 Dec
    assert [i.key for i in within] == ["action:0", "visit", "action:3", "assessment:1"]
    assert all(i.due <= D(2026, 12, 15) for i in within)
    assert [i.key for i in keep(items, cal, day, DueFilter(overdue_only=True))] == ["action:0", "visit"]
    assert keep(items, cal, day, DueFilter(workers=("hv",))) == []
    assert keep(items, cal, day, DueFilter(workers=("sw",))) == items
    assert keep(items, cal, day, DueFilter(within=0)) == [i for i in items if i.overdue]


def test_within_counts_working_days_on_the_plans_calendar(tmp_path):
    # 1 working day after Fri 2026-12-24 is Tue 2026-12-29 in England (Christmas and Boxing Day).
    c = _checked(COMPLETE, D(2026, 12, 24))
    items = due_items(c.loaded.plan, c.setup, D(2026, 12, 24))
    late_dec = [DueItem(D(2026, 12, n), "action", "x", "", "f", f"action:{n}", "", False) for n in (28, 29, 30)]
    kept = keep(items + late_dec, c.setup.calendar, D(2026, 12, 24), DueFilter(within=1))
    assert {i.key for i in kept if i.kind == "action" and i.what == "x"} == {"action:28", "action:29"}


def test_negative_within_is_refused():
    with pytest.raises(CpptoolError, match="--within"):
        DueFilter(within=-1)


def _item(due, worker, file, kind="action", key="action:0", overdue=False):
    return DueItem(due, kind, "what", "how", file, key, "", overdue, worker)


def test_grouping_orders_groups_and_dates():
    items = [_item(D(2026, 12, 2), "sw", "b.yaml"), _item(D(2026, 12, 1), "", "a.yaml", "visit", "visit"),
             _item(D(2026, 11, 30), "sw", "a.yaml", "18th-birthday", "18th-birthday"),
             _item(D(2026, 12, 3), "amy", "c.yaml", overdue=True)]
    by_worker = group(items, "worker")
    assert [name for name, _ in by_worker] == ["amy", "sw", ""]  # no worker named comes last
    assert [i.due for i in by_worker[1][1]] == [D(2026, 11, 30), D(2026, 12, 2)]
    assert [name for name, _ in group(items, "plan")] == ["a.yaml", "b.yaml", "c.yaml"]
    assert [name for name, _ in group(items, "kind")] == ["visit", "action", "18th-birthday"]
    assert overdue_by_worker(items) == [("amy", 1)]
    with pytest.raises(CpptoolError, match="--by"):
        group(items, "colour")


def test_caseload_leaves_out_files_that_are_not_plans_and_sorts_across_plans(tmp_path):
    from conftest import EXAMPLES

    broken = EXAMPLES / "flawed" / "structure-flawed.yaml"
    files = [(p, str(p)) for p in (COMPLETE, broken, OUTLINE)]
    items, unreadable = caseload_run.due(caseload_run.read_caseload(files, CheckOptions(as_of=AS_OF, cache=False)),
                                         AS_OF)
    assert unreadable == [str(broken)]
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert {i.file for i in items} == {str(COMPLETE), str(OUTLINE)}


def _format2(data):
    data["format"] = 2


def test_format2_signed_copies_transfers_and_letter_endings_fall_due(tmp_path):
    """Format 2 records each signatory's copy, moves and a chair's letter: their dates are listed."""
    def change(data):
        _format2(data)
        data["record"]["meetings"][0]["sent"] = [{"document": "agreement", "to": ["mum"], "date": "2026-11-18"}]
        data["agreement"]["signatures"] = [{"member": "mum", "method": "in-person"}]
        data["transfer_out"] = {"to_authority": "Exampleshire", "receiving_conference": "2026-12-09"}
        data["ending"] = {"proposed": "2026-11-20", "by_letter": {"letter_date": "2026-11-20",
                                                                 "objections_by": "2026-12-04"}}
    c = _checked(_plan(tmp_path, change, source=EXAMPLES_JERSEY))
    items = _by_key(due_items(c.loaded.plan, c.setup, AS_OF, file="p.yaml"))
    returned = deadline(c.setup.calendar, D(2026, 11, 18), timescale(c.setup.profile, "agreement_returned"))
    assert items["signed-copy-of:0"].due == returned.result and items["signed-copy-of:0"].kind == "signed-copy"
    assert "after it was sent" in items["signed-copy-of:0"].how
    assert items["transfer-out"].due == D(2026, 12, 9) and items["transfer-out"].kind == "transfer"
    assert items["ending-letter"].due == D(2026, 12, 4) and items["ending-letter"].kind == "ending"


def test_format2_signed_copy_back_is_no_longer_due(tmp_path):
    def change(data):
        _format2(data)
        data["record"]["meetings"][0]["sent"] = [{"document": "agreement", "to": ["mum"], "date": "2026-11-18"}]
        data["agreement"]["signatures"] = [{"member": "mum", "method": "in-person", "returned": "2026-11-20"}]
    c = _checked(_plan(tmp_path, change, source=EXAMPLES_JERSEY))
    assert "signed-copy-of:0" not in _by_key(due_items(c.loaded.plan, c.setup, AS_OF))


def test_format2_transfer_in_conference_due_from_notification(tmp_path):
    def change(data):
        _format2(data)
        data["transfer_in"] = {"from_authority": "Exampleshire", "notified": "2026-11-20"}
    c = _checked(_plan(tmp_path, change))
    spec = timescale(c.setup.profile, "transfer_in")
    items = _by_key(due_items(c.loaded.plan, c.setup, AS_OF))
    assert spec is not None
    assert items["transfer-in"].due == deadline(c.setup.calendar, D(2026, 11, 20), spec).result
