"""`cpptool due`: the caseload's dates as text, CSV, JSON and iCalendar; filters; names; safe writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import COMPLETE, EXAMPLES, OUTLINE, load_yaml, yaml_text

AS_OF = "2026-11-23"


@pytest.fixture
def caseload(tmp_path, monkeypatch):
    """Three plans for two lead workers, named by case number: sw leads two, hv leads one."""
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "cp-2026-0412.yaml").write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "cp-2026-0413.yaml").write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    data = load_yaml(COMPLETE)
    data["lead_social_worker"] = "hv"
    data["actions"][0]["due"] = dt.date(2026, 11, 18)  # overdue as of 2026-11-23
    (plans / "cp-2026-0414.yaml").write_text(yaml_text(data), encoding="utf-8")
    return plans


def _json(cli, *args):
    code, out, err = cli("due", "--as-of", AS_OF, "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def _rows(doc):
    return [item for g in doc["groups"] for item in g["items"]]


def test_text_groups_by_lead_worker_and_sorts_by_date(cli, caseload):
    code, out, err = cli("due", "--as-of", AS_OF, "plans")
    assert code == 0, err
    assert out.startswith("22 dates due as of Mon 2026-11-23 (1 overdue) in 3 plans, by lead social worker")
    hv, sw = out.index("\nhv  ["), out.index("\nsw  [")
    assert hv < sw  # groups in order of worker id
    assert "hv  [8 dates, 1 overdue]" in out and "sw  [14 dates, 0 overdue]" in out
    sw_dates = [ln.split()[1] for ln in out[sw:].splitlines() if ln.startswith("  ") and not ln.startswith("      ")]
    assert sw_dates == sorted(sw_dates) and len(sw_dates) == 14
    assert "  Wed 2026-11-18  OVERDUE  action actions[0]" in out
    assert "      how: visit seeing the child due by Fri 2026-12-04: 15 working days after" in out


def test_group_by_plan_and_by_kind(cli, caseload):
    code, out, _ = cli("due", "--as-of", AS_OF, "--by", "plan", "plans")
    assert code == 0
    heads = [ln for ln in out.splitlines() if ln.startswith("plans/")]
    assert [h.split()[0] for h in heads] == ["plans/cp-2026-0412.yaml", "plans/cp-2026-0413.yaml",
                                              "plans/cp-2026-0414.yaml"]
    assert "lead: hv" in out and "lead: sw" in out
    code, out, _ = cli("due", "--as-of", AS_OF, "--by", "kind", "plans")
    heads = [ln.split("  [")[0] for ln in out.splitlines() if ln and not ln.startswith(" ")][1:]
    assert heads == ["visits seeing the child", "core groups", "review conferences", "actions", "assessments",
                     "18th birthdays"]


def test_json_groups_and_columns(cli, caseload):
    doc = _json(cli, "plans")
    assert doc["version"] == 1 and doc["as_of"] == AS_OF and doc["by"] == "worker"
    assert doc["summary"] == {"plans": 3, "items": 22, "overdue": 1}
    assert [g["group"] for g in doc["groups"]] == ["hv", "sw"]
    item = doc["groups"][0]["items"][0]
    assert set(item) == {"due", "overdue", "kind", "what", "plan", "lead_worker", "how", "path"}
    assert item == {"due": "2026-11-18", "overdue": True, "kind": "action", "what": "action actions[0]",
                    "plan": "plans/cp-2026-0414.yaml", "lead_worker": "hv",
                    "how": "the due date set in actions[0].due", "path": "actions[0].due"}


def test_csv_columns_and_overdue_flag(cli, caseload):
    code, out, _ = cli("due", "--as-of", AS_OF, "--format", "csv", "plans")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["due", "overdue", "kind", "what", "plan", "lead_worker", "how", "path"]
    assert len(rows) == 22
    assert [r["overdue"] for r in rows if r["overdue"] == "yes"] == ["yes"]
    late = next(r for r in rows if r["overdue"] == "yes")
    assert (late["due"], late["plan"], late["lead_worker"]) == ("2026-11-18", "plans/cp-2026-0414.yaml", "hv")
    assert [r["lead_worker"] for r in rows] == sorted(r["lead_worker"] for r in rows)  # grouped by worker
    visit = next(r for r in rows if r["kind"] == "visit")
    assert visit["how"].startswith("visit seeing the child due by ")


def test_within_counts_working_days(cli, caseload):
    rows = _rows(_json(cli, "--within", "5", "plans"))  # 5 working days after Mon 23 Nov: Mon 30 Nov
    assert rows and max(r["due"] for r in rows) == "2026-11-30"
    assert {r["due"] for r in rows} == {"2026-11-18", "2026-11-23", "2026-11-27", "2026-11-30"}
    assert any(r["overdue"] for r in rows)  # overdue dates are always within
    rows = _rows(_json(cli, "--within", "4", "plans"))
    assert "2026-11-30" not in {r["due"] for r in rows}


def test_worker_filter(cli, caseload):
    rows = _rows(_json(cli, "--worker", "hv", "plans"))
    assert rows and {r["lead_worker"] for r in rows} == {"hv"} and {r["plan"] for r in rows} == {"plans/cp-2026-0414.yaml"}
    both = _rows(_json(cli, "--worker", "hv", "--worker", "sw", "plans"))
    assert len(both) == 22
    assert _rows(_json(cli, "--worker", "nobody", "plans")) == []


def test_overdue_filter(cli, caseload):
    rows = _rows(_json(cli, "--overdue", "plans"))
    assert [(r["due"], r["plan"]) for r in rows] == [("2026-11-18", "plans/cp-2026-0414.yaml")]
    later = _rows(_json(cli, "--overdue", "--as-of", "2027-02-01", "plans"))  # the later --as-of wins
    assert len(later) > 5 and all(r["overdue"] for r in later)
    assert {"review-conference", "visit", "action"} <= {r["kind"] for r in later}


def test_as_of_comes_from_the_environment(cli, caseload, monkeypatch):
    monkeypatch.setenv("CPPTOOL_AS_OF", "2027-02-01")
    code, out, _ = cli("due", "--format", "json", "plans")
    assert json.loads(out)["as_of"] == "2027-02-01"


def test_no_child_names_without_names(cli, caseload, tmp_path):
    for fmt in ("text", "csv", "json"):
        code, out, _ = cli("due", "--as-of", AS_OF, "--format", fmt, "plans")
        assert code == 0 and len(out) > 500
        for name in ("Riley", "Casey", "Fictional", "Madeup", "Sam Example"):
            assert name not in out, (fmt, name)
    code, _, _ = cli("due", "--as-of", AS_OF, "--ics", tmp_path / "team.ics", "plans")
    ics = (tmp_path / "team.ics").read_text(encoding="utf-8")
    assert code == 0 and "Riley" not in ics and "Fictional" not in ics and "Sam Example" not in ics


def test_names_with_names(cli, caseload, tmp_path):
    code, out, _ = cli("due", "--as-of", AS_OF, "--names", "plans")
    assert "sw (Sam Example)" in out and "plans/cp-2026-0412.yaml (Riley Fictional)" in out
    assert "plans/cp-2026-0413.yaml (Casey Madeup)" in out
    rows = _rows(_json(cli, "--names", "plans"))
    assert {r["child_name"] for r in rows} == {"Riley Fictional", "Casey Madeup"}
    assert {r["lead_worker_name"] for r in rows} == {"Sam Example", "Pat Sample"}
    code, out, _ = cli("due", "--as-of", AS_OF, "--names", "--format", "csv", "plans")
    assert out.splitlines()[0].endswith(",lead_worker_name,child_name")
    cli("due", "--as-of", AS_OF, "--names", "--ics", tmp_path / "named.ics", "plans")
    assert "Riley Fictional" in (tmp_path / "named.ics").read_text(encoding="utf-8")


def test_output_file_is_written_and_never_replaced_without_force(cli, caseload, tmp_path):
    target = tmp_path / "due.csv"
    code, out, err = cli("due", "--as-of", AS_OF, "--format", "csv", "-o", target, "plans")
    assert code == 0 and out == "" and target.read_text().startswith("due,overdue,")
    target.write_text("keep me")
    code, out, err = cli("due", "--as-of", AS_OF, "--format", "csv", "-o", target, "plans")
    assert code == 2 and target.read_text() == "keep me"
    assert err.count("\n") == 1 and "already exists; use --force" in err
    code, _, _ = cli("due", "--as-of", AS_OF, "--format", "csv", "-o", target, "--force", "plans")
    assert code == 0 and target.read_text().startswith("due,overdue,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_never_writes_over_a_plan_even_with_force(cli, caseload):
    plan = caseload / "cp-2026-0412.yaml"
    before = plan.read_bytes()
    for option in ("-o", "--ics"):
        code, _, err = cli("due", "--as-of", AS_OF, option, plan, "--force", "plans")
        assert code == 2 and "is one of the plans being read" in err
    assert plan.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2026-02-30", "plans"], "--as-of 2026-02-30 is not a real date"),
    (["--as-of", "tomorrow", "plans"], "--as-of as YYYY-MM-DD"),
    (["--frobnicate", "plans"], "No such option: --frobnicate"),
    (["no-such-folder"], "no such file or folder: no-such-folder"),
    (["--format", "xml", "plans"], "unknown format 'xml'"),
    (["--by", "colour", "plans"], "--by must be one of: worker, plan, kind"),
    (["--within", "-2", "plans"], "--within must be 0 or more"),
    (["--within", "soon", "plans"], "--within"),
    (["--ics", "-", "plans"], "--ics needs a file name"),
])
def test_bad_input_is_one_line_and_exit_2(cli, caseload, args, message):
    code, out, err = cli("due", *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_help_warns_about_dates_and_uses_case_numbers(cli):
    code, out, _ = cli("due", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "plans/cp-2026-0412.yaml" in text
    assert "team's own machine, not for CI logs" in text
    assert "--names" in text and "Riley" not in text


# --- iCalendar -------------------------------------------------------------------------------


def _ics(cli, path, *args):
    from icalendar import Calendar

    code, out, err = cli("due", "--as-of", AS_OF, "--ics", path, "--force", *args)
    assert code == 0, err
    return Calendar.from_ical(path.read_bytes()), out, err


def test_ics_one_all_day_event_per_item(cli, caseload, tmp_path):
    cal, out, err = _ics(cli, tmp_path / "team.ics", "plans")
    assert out == "" and "wrote" in err and "(22 events)" in err  # only the calendar, unless asked
    events = cal.walk("VEVENT")
    assert len(events) == 22
    for ev in events:
        start = ev.decoded("dtstart")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all-day
        assert ev["dtstart"].params.get("VALUE") == "DATE"
        assert ev.decoded("dtend") == start + dt.timedelta(days=1)
        assert "plans/cp-2026-04" in str(ev["description"]) and "How the date was worked out" in str(ev["description"])
    visit = next(ev for ev in events if "visit" in str(ev["summary"]).lower())
    assert "15 working days after" in " ".join(str(visit["description"]).split())
    late = [ev for ev in events if str(ev["summary"]).startswith("OVERDUE")]
    assert len(late) == 1 and late[0].decoded("dtstart") == dt.date(2026, 11, 18)


def test_ics_uids_are_stable_unique_and_not_made_of_names_or_dates(cli, caseload, tmp_path):
    first, _, _ = _ics(cli, tmp_path / "a.ics", "plans")
    again, _, _ = _ics(cli, tmp_path / "b.ics", "plans")
    uids = [str(ev["uid"]) for ev in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 22
    assert uids == [str(ev["uid"]) for ev in again.walk("VEVENT")]
    assert [int(ev["sequence"]) for ev in again.walk("VEVENT")] >= [int(ev["sequence"]) for ev in first.walk("VEVENT")]
    assert all(u.endswith("@cpptool") for u in uids)
    assert not any(s in u for u in uids for s in ("Riley", "2026", "sw", "cp-2026"))
    # A visit is recorded and the next one moves; its event keeps its UID, so a new import updates it.
    from icalendar import Calendar

    plan = caseload / "cp-2026-0412.yaml"
    data = load_yaml(plan)
    data["record"]["visits"].append({"date": dt.date(2026, 11, 27), "by": "sw", "child_seen": True})
    plan.write_text(yaml_text(data), encoding="utf-8")
    cli("due", "--as-of", "2026-12-08", "--ics", tmp_path / "c.ics", "plans/cp-2026-0412.yaml")
    later = Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    visit = {str(ev["uid"]): ev.decoded("dtstart") for ev in first.walk("VEVENT") if "Visit" in str(ev["summary"])}
    moved = {str(ev["uid"]): ev.decoded("dtstart") for ev in later.walk("VEVENT") if "Visit" in str(ev["summary"])}
    assert set(moved) <= set(visit) and len(moved) == 1
    uid = next(iter(moved))
    assert (visit[uid], moved[uid]) == (dt.date(2026, 12, 4), dt.date(2026, 12, 18))


def test_ics_uid_follows_the_relative_path_not_the_spelling(cli, caseload, tmp_path):
    a, _, _ = _ics(cli, tmp_path / "a.ics", "plans/cp-2026-0412.yaml")
    b, _, _ = _ics(cli, tmp_path / "b.ics", str(caseload / "cp-2026-0412.yaml"))
    assert [str(e["uid"]) for e in a.walk("VEVENT")] == [str(e["uid"]) for e in b.walk("VEVENT")]
    c, _, _ = _ics(cli, tmp_path / "c.ics", "plans/cp-2026-0414.yaml")
    assert not {str(e["uid"]) for e in a.walk("VEVENT")} & {str(e["uid"]) for e in c.walk("VEVENT")}


def test_ics_with_a_listing_and_refusing_to_replace(cli, caseload, tmp_path):
    target = tmp_path / "team.ics"
    code, out, _ = cli("due", "--as-of", AS_OF, "--ics", target, "--format", "csv", "plans")
    assert code == 0 and out.startswith("due,overdue,") and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    before = target.read_bytes()
    code, _, err = cli("due", "--as-of", AS_OF, "--ics", target, "plans")
    assert code == 2 and "already exists" in err and target.read_bytes() == before


def test_examples_folder_warns_about_the_file_that_is_not_a_plan(cli):
    code, out, err = cli("due", "--as-of", AS_OF, "--format", "json", EXAMPLES)
    assert code == 0
    assert "structure-flawed.yaml" in err and "could not be read as a plan" in err
    assert json.loads(out)["summary"]["plans"] == 13


def test_ics_later_exports_are_newer_revisions():
    from icalendar import Calendar

    from cpptool.core.caseload import DueItem
    from cpptool.reporters.due_ics import calendar_bytes

    item = DueItem(dt.date(2026, 12, 4), "visit", "visit seeing the child", "how", "plans/cp-2026-0412.yaml",
                   "visit", "", False, "sw")

    def event(now):
        cal = Calendar.from_ical(calendar_bytes([item], as_of=dt.date(2026, 11, 23), names=False, now=now))
        return cal.walk("VEVENT")[0]

    monday = event(dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc))
    tuesday = event(dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc))
    assert str(monday["uid"]) == str(tuesday["uid"])
    assert int(tuesday["sequence"]) > int(monday["sequence"]) > 0
    assert tuesday.decoded("dtstamp") == dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc)


def test_nothing_readable_is_an_error_not_an_empty_list(cli, tmp_path):
    broken = tmp_path / "cp-2026-0001.yaml"
    broken.write_text("format: 1\nstage: outline\nchild: [\n", encoding="utf-8")
    code, out, err = cli("due", "--as-of", "2026-11-23", str(broken))
    assert code == 2 and out == "" and "no plan could be read" in err
