"""core/caseload_run and engine.map_plans: plans worked through in worker processes, results in
the order given, progress counted per plan, and the plans' dates kept in the check cache."""

from __future__ import annotations

import os
import shutil

import pytest

from cpptool.core import cache, caseload_run, engine, workers
from cpptool.core.engine import CheckOptions, check_plan, discover
from cpptool.core.plan_dates import plan_dates
from tests.conftest import AS_OF, COMPLETE, EXAMPLES, OUTLINE

SOURCES = [COMPLETE, EXAMPLES / "flawed" / "structure-flawed.yaml", OUTLINE,
           EXAMPLES / "profiles" / "jersey-flawed.yaml"]


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(25):
        shutil.copy(SOURCES[i % len(SOURCES)], folder / f"plan-{(i * 9) % 25:02}.yaml")
    return discover([folder])


def _pid_and_name(item, prefix):
    return os.getpid(), prefix + item[1]


def test_map_plans_keeps_the_order_given(files):
    shuffled = files[::-1][:7] + files[7:][::-1]
    out = engine.map_plans(shuffled, _pid_and_name, ("> ",), jobs=3)
    assert [name for _, name in out] == ["> " + shown for _, shown in shuffled]
    assert os.getpid() not in {pid for pid, _ in out}  # worked out in the workers
    assert {pid for pid, _ in engine.map_plans(files, _pid_and_name, ("",), jobs=1)} == {os.getpid()}


def test_map_plans_asks_known_first_and_counts_every_plan(files):
    seen: list[int] = []

    def progress(total):
        seen.append(total)
        return lambda: seen.append(-1)

    known = {files[3][1]: (0, "from the cache")}
    out = engine.map_plans(files, _pid_and_name, ("",), jobs=2, progress=progress, known=lambda i: known.get(i[1]))
    assert out[3] == (0, "from the cache") and out[4][1] == files[4][1]
    assert seen[0] == 25 and seen.count(-1) == 25


def test_by_default_many_plans_are_read_in_parallel(files, monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 10)
    out = engine.map_plans(files, _pid_and_name, ("",))
    assert os.getpid() not in {pid for pid, _ in out} or workers.processors() == 1


@pytest.mark.parametrize("report", [False, True])
def test_read_caseload_in_order_cold_and_warm(files, report):
    steps: list[int] = []

    def progress(total):
        return lambda: steps.append(total)

    opts = CheckOptions(as_of=AS_OF, jobs=3, cache=True)
    one = caseload_run.read_caseload(files, CheckOptions(as_of=AS_OF, jobs=1), report=report)
    assert [p.result.file for p in one] == [shown for _, shown in files]
    assert [p.dates is None for p in one] == [not p.result.content_checked for p in one]
    assert sum(p.dates is None for p in one) == 6  # every fourth file cannot be read as a plan
    for _ in ("cold", "warm"):
        assert caseload_run.read_caseload(files, opts, report=report, progress=progress) == one
    assert steps == [25] * 50
    if report:  # the timeline is in each plan's section, so it does not cross between processes
        assert any(p.result.findings for p in one) and all(p.section.startswith("<section") for p in one)
        assert not any(p.dates and p.dates.timeline for p in one)
        assert sum("<svg" in p.section for p in one) == 19
    else:  # due needs only the dates: nothing else crosses between processes
        assert not any(p.result.findings or (p.dates and p.dates.timeline) or p.section for p in one)


def test_the_dates_go_through_the_cache_unchanged_and_without_names():
    store, why_not = cache.open_store([COMPLETE])
    assert why_not is None
    checked = check_plan(COMPLETE, "plans/a.yaml", CheckOptions(as_of=AS_OF))
    named = plan_dates(checked, AS_OF, names=True)
    assert named.child == "Riley Fictional" and all(i.child == "Riley Fictional" for i in named.items)
    store.put("ab" * 32, checked.result, [], dates=named)
    assert store.get("ab" * 32) is not None
    result, dates, section, _ = store.get_dates("ab" * 32)
    assert section is None  # made and kept only by `report`
    assert dates == plan_dates(checked, AS_OF) == named.without_names()
    assert dates.items and dates.timeline and dates.worker == "sw" and dates.calendar == "england-and-wales"
    assert b"Riley" not in next(store.folder.glob("*/*.json")).read_bytes()
    store.put("cd" * 32, checked.result, [])  # as written before dates were kept
    assert store.get("cd" * 32) is not None and store.get_dates("cd" * 32) is None


@pytest.mark.parametrize("row", [
    ["2026-13-01", "visit", "w", "h", "visit", "", True],  # no such date
    ["2026-11-01", "picnic", "w", "h", "visit", "", True],  # no such kind
    ["2026-11-01", "visit", "w", "h", "visit", "", "yes"],  # overdue not a flag
    ["2026-11-01", "visit", 3, "h", "visit", "", True],
    ["2026-11-01", "visit", "w", "h", "visit", ""],  # a field short
    {"due": "2026-11-01"},
])
def test_an_entry_with_a_broken_date_is_not_used(row):
    import json

    store, _ = cache.open_store([COMPLETE])
    checked = check_plan(COMPLETE, "plans/a.yaml", CheckOptions(as_of=AS_OF))
    store.put("ab" * 32, checked.result, [], dates=plan_dates(checked, AS_OF))
    entry = next(store.folder.glob("*/*.json"))
    data = json.loads(entry.read_bytes())
    assert store.get_dates("ab" * 32) is not None and data["result"]["dates"]["items"]
    data["result"]["dates"]["items"][0] = row
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert store.get_dates("ab" * 32) is None  # checked again and rewritten, as any broken entry


def test_a_section_is_kept_only_with_the_entry_it_was_made_from(tmp_path):
    """Another run may rewrite an entry (same key) after a profile or closures edit, between this
    run reading it and keeping the section made from it: the section must not land on the new one."""
    store, _ = cache.open_store([COMPLETE])
    profile = tmp_path / "profile.yaml"
    profile.write_text("before\n", encoding="utf-8")
    checked = check_plan(COMPLETE, "plans/a.yaml", CheckOptions(as_of=AS_OF))
    store.put("aa" * 32, checked.result, [str(profile)], dates=plan_dates(checked, AS_OF))
    read = store.get_dates("aa" * 32)
    profile.write_text("after\n", encoding="utf-8")
    cache.forget()
    other = check_plan(OUTLINE, "plans/a.yaml", CheckOptions(as_of=AS_OF))
    store.put("aa" * 32, other.result, [str(profile)], dates=plan_dates(other, AS_OF))  # the other run
    store.add_section("aa" * 32, read, "<section>made from the first</section>")
    assert store.get_dates("aa" * 32) is None  # the old entry, section and all: its profile has changed


def test_a_plan_that_cannot_be_read_is_stored_as_such():
    store, _ = cache.open_store([COMPLETE])
    shown = str(SOURCES[1])
    checked = check_plan(SOURCES[1], shown, CheckOptions(as_of=AS_OF))
    assert plan_dates(checked, AS_OF) is None
    store.put("ef" * 32, checked.result, [], dates=cache.UNREADABLE)
    assert store.get_dates("ef" * 32)[:3] == (checked.result, None, None)


def test_due_from_cached_plans_matches_the_plans_read(files):
    from cpptool.core.caseload import DueFilter, due_items, gather

    flt = DueFilter(within=10)
    read = [check_plan(file, shown, CheckOptions(as_of=AS_OF)) for file, shown in files]

    def direct(flt=None):  # each plan's items worked out from the plan itself, as a reference
        return gather(((c.result.file, None if c.loaded.plan is None else due_items(c.loaded.plan, c.setup, AS_OF,
                                                                                       file=c.result.file),
                        c.setup.calendar) for c in read), AS_OF, flt)

    expected = direct(flt)
    caseload_run.read_caseload(files, CheckOptions(as_of=AS_OF, cache=True))
    warm = caseload_run.read_caseload(files, CheckOptions(as_of=AS_OF, cache=True))
    assert caseload_run.due(warm, AS_OF, flt) == expected
    assert len(expected[0]) > 20 and len(expected[1]) == 6
    assert caseload_run.due(warm, AS_OF) == direct()
