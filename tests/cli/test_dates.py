"""`cpptool dates ...` and `cpptool calendar ...`, run in-process through cpptool.cli.main."""

from __future__ import annotations

import json
from datetime import date

import pytest

from cpptool.cli import dates as dates_cli
from cpptool.core.calendar import clear_cache
from cpptool.resources import resource_dir

SHIPPED = json.loads((resource_dir("data") / "uk-bank-holidays.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _pinned(tmp_path, monkeypatch):
    """An empty user data folder, and a pinned 'today' (no coverage warning on 2026-11-23)."""
    monkeypatch.setenv("CPPTOOL_DATA_DIR", str(tmp_path / "user-data"))
    monkeypatch.setattr(dates_cli, "_today", lambda: date(2026, 11, 23))
    clear_cache()
    yield
    clear_cache()


def one_error_line(code: int, out: str, err: str) -> str:
    """Bad input: exit 2, nothing on stdout, one line on stderr, no traceback."""
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cpptool: error: ")
    assert "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------------------------------
# dates add


def test_add_prints_the_date_first(cli):
    code, out, err = cli("dates", "add", "2023-04-28", "10", "--calendar", "england-and-wales")
    assert code == 0
    assert out == "2023-05-16\n"
    assert err == ""


def test_dates_take_day_month_year_as_typed(cli):
    assert cli("dates", "add", "28/04/2023", "10")[1] == "2023-05-16\n"
    assert cli("dates", "between", "28/4/2023", "16/05/2023")[1] == "10\n"


def test_add_default_calendar_is_england_and_wales(cli):
    assert dates_cli.default_calendar() == "england-and-wales"
    assert cli("dates", "add", "2026-06-12", "1")[1] == "2026-06-15\n"
    assert cli("dates", "add", "2026-06-12", "1", "--calendar", "scotland")[1] == "2026-06-16\n"


def test_add_explain(cli):
    code, out, err = cli("dates", "add", "2023-04-28", "10", "--explain")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "2023-05-16"
    assert "  skipped 2023-05-01 Mon  Early May bank holiday (official list)" in lines
    assert any(line.startswith("  skipped 2023-05-08 Mon  Bank holiday for the coronation") for line in lines)
    assert "  skipped 2023-04-29 Sat  weekend" in lines
    assert lines[-1] == "  due     Tue 2023-05-16"
    assert err == ""


def test_add_units_roll_and_counting(cli):
    def first(*args):
        code, out, _ = cli("dates", "add", *args)
        assert code == 0
        return out.splitlines()[0]

    assert first("2026-08-31", "3", "--unit", "months") == "2026-11-30"
    assert first("2026-08-29", "3", "--unit", "months") == "2026-11-27"
    assert first("2026-08-29", "3", "--unit", "months", "--roll", "next") == "2026-11-30"
    assert first("2026-08-29", "3", "--unit", "months", "--roll", "none") == "2026-11-29"
    assert first("2023-04-24", "2", "--unit", "weeks") == "2023-05-05"
    assert first("2023-04-28", "10", "--unit", "days", "--roll", "next") == "2023-05-09"
    assert first("2023-03-13", "15", "--counting", "inclusive") == "2023-03-31"
    assert first("2026-11-21", "1") == "2026-11-23"


def test_add_roll_explained(cli):
    code, out, _ = cli("dates", "add", "2026-08-29", "3", "--unit", "months", "--roll", "next",
                       "--calendar", "scotland", "--explain")
    assert code == 0
    assert out.splitlines()[0] == "2026-12-01"
    assert "  skipped 2026-11-30 Mon  St Andrew’s Day (official list)" in out
    assert "  3 months after Sat 2026-08-29 is Sun 2026-11-29 (scotland)" in out
    assert "Sun 2026-11-29 is not a working day, so the date moves forward to the next working day" in out


def test_add_roll_none_notes_a_non_working_result(cli):
    code, out, err = cli("dates", "add", "2026-08-29", "3", "--unit", "months", "--roll", "none")
    assert code == 0 and out == "2026-11-29\n"
    assert "not a working day" in err


def test_add_json(cli):
    code, out, err = cli("dates", "add", "2023-04-28", "10", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["result"] == "2023-05-16"
    assert data["calendar"] == "england-and-wales"
    assert data["provisional"] is False and data["provisional_reason"] is None
    assert data["coverage"] == [2012, 2028]
    assert {"date": "2023-05-01", "weekday": "Mon", "name": "Early May bank holiday",
            "source": "official"} in data["skipped"]
    assert data["rolled_from"] is None and data["result_is_working_day"] is True


def test_add_provisional_after_coverage(cli):
    code, out, err = cli("dates", "add", "2028-12-20", "10")
    assert code == 0
    assert out == "2029-01-08\n"  # stdout's first line stays the bare answer
    assert err.startswith("cpptool: provisional: 2029 is not in the official bank holiday list")
    data = json.loads(cli("dates", "add", "2028-12-20", "10", "--json")[1])
    assert data["provisional"] is True and "2029" in data["provisional_reason"]


def test_add_jersey_is_provisional(cli):
    code, out, err = cli("dates", "add", "2025-05-08", "1", "--calendar", "jersey", "--explain")
    assert code == 0
    assert out.splitlines()[0] == "2025-05-12"
    assert "Liberation Day (rules fallback, provisional)" in out
    assert "cpptool: provisional: jersey has no official bank holiday list" in err


def test_add_with_closures(cli, write):
    path = write("closures:\n  - date: 2026-11-24\n    reason: Staff training day\n", "closures.yaml")
    assert cli("dates", "add", "2026-11-23", "1")[1] == "2026-11-24\n"
    code, out, _ = cli("dates", "add", "2026-11-23", "1", "--closures", str(path), "--explain")
    assert code == 0
    assert out.splitlines()[0] == "2026-11-25"
    assert "  skipped 2026-11-24 Tue  Staff training day (local closure)" in out


# ---------------------------------------------------------------------------------------
# dates between / holidays


def test_between(cli):
    assert cli("dates", "between", "2023-04-28", "2023-05-16") == (0, "10\n", "")
    assert cli("dates", "between", "2023-05-16", "2023-04-28")[1] == "-10\n"
    assert cli("dates", "between", "2023-03-13", "2023-03-31", "--counting", "inclusive")[1] == "15\n"
    data = json.loads(cli("dates", "between", "2028-12-20", "2029-01-08", "--json")[1])
    assert data["working_days"] == 10 and data["provisional"] is True


def test_holidays(cli):
    code, out, err = cli("dates", "holidays", "2026", "--calendar", "scotland")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "2026-01-01 Thu  New Year’s Day (official list)"
    assert "2026-06-15 Mon  World Cup bank holiday (official list)" in lines
    assert "2026-12-28 Mon  Boxing Day (official list)" in lines
    assert len(lines) == 10


def test_holidays_rules_fallback_is_provisional(cli):
    code, out, err = cli("dates", "holidays", "2030", "--calendar", "northern-ireland")
    assert code == 0
    assert "2030-07-12 Fri  Battle of the Boyne (rules fallback, provisional)" in out.splitlines()
    assert "cpptool: provisional:" in err
    data = json.loads(cli("dates", "holidays", "2030", "--calendar", "northern-ireland", "--json")[1])
    assert data["provisional"] is True and {d["source"] for d in data["days"]} == {"rules"}


def test_holidays_with_closures(cli, write):
    path = write("closures:\n  - from: 2026-12-29\n    to: 2026-12-31\n    reason: Council Christmas closure\n",
                 "closures.yaml")
    out = cli("dates", "holidays", "2026", "--closures", str(path))[1]
    assert "2026-12-30 Wed  Council Christmas closure (local closure)" in out.splitlines()
    assert "Council Christmas closure" not in cli("dates", "holidays", "2026")[1]


# ---------------------------------------------------------------------------------------
# Bad input: one line, exit 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["dates", "add", "2023-02-31", "10"], "start date 2023-02-31 is not a real date: February 2023 has 28 days"),
        (["dates", "add", "28-04-2023", "10"], "start date 28-04-2023 could be read as day-month or month-day"),
        (["dates", "add", "tomorrow", "10"], "expected a start date as YYYY-MM-DD or DD/MM/YYYY"),
        (["dates", "add", "2023-04-28", "10", "--calendar", "wales"], "unknown calendar 'wales'"),
        (["dates", "add", "2023-04-28", "-3"], "counts must be 0 or more"),
        (["dates", "add", "2023-04-28", "3", "--unit", "fortnights"], "unknown unit 'fortnights'"),
        (["dates", "add", "2023-04-28", "3", "--roll", "later"], "unknown roll 'later'"),
        (["dates", "add", "2023-04-28", "3", "--counting", "both"], "unknown counting 'both'"),
        (["dates", "between", "2023-04-28", "2023-02-29"], "end date 2023-02-29 is not a real date"),
        (["dates", "holidays", "3000"], "3000"),
        (["dates", "add", "2023-04-28", "3", "--closures", "no-such-file.yaml"], "does not exist"),
        (["calendar", "update", "no-such-file.json"], "does not exist"),
    ],
)
def test_bad_input(cli, args, message):
    line = one_error_line(*cli(*args))
    assert message in line


def test_bad_closures_file(cli, write):
    path = write("closures:\n  - date: 2026-12-29\n    reason: ok\n  - date: 2026-02-30\n    reason: x\n",
                 "closures.yaml")
    line = one_error_line(*cli("dates", "add", "2026-11-23", "1", "--closures", str(path)))
    assert str(path) in line and "line 4" in line and "February 2026 has 28 days" in line


def test_usage_errors_exit_2(cli):
    assert cli("dates", "add", "2023-04-28")[0] == 2
    assert cli("dates", "add", "2023-04-28", "ten")[0] == 2


# ---------------------------------------------------------------------------------------
# Coverage warning on stderr


def test_coverage_warning_on_stderr(cli, monkeypatch):
    monkeypatch.setattr(dates_cli, "_today", lambda: date(2028, 3, 1))
    for args in (["dates", "add", "2028-03-01", "5"], ["dates", "between", "2028-03-01", "2028-03-08"],
                 ["dates", "holidays", "2028"], ["calendar", "list"]):
        code, out, err = cli(*args)
        assert code == 0
        assert "cpptool: warning: the official bank holiday list for england-and-wales ends on 2028-12-31" in err
        assert "warning" not in out
    data = json.loads(cli("dates", "add", "2028-03-01", "5", "--json")[1])
    assert "2028-12-31" in data["coverage_warning"]


def test_no_coverage_warning_well_before_the_end(cli):
    assert cli("dates", "add", "2026-11-23", "5")[2] == ""


def test_calendar_list(cli):
    code, out, _ = cli("calendar", "list")
    assert code == 0
    assert out.splitlines()[0].startswith("england-and-wales  official list 2012–2028")
    assert "jersey  no official list: rules only (provisional)" in out


# ---------------------------------------------------------------------------------------
# calendar update


def update_file(tmp_path, *, made_up=True, extra_2029=False):
    data = {}
    for division in ("england-and-wales", "scotland", "northern-ireland"):
        events = [dict(e) for e in SHIPPED[division]["events"] if e["date"] >= "2019"]
        data[division] = {"division": division, "events": events}
    events = data["england-and-wales"]["events"]
    if made_up:
        events.append({"title": "Made-up holiday", "date": "2028-06-14", "notes": "", "bunting": True})
    if extra_2029:
        events.append({"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": True})
    events.sort(key=lambda e: e["date"])
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_update_then_dates_use_the_new_list(cli, tmp_path):
    source = update_file(tmp_path)
    assert cli("dates", "add", "2028-06-13", "1")[1] == "2028-06-14\n"
    code, out, err = cli("calendar", "update", str(source))
    assert code == 0, err
    lines = out.splitlines()
    target = tmp_path / "user-data" / "bank-holidays.json"
    assert lines[0] == f"Updated the bank holiday lists: 1 added, 0 removed, 0 renamed (saved to {target})"
    assert "england-and-wales: years 2019–2028 replaced" in lines
    assert "  added   Wed 2028-06-14  Made-up holiday" in lines
    assert "scotland: years 2019–2028, no changes" in lines
    assert target.is_file()
    assert sorted(p.name for p in target.parent.iterdir()) == ["bank-holidays.json"]

    assert cli("dates", "add", "2028-06-13", "1")[1] == "2028-06-15\n"
    holidays = cli("dates", "holidays", "2028")[1].splitlines()
    assert "2028-06-14 Wed  Made-up holiday (official list)" in holidays
    assert "2012" in cli("calendar", "list")[1]  # older shipped years are kept
    assert cli("dates", "holidays", "2012")[1].startswith("2012-01-02 Mon  New Year’s Day")


def test_update_dry_run(cli, tmp_path):
    source = update_file(tmp_path, extra_2029=True)
    code, out, _ = cli("calendar", "update", str(source), "--dry-run")
    assert code == 0
    assert out.splitlines()[0] == "Dry run: 2 added, 0 removed, 0 renamed (nothing written)"
    assert "england-and-wales: years 2019–2029 (2029 new) would be replaced" in out
    assert not (tmp_path / "user-data").exists()
    assert cli("dates", "add", "2028-06-13", "1")[1] == "2028-06-14\n"


def test_update_json(cli, tmp_path):
    code, out, _ = cli("calendar", "update", str(update_file(tmp_path)), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["written"] is True and data["changed"] is True
    ew = next(d for d in data["divisions"] if d["division"] == "england-and-wales")
    assert ew["added"] == [{"date": "2028-06-14", "title": "Made-up holiday"}]
    assert ew["years_replaced"] == list(range(2019, 2029))


def test_update_no_changes(cli, tmp_path):
    code, out, _ = cli("calendar", "update", str(update_file(tmp_path, made_up=False)))
    assert code == 0
    assert out.splitlines()[0].startswith("No changes")
    assert not (tmp_path / "user-data").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"england-and-wales": ', "is not valid JSON"),
        ('{"scotland": {"events": [{"date": "2029-02-30", "title": "x"}]}}', "February 2029 has 28 days"),
        ('{"scotland": {"events": [{"date": "2029-01-01"}]}}', "has no title"),
        ('{"mars": {"events": []}}', "unknown division 'mars'"),
    ],
)
def test_update_refuses_malformed_files(cli, tmp_path, content, message):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    line = one_error_line(*cli("calendar", "update", str(source)))
    assert message in line and str(source) in line
    assert not (tmp_path / "user-data").exists()
