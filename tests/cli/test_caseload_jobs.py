"""`cpptool due` and `cpptool report` with --jobs and the check cache: the same outputs, in the same
order, as one process reading every plan; a warm run reads no plan, and a broken entry is ignored."""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest

from cpptool.core import cache, engine
from tests.conftest import COMPLETE, EXAMPLES, OUTLINE, ROOT

AS_OF = ("--as-of", "2026-11-23")
SOURCES = sorted((EXAMPLES / "profiles").glob("*-*.yaml")) + sorted((ROOT / "tests" / "procedures" / "plans").glob(
    "*.yaml")) + [COMPLETE, OUTLINE, EXAMPLES / "flawed" / "detailed-flawed.yaml"]
CHILD = "Riley Fictional"  # the child's name in the complete example plan
# An iCalendar file is stamped with the time it was made.
STAMPS = re.compile(r"^(DTSTAMP|SEQUENCE|LAST-MODIFIED):.*\r?\n", re.M)


@pytest.fixture
def caseload(tmp_path):
    """36 plans under several profiles and calendars, one folder with its own closures, and a file
    that cannot be read as a plan."""
    folder = tmp_path / "plans"
    (folder / "closed").mkdir(parents=True)
    (folder / "closed" / "cpptool.yaml").write_text("closures: closures.yaml\n", encoding="utf-8")
    (folder / "closed" / "closures.yaml").write_text(
        "closures:\n  - date: 2026-11-24\n    reason: Closed\n  - date: 2026-11-25\n    reason: Closed\n",
        encoding="utf-8")
    for i in range(36):
        target = folder / ("closed" if i % 5 == 0 else "") / f"plan-{(i * 7) % 36:02}.yaml"
        shutil.copy(SOURCES[i % len(SOURCES)], target)
    shutil.copy(EXAMPLES / "flawed" / "structure-flawed.yaml", folder / "plan-99.yaml")
    return folder


def _outputs(cli, folder, tmp_path, *extra) -> dict[str, tuple]:
    runs = {
        "text": ("due", *AS_OF, folder),
        "text-within": ("due", *AS_OF, "--within", "3", "--by", "plan", folder),
        "json": ("due", *AS_OF, "--format", "json", "--within", "10", folder),
        "csv-names": ("due", *AS_OF, "--format", "csv", "--names", folder),
        "ics": ("due", *AS_OF, "--ics", tmp_path / "out.ics", "--force", folder),
        "report": ("report", *AS_OF, "-o", "-", folder),
        "report-names": ("report", *AS_OF, "--names", "-o", "-", folder),
    }
    out = {}
    for name, args in runs.items():
        code, text, err = cli(*args, *extra)
        assert code == 0, err
        if name == "ics":
            text = STAMPS.sub("", (tmp_path / "out.ics").read_text(encoding="utf-8"))
            err = err.replace(str(tmp_path), "TMP")
        out[name] = (code, text, err)
    return out


def _entries() -> list:
    return sorted(cache.cache_dir().glob(f"{cache.FOLDER}/*/*.json"))


def test_jobs_and_the_cache_give_the_same_outputs(cli, caseload, tmp_path, monkeypatch):
    one = _outputs(cli, caseload, tmp_path, "-j", "1", "--no-cache")
    assert "plan-99.yaml" in one["text"][2]  # the unreadable file is named on stderr
    assert "plan-35.yaml" in one["text"][1] and CHILD in one["csv-names"][1]
    assert one["text-within"][1] != one["text"][1].replace("by lead social worker", "by plan")
    for jobs in ("1", "2", "3"):
        monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(tmp_path / f"cache-{jobs}"))
        assert _outputs(cli, caseload, tmp_path, "-j", jobs) == one, f"cold, -j {jobs}"
        assert _outputs(cli, caseload, tmp_path, "-j", jobs) == one, f"warm, -j {jobs}"
    assert _outputs(cli, caseload, tmp_path, "-j", "3", "--no-cache") == one


def test_the_closures_in_force_count_for_within(cli, caseload):
    """--within counts working days on each plan's own calendar, from the cache as when read."""
    args = ("due", *AS_OF, "--within", "2", "--by", "plan", "--format", "json", caseload)
    fresh = json.loads(cli(*args, "--no-cache")[1])
    cli(*args)
    assert json.loads(cli(*args)[1]) == fresh
    closed = {i["due"] for g in fresh["groups"] if "/closed/" in g["group"] for i in g["items"]}
    others = {i["due"] for g in fresh["groups"] if "/closed/" not in g["group"] for i in g["items"]}
    # Two closure days push the horizon from Wed 25 to Fri 27 November for the closed folder only.
    assert max(others) <= "2026-11-25" and max(closed) > "2026-11-25"


def test_a_warm_run_reads_no_plan(cli, caseload, checked):
    first = cli("due", *AS_OF, "-j", "1", caseload)
    assert len(checked) == 37 and len(_entries()) == 37
    assert cli("due", *AS_OF, "-j", "1", caseload) == first
    assert cli("report", *AS_OF, "-j", "1", "-o", "-", caseload)[1].count("<section id=\"plan-") == 37
    assert len(checked) == 37, "neither the second due nor the report read a plan again"


def test_due_and_report_use_what_check_stored(cli, caseload, checked):
    assert cli("check", *AS_OF, "-j", "1", caseload)[0] == 1
    assert len(checked) == 37
    due = cli("due", *AS_OF, "-j", "1", caseload)
    report = cli("report", *AS_OF, "-j", "1", "-o", "-", caseload)
    assert len(checked) == 37
    assert due == cli("due", *AS_OF, "--no-cache", caseload)
    assert report == cli("report", *AS_OF, "--no-cache", "-o", "-", caseload)


def test_an_edited_plan_is_read_again(cli, caseload, checked):
    cli("due", *AS_OF, "-j", "1", caseload)
    plan = caseload / "plan-07.yaml"
    plan.write_text(COMPLETE.read_text(encoding="utf-8").replace("lead_social_worker: sw", "lead_social_worker: hv"),
                    encoding="utf-8")
    before = len(checked)
    out = cli("due", *AS_OF, "-j", "1", "--format", "json", caseload)
    assert checked[before:] == [str(plan)]
    assert out == cli("due", *AS_OF, "--no-cache", "--format", "json", caseload)


def test_names_are_read_from_the_plans_and_never_cached(cli, caseload, checked):
    cli("due", *AS_OF, "-j", "1", caseload)
    before = len(checked)
    code, out, _ = cli("due", *AS_OF, "-j", "1", "--names", caseload)
    assert code == 0 and CHILD in out
    assert len(checked) - before == 37  # every plan read for its names
    code, out, _ = cli("report", *AS_OF, "-j", "1", "--names", "-o", "-", caseload)
    assert CHILD in out
    assert not any(CHILD.encode() in entry.read_bytes() for entry in _entries())
    assert not any("section" in json.loads(entry.read_bytes()) for entry in _entries())  # made with names
    assert CHILD not in cli("due", *AS_OF, "-j", "1", caseload)[1]


def test_report_keeps_each_plans_section_and_makes_the_missing_ones(cli, caseload, checked):
    """The report's part for each plan is made once and kept beside the plan's dates: a warm
    report reads no plan and makes no section; a report after `check` makes them from the
    dates check stored, and keeps them."""
    fresh = cli("report", *AS_OF, "--no-cache", "-o", "-", caseload)
    assert cli("check", *AS_OF, "-j", "1", caseload)[0] == 1
    assert not any("section" in json.loads(e.read_bytes()) for e in _entries())
    before = len(checked)
    assert cli("report", *AS_OF, "-j", "1", "-o", "-", caseload) == fresh
    sections = [json.loads(e.read_bytes()).get("section") for e in _entries()]
    assert len(checked) == before and len(sections) == 37 and all(type(s) is str for s in sections)
    assert all(s.startswith('<section id="plan-') and s.endswith("</section>") for s in sections)
    assert sum(s in fresh[1] for s in sections) == 37
    assert cli("report", *AS_OF, "-j", "2", "-o", "-", caseload) == fresh


def test_with_jobs_the_missing_sections_are_made_in_the_workers(cli, caseload, monkeypatch):
    fresh = cli("report", *AS_OF, "--no-cache", "-o", "-", caseload)
    assert cli("check", *AS_OF, "-j", "2", caseload)[0] == 1
    made, real = [], cache.Store.add_section
    monkeypatch.setattr(cache.Store, "add_section", lambda self, key, *_: made.append(key))
    assert cli("report", *AS_OF, "-j", "2", "-o", "-", caseload) == fresh
    assert made == [], "with several jobs, no section is made in the main process"
    monkeypatch.setattr(cache.Store, "add_section", real)  # (forked workers kept the stand-in)
    assert cli("report", *AS_OF, "-j", "2", "-o", "-", caseload) == fresh
    assert all(type(json.loads(e.read_bytes()).get("section")) is str for e in _entries())


def test_a_section_that_is_not_text_is_a_broken_entry(cli, caseload, checked):
    fresh = cli("report", *AS_OF, "-j", "1", "-o", "-", caseload)
    entry = _entries()[3]
    data = json.loads(entry.read_bytes())
    data["section"] = ["<section>"]
    entry.write_text(json.dumps(data), encoding="utf-8")
    before = len(checked)
    assert cli("report", *AS_OF, "-j", "1", "-o", "-", caseload) == fresh
    assert len(checked) - before == 1 and type(json.loads(entry.read_bytes())["section"]) is str


def test_a_changed_report_template_is_never_served_from_the_cache(tmp_path, monkeypatch):
    """In a checkout the templates sit outside the package: the cache's fingerprint covers them."""
    folder = tmp_path / "templates" / "report"
    folder.mkdir(parents=True)
    (folder / "plan.html.j2").write_text("<section>{{ p.title }}</section>\n", encoding="utf-8")
    monkeypatch.setattr("cpptool.resources.resource_dir", lambda kind: tmp_path / kind)
    monkeypatch.setattr(cache, "_tool", [])
    before = cache.tool_fingerprint()
    (folder / "plan.html.j2").write_text("<section>{{ p.title }} changed</section>\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_tool", [])
    assert cache.tool_fingerprint() != before


BROKEN_DATES = [
    ("items", [["2026-13-01", "visit", "w", "h", "visit", "", False]]),  # no such date
    ("items", [["2026-12-01", "holiday", "w", "h", "visit", "", False]]),  # no such kind
    ("items", [["2026-12-01", "visit", "w", "h", "visit", "", "no"]]),  # overdue not a flag
    ("items", [["2026-12-01", "visit"]]),  # too short
    ("timeline", [["2026-12-01", "sky", "w", "held", False, [], ""]]),  # no such lane
    ("calendar", "atlantis"),
    ("closures", "/etc/passwd"),  # only the closures file the entry depends on is read
    ("worker", 7),
]


def test_a_broken_entry_is_ignored_and_written_again(cli, caseload, checked):
    first = cli("due", *AS_OF, "-j", "1", "--within", "5", "--format", "json", caseload)
    readable, unreadable = [], []
    for entry in _entries():
        data = json.loads(entry.read_bytes())
        (readable if data["result"]["dates"] is not None else unreadable).append((entry, data))
    assert len(readable) == 36 and len(unreadable) == 1
    for (entry, data), (field, junk) in zip(readable, BROKEN_DATES):
        data["result"]["dates"][field] = junk
        entry.write_text(json.dumps(data), encoding="utf-8")
    readable[-1][0].write_bytes(b"{not json")
    del_dates = readable[-2]
    data = json.loads(del_dates[0].read_bytes())
    data["result"].pop("dates")  # as an entry written without dates
    del_dates[0].write_text(json.dumps(data), encoding="utf-8")
    entry, data = unreadable[0]
    assert data["result"]["content_checked"] is False
    data["result"]["dates"] = json.loads(readable[10][0].read_bytes())["result"]["dates"]  # dates for a non-plan
    entry.write_text(json.dumps(data), encoding="utf-8")
    before = len(checked)
    assert cli("due", *AS_OF, "-j", "1", "--within", "5", "--format", "json", caseload) == first
    assert len(checked) - before == len(BROKEN_DATES) + 3
    before = len(checked)
    assert cli("due", *AS_OF, "-j", "1", "--within", "5", "--format", "json", caseload) == first
    assert len(checked) == before, "the broken entries were written again"


@pytest.mark.parametrize("how", ["--no-cache", "CPPTOOL_NO_CACHE"])
@pytest.mark.parametrize("command", ["due", "report"])
def test_no_cache_reads_every_plan_and_writes_nothing(cli, caseload, tmp_path, monkeypatch, checked, how, command):
    folder = tmp_path / "unused"
    monkeypatch.setenv("CPPTOOL_CACHE_DIR", str(folder))
    args = ["--no-cache"] if how == "--no-cache" else []
    if how == "CPPTOOL_NO_CACHE":
        monkeypatch.setenv("CPPTOOL_NO_CACHE", "1")
    extra = ("-o", "-") if command == "report" else ()
    first = cli(command, *AS_OF, "-j", "1", *args, *extra, caseload)
    assert cli(command, *AS_OF, "-j", "1", *args, *extra, caseload) == first
    assert not folder.exists()
    assert len(checked) == 2 * 37


def test_a_check_that_cannot_work_out_the_dates_still_checks(cli, caseload, monkeypatch):
    """The dates are extra work for due and report: a failure there never fails check."""
    from cpptool.core import plan_dates

    fresh = cli("check", *AS_OF, "--no-cache", "-f", "json", caseload)

    def broken(*args, **kw):
        raise ValueError("a bug in working out dates")

    real = plan_dates.plan_dates
    monkeypatch.setattr(plan_dates, "plan_dates", broken)
    assert cli("check", *AS_OF, "-j", "1", "-f", "json", caseload) == fresh
    monkeypatch.setattr(plan_dates, "plan_dates", real)
    assert all("dates" not in json.loads(e.read_bytes())["result"] for e in _entries())
    assert cli("due", *AS_OF, "-j", "1", caseload) == cli("due", *AS_OF, "--no-cache", caseload)


def test_the_error_one_process_stops_at_is_the_one_reported(cli, caseload):
    for name in ("plan-05.yaml", "plan-21.yaml"):
        text = COMPLETE.read_text(encoding="utf-8").replace("profile: england", f"profile: nowhere-{name[5:7]}")
        (caseload / name).write_text(text, encoding="utf-8")
    for command, extra in (("due", ()), ("report", ("-o", "-"))):
        one = cli(command, *AS_OF, "--no-cache", "-j", "1", *extra, caseload)
        assert one[0] == 2 and one[1] == "" and "plan-05.yaml" in one[2] and len(one[2].splitlines()) == 1
        assert cli(command, *AS_OF, "-j", "3", *extra, caseload) == one


@pytest.mark.parametrize("command", ["due", "report"])
def test_jobs_must_be_at_least_one(cli, caseload, command):
    code, out, err = cli(command, "-j", "0", "-o", "-", caseload)
    assert code == 2 and out == "" and "--jobs" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("cached", [False, True])
def test_progress_bar_in_a_terminal_with_jobs(cli, caseload, monkeypatch, cached):
    import contextlib

    from cpptool.cli import main

    monkeypatch.delenv("CI", raising=False)
    if cached:
        cli("due", *AS_OF, caseload)
    out, err = io.StringIO(), _Terminal()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["due", *AS_OF, "-j", "2", "-f", "json", str(caseload)])
    assert "reading plans" in err.getvalue()
    assert (code, out.getvalue()) == cli("due", *AS_OF, "--no-cache", "-j", "1", "-f", "json", caseload)[:2]


def test_without_fork_the_outputs_are_the_same(cli, caseload, monkeypatch):
    """macOS and Windows start workers with spawn: each imports cpptool afresh."""
    import multiprocessing

    from cpptool.core import workers

    due = cli("due", *AS_OF, "--no-cache", "-j", "1", "--format", "json", caseload)
    report = cli("report", *AS_OF, "--no-cache", "-j", "1", "-o", "-", caseload)
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    assert cli("due", *AS_OF, "-j", "2", "--format", "json", caseload) == due
    assert cli("report", *AS_OF, "--no-cache", "-j", "2", "-o", "-", caseload) == report


@pytest.mark.parametrize("command", [("due",), ("report", "-o", "-")])
def test_a_warm_run_outside_a_terminal_starts_no_worker(cli, caseload, monkeypatch, command):
    """Every plan is in the cache: with no progress bar to show, no worker process is started."""
    from cpptool.core import workers

    started = []
    real_start = workers.Pool.start
    monkeypatch.setattr(workers.Pool, "start", lambda self: (started.append(self.jobs), real_start(self)))
    first = cli(command[0], *AS_OF, "-j", "2", *command[1:], caseload)
    assert started, "the cold run works in the workers"
    started.clear()
    assert cli(command[0], *AS_OF, "-j", "2", *command[1:], caseload) == first and started == []
