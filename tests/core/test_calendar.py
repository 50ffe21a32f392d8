"""The working-day calendar: official list, rules fallback, closures, counting, updates.

Offline, and never dependent on today's date.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpptool.core import files as files_mod
from cpptool.core.calendar import holiday_lists as cal_mod
from cpptool.core.calendar import (
    Calendar,
    clear_cache,
    coverage_warning,
    load_calendar,
    load_closures,
    parse_date,
    rules_bank_holidays,
    update_bank_holidays,
    user_list_path,
)
from cpptool.core.errors import CpptoolError
from cpptool.resources import resource_dir

UK = ("england-and-wales", "scotland", "northern-ireland")
SHIPPED = json.loads((resource_dir("data") / "uk-bank-holidays.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def _isolated_data_dir(tmp_path_factory):
    """Never read a real user's updated list: point the data folder at an empty one."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CPPTOOL_DATA_DIR", str(tmp_path_factory.mktemp("no-user-list")))
        clear_cache()
        yield
    clear_cache()




def official_dates(division: str) -> dict[date, str]:
    return {date.fromisoformat(e["date"]): e["title"] for e in SHIPPED[division]["events"]}


def d(text: str) -> date:
    return date.fromisoformat(text)


def weekdays(first: date, last: date):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------
# parse_date


def test_parse_date_accepts_iso():
    assert parse_date("2026-11-23") == date(2026, 11, 23)
    assert parse_date(" 2024-02-29 ") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2023-02-31", "2023-02-31 is not a real date: February 2023 has 28 days"),
        ("2024-02-30", "2024-02-30 is not a real date: February 2024 has 29 days"),
        ("2026-04-31", "2026-04-31 is not a real date: April 2026 has 30 days"),
        ("2026-13-01", "2026-13-01 is not a real date: there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("2026-01-00", "January 2026 has 31 days"),
        ("23.11.2026", "23.11.2026 could be read as day-month or month-day; write it as 23/11/2026"),
        ("23-11-2026", "could be read as day-month or month-day"),
        ("23/11/26", "23/11/26 has a two-digit year"),
        ("11/23/2026", "there is no month 23; dates typed with / are day/month/year (23/11/2026 is 2026-11-23)"),
        ("31/04/2026", "31/04/2026 is not a real date: April 2026 has 30 days"),
        ("2026/11/23", "write a year-first date with dashes, as YYYY-MM-DD"),
        ("2026-1-5", "expected a date as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-11-23 or 23/11/2026"),
        ("", "expected a date as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-11-23 or 23/11/2026, but got nothing"),
    ],
)
def test_parse_date_messages(text, message):
    with pytest.raises(CpptoolError) as err:
        parse_date(text)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_parse_date_takes_uk_day_month_year_as_typed():
    assert parse_date("23/11/2026") == date(2026, 11, 23)
    assert parse_date(" 1/2/2026 ") == date(2026, 2, 1)  # 1 February, never 2 January
    assert parse_date("29/02/2024") == date(2024, 2, 29)


def test_stored_dates_take_iso_only():
    with pytest.raises(CpptoolError, match="expected a date as YYYY-MM-DD, e.g. 2026-11-23, but got '23/11/2026'"):
        parse_date("23/11/2026", day_first=False)


def test_parse_date_names_what_it_parses():
    with pytest.raises(CpptoolError, match="expected an end date as YYYY-MM-DD"):
        parse_date("tomorrow", "end date")
    with pytest.raises(CpptoolError, match="^start date 2023-02-31 is not a real date"):
        parse_date("2023-02-31", "start date")


# ---------------------------------------------------------------------------------------
# Loading and start-up cost


def test_unknown_calendar_lists_the_valid_names():
    with pytest.raises(CpptoolError) as err:
        load_calendar("wales")
    assert "unknown calendar 'wales'" in str(err.value)
    for name in ("england-and-wales", "scotland", "northern-ireland", "jersey"):
        assert name in str(err.value)


def test_load_calendar_is_cached():
    assert load_calendar("scotland") is load_calendar("scotland")
    assert load_calendar("scotland") is not load_calendar("northern-ireland")


def test_coverage():
    for name in UK:
        assert load_calendar(name).coverage == (2012, 2028)
    assert load_calendar("jersey").coverage is None


def test_import_and_official_dates_do_not_import_heavy_packages(tmp_path):
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import cpptool.core.calendar as c\n"
        "heavy = ('holidays', 'rich', 'typer', 'pydantic', 'ruamel')\n"
        "assert not [m for m in heavy if m in sys.modules], sys.modules.keys()\n"
        "cal = c.load_calendar('england-and-wales')\n"
        "assert cal.add(date(2024, 1, 2), 10) == date(2024, 1, 16)\n"
        "assert cal.between(date(2012, 1, 1), date(2028, 12, 31)) > 4000\n"
        "assert 'holidays' not in sys.modules\n"
        "cal.add(date(2029, 3, 1), 10)\n"
        "assert 'holidays' in sys.modules  # the fallback is imported only when needed\n"
    )
    env = dict(os.environ, CPPTOOL_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------------------------------
# Agreement with the official list and with the rules fallback


@pytest.mark.parametrize("name", UK)
def test_every_weekday_2012_2028_agrees_with_the_official_list(name):
    cal = load_calendar(name)
    holidays = official_dates(name)
    assert all(day.weekday() < 5 for day in holidays)
    for day in weekdays(date(2012, 1, 1), date(2028, 12, 31)):
        assert cal.is_working_day(day) == (day not in holidays), day
    for day in (date(2024, 6, 1), date(2024, 6, 2)):
        assert not cal.is_working_day(day)


@pytest.mark.parametrize("name", UK)
def test_rules_fallback_agrees_with_the_official_list_2012_2028(name):
    """`holidays` 0.109 matched the official list on every weekday, so the fallback is trusted."""
    holidays = official_dates(name)
    for year in range(2012, 2029):
        official = {day for day in holidays if day.year == year}
        assert set(rules_bank_holidays(name, year)) == official, year


@pytest.mark.parametrize("name", UK)
def test_rules_only_calendar_matches_official_working_days(name):
    """The same rules through the Calendar class itself (no official years at all)."""
    rules_cal = Calendar(name, {})
    official_cal = load_calendar(name)
    for day in weekdays(date(2020, 1, 1), date(2023, 12, 31)):
        assert rules_cal.is_working_day(day) == official_cal.is_working_day(day), day
    assert rules_cal.add(date(2023, 4, 28), 10) == date(2023, 5, 16)


def test_rules_holidays_are_weekdays_only():
    # Boxing Day 2026 is a Saturday; `holidays` lists it and the Monday substitute.
    found = rules_bank_holidays("england-and-wales", 2026)
    assert date(2026, 12, 26) not in found
    assert date(2026, 12, 28) in found


# ---------------------------------------------------------------------------------------
# Named cases


def test_example_from_the_issue():
    cal = load_calendar("england-and-wales")
    assert cal.add(date(2023, 4, 28), 10) == date(2023, 5, 16)
    ex = cal.explain(date(2023, 4, 28), 10)
    holidays = [(s.date, s.source) for s in ex.skipped if s.source != "weekend"]
    assert holidays == [(date(2023, 5, 1), "official"), (date(2023, 5, 8), "official")]
    assert len(ex.skipped) == 8  # two bank holidays and three weekends
    assert not ex.provisional and ex.provisional_reason is None and not ex.rolled


def test_easter_england_and_wales_and_scotland():
    ew, sc = load_calendar("england-and-wales"), load_calendar("scotland")
    good_friday, easter_monday = date(2024, 3, 29), date(2024, 4, 1)
    assert not ew.is_working_day(good_friday) and not ew.is_working_day(easter_monday)
    assert not sc.is_working_day(good_friday)
    assert sc.is_working_day(easter_monday)  # Scotland has no Easter Monday
    assert ew.add(date(2024, 3, 28), 1) == date(2024, 4, 2)
    assert sc.add(date(2024, 3, 28), 1) == date(2024, 4, 1)


@pytest.mark.parametrize("name", UK)
def test_christmas_and_new_year_substitute_days(name):
    cal = load_calendar(name)
    for day in ("2021-12-27", "2021-12-28", "2022-01-03", "2027-12-27", "2027-12-28", "2028-01-03"):
        assert not cal.is_working_day(d(day)), day
    assert cal.add(d("2021-12-24"), 1) == d("2021-12-29")
    assert cal.add(d("2027-12-24"), 1) == d("2027-12-29")


@pytest.mark.parametrize("name", UK)
def test_state_funeral_and_coronation(name):
    cal = load_calendar(name)
    assert not cal.is_working_day(d("2022-09-19"))
    assert not cal.is_working_day(d("2023-05-08"))
    assert cal.add(d("2022-09-16"), 1) == d("2022-09-20")
    names = {h.date: h.name for h in cal.holidays(2023)}
    assert "coronation" in names[d("2023-05-08")].lower()


def test_scotland_specials():
    sc, ew = load_calendar("scotland"), load_calendar("england-and-wales")
    # 2 January, with its substitute when New Year falls on a weekend.
    assert not sc.is_working_day(d("2026-01-02")) and ew.is_working_day(d("2026-01-02"))
    assert not sc.is_working_day(d("2023-01-03")) and ew.is_working_day(d("2023-01-03"))
    # St Andrew's Day: 30 Nov 2025 is a Sunday, so Monday 1 December is the holiday.
    assert not sc.is_working_day(d("2025-12-01")) and ew.is_working_day(d("2025-12-01"))
    assert not sc.is_working_day(d("2024-12-02"))
    assert not sc.is_working_day(d("2026-11-30"))
    # The 2026 World Cup one-off, and the 2027 summer holiday GOV.UK moved to 2 August.
    assert not sc.is_working_day(d("2026-06-15")) and ew.is_working_day(d("2026-06-15"))
    assert not sc.is_working_day(d("2027-08-02")) and sc.is_working_day(d("2027-08-30"))
    assert sc.add(d("2026-06-12"), 1) == d("2026-06-16")
    assert ew.add(d("2026-06-12"), 1) == d("2026-06-15")


def test_northern_ireland_specials():
    ni, ew = load_calendar("northern-ireland"), load_calendar("england-and-wales")
    assert not ni.is_working_day(d("2025-03-17")) and ew.is_working_day(d("2025-03-17"))
    assert not ni.is_working_day(d("2024-03-18"))  # 17 March 2024 was a Sunday
    assert not ni.is_working_day(d("2024-07-12"))
    assert not ni.is_working_day(d("2025-07-14"))  # 12 July 2025 was a Saturday
    assert ni.is_working_day(d("2025-07-11")) and ew.is_working_day(d("2025-07-14"))
    assert ni.add(d("2025-07-11"), 1) == d("2025-07-15")


def test_jersey_liberation_day_and_provisional():
    je, ew = load_calendar("jersey"), load_calendar("england-and-wales")
    for day in ("2025-05-09", "2028-05-09"):
        assert not je.is_working_day(d(day)) and ew.is_working_day(d(day))
    assert je.add(d("2025-05-08"), 1) == d("2025-05-12")
    ex = je.explain(d("2025-05-08"), 1)
    assert ex.provisional and "jersey" in ex.provisional_reason
    assert [s.source for s in ex.skipped if s.source != "weekend"] == ["rules"]
    assert all(h.source == "rules" for h in je.holidays(2025))


# ---------------------------------------------------------------------------------------
# Counting conventions


def test_saturday_anchor_counts_from_monday():
    cal = load_calendar("england-and-wales")
    assert cal.add(d("2026-11-21"), 1) == d("2026-11-23")  # Sat + 1 = Mon
    assert cal.add(d("2026-11-22"), 1) == d("2026-11-23")  # Sun + 1 = Mon
    assert cal.add(d("2026-11-20"), 1) == d("2026-11-23")  # Fri + 1 = Mon
    assert cal.add(d("2023-05-01"), 1) == d("2023-05-02")  # bank holiday anchor


def test_zero_units_is_the_day_itself_rolled():
    cal = load_calendar("england-and-wales")
    assert cal.add(d("2026-11-23"), 0) == d("2026-11-23")
    assert cal.add(d("2026-11-21"), 0) == d("2026-11-20")
    assert cal.add(d("2026-11-21"), 0, roll="next") == d("2026-11-23")
    assert cal.add(d("2026-11-21"), 0, roll="none") == d("2026-11-21")


def test_inclusive_counting():
    cal = load_calendar("england-and-wales")
    # CIN census style: 13-31 March 2023 inclusive is 15 working days.
    assert cal.add(d("2023-03-13"), 15, counting="inclusive") == d("2023-03-31")
    assert cal.between(d("2023-03-13"), d("2023-03-31"), counting="inclusive") == 15
    assert cal.add(d("2023-03-13"), 15) == d("2023-04-03")
    assert cal.add(d("2026-11-23"), 1, counting="inclusive") == d("2026-11-23")
    # A non-working anchor is not counted, so inclusive equals exclusive.
    assert cal.add(d("2026-11-21"), 1, counting="inclusive") == d("2026-11-23")
    assert cal.add(d("2023-05-08"), 3, counting="inclusive") == cal.add(d("2023-05-08"), 3)
    assert cal.add(d("2026-11-21"), 0, counting="inclusive", roll="next") == d("2026-11-23")
    assert cal.add(d("2026-11-21"), 0, counting="inclusive") == d("2026-11-20")
    assert cal.between(d("2026-11-23"), d("2026-11-23"), counting="inclusive") == 1
    assert cal.between(d("2026-11-21"), d("2026-11-21"), counting="inclusive") == 0


def test_month_clamping():
    cal = load_calendar("england-and-wales")
    assert cal.add(d("2026-08-31"), 3, "months") == d("2026-11-30")
    assert cal.add(d("2028-01-31"), 1, "months") == d("2028-02-29")
    assert cal.add(d("2027-01-31"), 1, "months", roll="none") == d("2027-02-28")
    assert cal.add(d("2026-01-31"), 1, "months", roll="none") == d("2026-02-28")
    assert cal.add(d("2026-01-31"), 1, "months") == d("2026-02-27")  # 28 Feb 2026 is a Saturday
    assert cal.add(d("2026-05-15"), 6, "months") == d("2026-11-13")
    assert cal.add(d("2026-10-31"), 15, "months") == d("2028-01-31")
    assert cal.add(d("2026-11-30"), 14, "months", roll="none") == d("2028-01-30")


def test_roll_previous_next_none():
    ew, sc = load_calendar("england-and-wales"), load_calendar("scotland")
    start = d("2026-08-29")  # + 3 months = Sunday 29 November 2026
    assert ew.add(start, 3, "months") == d("2026-11-27")
    assert ew.add(start, 3, "months", roll="previous") == d("2026-11-27")
    assert ew.add(start, 3, "months", roll="next") == d("2026-11-30")
    assert ew.add(start, 3, "months", roll="none") == d("2026-11-29")
    # In Scotland Monday 30 November is St Andrew's Day, so "next" goes on to Tuesday.
    assert sc.add(start, 3, "months", roll="next") == d("2026-12-01")
    ex = sc.explain(start, 3, "months", roll="next")
    assert ex.rolled_from == d("2026-11-29") and ex.rolled
    assert [(s.date, s.source) for s in ex.skipped] == [
        (d("2026-11-29"), "weekend"), (d("2026-11-30"), "official"),
    ]
    none = ew.explain(start, 3, "months", roll="none")
    assert not none.rolled and not none.result_is_working_day


def test_days_and_weeks():
    cal = load_calendar("england-and-wales")
    assert cal.add(d("2023-04-28"), 10, "days") == d("2023-05-05")  # 8 May is the Coronation
    assert cal.add(d("2023-04-28"), 10, "days", roll="next") == d("2023-05-09")
    assert cal.add(d("2023-04-24"), 2, "weeks") == d("2023-05-05")
    assert cal.add(d("2026-11-23"), 2, "weeks") == d("2026-12-07")
    assert cal.add(d("2026-11-23"), 14, "days") == d("2026-12-07")
    ex = cal.explain(d("2023-04-28"), 10, "days")
    assert ex.rolled_from == d("2023-05-08")
    assert [s.date for s in ex.skipped] == [d("2023-05-06"), d("2023-05-07"), d("2023-05-08")]


def test_working_days_alias_for_profiles():
    cal = load_calendar("england-and-wales")
    assert cal.add(d("2023-04-28"), 10, "working_days") == d("2023-05-16")


def test_between():
    cal = load_calendar("england-and-wales")
    assert cal.between(d("2023-04-28"), d("2023-05-16")) == 10
    assert cal.between(d("2023-05-16"), d("2023-04-28")) == -10
    assert cal.between(d("2023-04-28"), d("2023-04-28")) == 0
    assert cal.between(d("2023-04-29"), d("2023-05-01")) == 0
    assert cal.between(d("2023-04-29"), d("2023-05-02")) == 1


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda c: c.add(d("2026-11-23"), -1), "must be 0 or more, not -1"),
        (lambda c: c.add(d("2026-11-23"), 1.5), "whole number"),
        (lambda c: c.add(d("2026-11-23"), True), "whole number"),
        (lambda c: c.add(d("2026-11-23"), 3, "fortnights"), "unknown unit 'fortnights'"),
        (lambda c: c.add(d("2026-11-23"), 3, "days", "later"), "unknown roll 'later'"),
        (lambda c: c.add(d("2026-11-23"), 3, counting="both"), "unknown counting 'both'"),
        (lambda c: c.add(d("2026-11-23"), 3, "days", counting="both"), "unknown counting 'both'"),
        (lambda c: c.between(d("2026-11-23"), d("2026-12-23"), counting="x"), "unknown counting"),
        (lambda c: c.add(d("2100-12-20"), 30), "falls after 2100, beyond the dates cpptool can count"),
        (lambda c: c.is_working_day(d("2101-01-03")), "can only count working days in the years 1980 to 2100"),
        (lambda c: c.add(d("1970-01-05"), 1), "1970"),
        (lambda c: c.holidays(3000), "3000"),
        (lambda c: c.add(d("2026-11-23"), 10**9, "days"), "beyond"),
    ],
)
def test_bad_arguments_are_clear_errors(call, message):
    with pytest.raises(CpptoolError) as err:
        call(load_calendar("england-and-wales"))
    assert message in str(err.value)


# ---------------------------------------------------------------------------------------
# Provisional results outside the official years


def test_provisional_outside_coverage():
    cal = load_calendar("england-and-wales")
    inside = cal.explain(d("2028-06-01"), 10)
    assert not inside.provisional
    crossing = cal.explain(d("2028-12-20"), 10)
    assert crossing.result == d("2029-01-08")
    assert crossing.provisional
    assert "2029" in crossing.provisional_reason and "2012–2028" in crossing.provisional_reason
    assert [s.source for s in crossing.skipped if s.date == d("2029-01-01")] == ["rules"]
    later = cal.explain(d("2030-03-01"), 3, "months")
    assert later.provisional and "2030" in later.provisional_reason
    assert cal.provisional_reason(d("2028-01-01"), d("2028-12-31")) is None
    assert cal.between_provisional_reason(d("2028-12-31"), d("2029-01-05")) is not None
    assert cal.between_provisional_reason(d("2027-12-31"), d("2028-12-31")) is None
    assert all(h.source == "rules" for h in cal.holidays(2029))
    assert all(h.source == "official" for h in cal.holidays(2028))


def test_fallback_years_before_coverage():
    cal = load_calendar("england-and-wales")
    assert not cal.is_working_day(d("2011-04-29"))  # the 2011 royal wedding, by rule
    assert cal.add(d("2011-12-23"), 1) == d("2011-12-28")
    assert cal.explain(d("2011-12-23"), 1).provisional


# ---------------------------------------------------------------------------------------
# Coverage warning


@pytest.mark.parametrize(
    "today, warns",
    [
        ("2026-11-23", False),
        ("2027-12-30", False),
        ("2027-12-31", True),
        ("2028-03-01", True),
        ("2029-06-01", True),
    ],
)
def test_coverage_warning(today, warns):
    warning = coverage_warning(load_calendar("england-and-wales"), d(today))
    assert (warning is not None) == warns
    if warns:
        assert "2028-12-31" in warning and "cpptool calendar update" in warning
        assert "\n" not in warning
    if today == "2029-06-01":
        assert "ended" in warning


def test_no_coverage_warning_for_rules_only_calendars():
    assert coverage_warning(load_calendar("jersey"), d("2028-03-01")) is None


# ---------------------------------------------------------------------------------------
# Closures


CLOSURES = """\
# Council office closures
closures:
  - date: 2026-11-24
    reason: Staff training day
  - from: 2026-12-24
    to: 2027-01-01
    reason: Council Christmas closure
"""


def test_closures_apply_only_when_given(write):
    path = write(CLOSURES, "closures.yaml")
    plain = load_calendar("england-and-wales")
    closed = load_calendar("england-and-wales", closures=path)
    assert plain.is_working_day(d("2026-11-24"))
    assert not closed.is_working_day(d("2026-11-24"))
    assert plain.add(d("2026-11-23"), 1) == d("2026-11-24")
    assert closed.add(d("2026-11-23"), 1) == d("2026-11-25")
    assert closed.add(d("2026-12-23"), 1) == d("2027-01-04")
    assert plain.add(d("2026-12-23"), 1) == d("2026-12-24")
    ex = closed.explain(d("2026-11-23"), 1)
    assert [(s.date, s.name, s.source) for s in ex.skipped] == [
        (d("2026-11-24"), "Staff training day", "closure")
    ]
    assert closed.closures_file == path


def test_closures_in_holidays_list(write):
    closed = load_calendar("england-and-wales", closures=write(CLOSURES, "closures.yaml"))
    days = closed.holidays(2026)
    sources = {(h.date, h.source) for h in days}
    assert (d("2026-11-24"), "closure") in sources
    # Christmas Day is both a bank holiday and a closure day: both are listed, bank holiday first.
    christmas = [h.source for h in days if h.date == d("2026-12-25")]
    assert christmas == ["official", "closure"]
    # Weekend days in the range change nothing and are left out.
    assert d("2026-12-26") not in {h.date for h in days}
    assert all(h.source != "weekend" for h in days)
    # A skipped day that is both shows the bank holiday.
    skipped = closed.explain(d("2026-12-23"), 1).skipped
    assert [s.source for s in skipped if s.date == d("2026-12-25")] == ["official"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("closures:\n  - date: 2026-02-30\n    reason: x\n",
         "line 2 (closure 1): 2026-02-30 is not a real date: February 2026 has 28 days"),
        ("closures:\n  - date: 2026-12-29\n    reason: a\n  - date: 29/12/2026\n    reason: b\n",
         "line 4 (closure 2): expected a date as YYYY-MM-DD"),
        ("closures:\n  - from: 2026-12-31\n    to: 2026-12-29\n    reason: x\n",
         "'from' 2026-12-31 is after 'to' 2026-12-29"),
        ("closures:\n  - date: 2026-12-29\n", "no reason given"),
        ("closures:\n  - date: 2026-12-29\n    reason: '  '\n", "no reason given"),
        ("closures:\n  - from: 2026-12-29\n    reason: x\n", "give a 'date', or both 'from' and 'to'"),
        ("closures:\n  - date: 2026-12-29\n    from: 2026-12-29\n    to: 2026-12-30\n    reason: x\n",
         "not both"),
        ("closures:\n  - date: 2026-12-29\n    resaon: x\n", "unexpected 'resaon'"),
        ("closures:\n  - date: [2026\n", "is not valid YAML at line 3"),
        ("closures:\n  - date: 2026-12-29\n    date: 2026-12-30\n    reason: x\n", "is not valid YAML"),
        ("", "expected 'closures:'"),
        ("- date: 2026-12-29\n", "expected 'closures:'"),
        ("closures: 2026-12-29\n", "expected 'closures:'"),
        ("closures:\n  - from: 2026-01-01\n    to: 2028-01-01\n    reason: x\n", "longer than a year"),
        ("closures:\n  - date: 1970-01-01\n    reason: x\n", "outside 1980–2100"),
    ],
)
def test_bad_closures_files(write, text, message):
    path = write(text, "closures.yaml")
    with pytest.raises(CpptoolError) as err:
        load_closures(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_closures_file(tmp_path):
    with pytest.raises(CpptoolError, match="does not exist"):
        load_calendar("england-and-wales", closures=tmp_path / "nope.yaml")


def test_empty_closures_list_is_fine(write):
    cal = load_calendar("england-and-wales", closures=write("closures: []\n", "c.yaml"))
    assert cal.add(d("2023-04-28"), 10) == d("2023-05-16")


# ---------------------------------------------------------------------------------------
# Properties


ALL = UK + ("jersey",)
# 2011 and 2029-2031 are outside the official list, so the rules fallback is exercised too.
any_day = st.dates(min_value=date(2011, 1, 1), max_value=date(2031, 6, 30))
counts = st.integers(min_value=0, max_value=300)
names = st.sampled_from(ALL)


def naive_add(name: str, start: date, n: int) -> date:
    """Day-by-day reference, built straight from the shipped file and the `holidays` rules."""
    official = official_dates(name) if name in UK else {}
    covered = {day.year for day in official}
    rules: dict[int, dict[date, str]] = {}

    def closed(day: date) -> bool:
        if day.weekday() >= 5:
            return True
        if day.year in covered:
            return day in official
        if day.year not in rules:
            rules[day.year] = rules_bank_holidays(name, day.year)
        return day in rules[day.year]

    day = start
    while n:
        day += timedelta(days=1)
        if not closed(day):
            n -= 1
    return day


@settings(max_examples=150, deadline=None)
@given(names, any_day, counts)
def test_add_matches_a_day_by_day_count(name, start, n):
    assert load_calendar(name).add(start, n, roll="none") == naive_add(name, start, n)


@settings(max_examples=200, deadline=None)
@given(names, any_day, counts)
def test_between_inverts_add(name, start, n):
    cal = load_calendar(name)
    assert cal.between(start, cal.add(start, n)) == n
    if n >= 1:
        end = cal.add(start, n, counting="inclusive")
        assert cal.between(start, end, counting="inclusive") == n


@settings(max_examples=200, deadline=None)
@given(names, any_day, st.integers(min_value=1, max_value=300), st.sampled_from(("exclusive", "inclusive")))
def test_working_day_results_are_working_days(name, start, n, counting):
    cal = load_calendar(name)
    result = cal.add(start, n, counting=counting)
    assert cal.is_working_day(result)
    assert result > start or (counting == "inclusive" and result == start)


@settings(max_examples=200, deadline=None)
@given(names, any_day, any_day, counts, counts, st.sampled_from(("exclusive", "inclusive")))
def test_add_is_monotonic(name, d1, d2, n1, n2, counting):
    cal = load_calendar(name)
    d1, d2 = min(d1, d2), max(d1, d2)
    n1, n2 = min(n1, n2), max(n1, n2)
    assert cal.add(d1, n1, counting=counting) <= cal.add(d2, n1, counting=counting)
    assert cal.add(d1, n1, counting=counting) <= cal.add(d1, n2, counting=counting)


@settings(max_examples=150, deadline=None)
@given(names, any_day, st.integers(min_value=0, max_value=40),
       st.sampled_from(("days", "weeks", "months")), st.sampled_from(("previous", "next", "none")))
def test_calendar_units_and_roll(name, start, n, unit, roll):
    cal = load_calendar(name)
    ex = cal.explain(start, n, unit, roll)
    raw = ex.rolled_from or ex.result
    if roll == "none":
        assert ex.result == raw
    else:
        assert cal.is_working_day(ex.result)
        assert (ex.result <= raw) if roll == "previous" else (ex.result >= raw)
        # Everything the roll stepped over is a non-working day, listed in `skipped`.
        stepped = abs((raw - ex.result).days)
        assert len(ex.skipped) == stepped


@settings(max_examples=150, deadline=None)
@given(names, any_day, st.integers(min_value=1, max_value=120))
def test_explain_accounts_for_every_day(name, start, n):
    cal = load_calendar(name)
    ex = cal.explain(start, n)
    assert ex.result == cal.add(start, n)
    # Days strictly between start and result: n - 1 working days plus the skipped ones.
    assert (ex.result - start).days - 1 == (n - 1) + len(ex.skipped)
    assert all(not cal.is_working_day(s.date) for s in ex.skipped)
    # Provisional exactly when a counted day (after start, up to the result) is in a rules year.
    counted_years = range((start + timedelta(days=1)).year, ex.result.year + 1)
    assert ex.provisional == any(not cal.is_official_year(y) for y in counted_years)


@settings(max_examples=150, deadline=None)
@given(names, any_day, any_day)
def test_between_is_antisymmetric(name, a, b):
    cal = load_calendar(name)
    assert cal.between(a, b) == -cal.between(b, a)


# ---------------------------------------------------------------------------------------
# Updating the list


def gov_uk_file(years: range, **changes) -> dict:
    """A GOV.UK-style download for `years`, built from the shipped data."""
    data = {}
    for division in UK:
        events = [dict(e) for e in SHIPPED[division]["events"] if int(e["date"][:4]) in years]
        data[division] = {"division": division, "events": events}
    for division, edit in changes.items():
        edit(data[division.replace("_", "-")]["events"])
    return data


def made_up_2028(events):
    events.append({"title": "Made-up holiday", "date": "2028-06-14", "notes": "", "bunting": True})
    events.sort(key=lambda e: e["date"])


def test_update_replaces_years_keeps_older_ones_and_reports(data_dir, tmp_path):
    def edit(events):
        made_up_2028(events)
        events[:] = [e for e in events if e["date"] != "2027-05-31"]  # removed
        for e in events:
            if e["date"] == "2026-12-25":
                e["title"] = "Christmas"  # renamed
        events.append({"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": True})

    source = write_json(tmp_path / "bank-holidays.json", gov_uk_file(range(2019, 2029), england_and_wales=edit))
    report = update_bank_holidays(source)
    assert report.written and report.changed and not report.dry_run
    assert report.target == data_dir / "bank-holidays.json" == user_list_path()
    ew = next(c for c in report.divisions if c.division == "england-and-wales")
    assert ew.years == tuple(range(2019, 2030)) and ew.new_years == (2029,)
    assert ew.added == ((d("2028-06-14"), "Made-up holiday"), (d("2029-01-01"), "New Year’s Day"))
    assert ew.removed == ((d("2027-05-31"), "Spring bank holiday"),)
    assert ew.renamed == ((d("2026-12-25"), "Christmas Day", "Christmas"),)
    assert not next(c for c in report.divisions if c.division == "scotland").changed

    cal = load_calendar("england-and-wales")
    assert cal.coverage == (2012, 2029)
    assert not cal.is_working_day(d("2012-01-02"))  # older years kept from the shipped list
    assert not cal.is_working_day(d("2028-06-14"))
    assert cal.is_working_day(d("2027-05-31"))
    assert cal.add(d("2028-06-13"), 1) == d("2028-06-15")
    assert not cal.explain(d("2028-12-20"), 10).provisional  # 2029 is now official
    assert {h.name for h in cal.holidays(2026) if h.date == d("2026-12-25")} == {"Christmas"}
    # Temp files are not left behind, and the written file is a valid GOV.UK-format list.
    assert sorted(p.name for p in data_dir.iterdir()) == ["bank-holidays.json"]
    written = json.loads(report.target.read_text(encoding="utf-8"))
    assert written["england-and-wales"]["division"] == "england-and-wales"
    assert min(e["date"] for e in written["england-and-wales"]["events"]) >= "2019"


def test_update_never_merges_by_date(data_dir, tmp_path):
    """A holiday that moved within a replaced year must not linger on its old date."""

    def move(events):
        for e in events:
            if e["date"] == "2027-08-02":
                e["date"] = "2027-08-30"

    source = write_json(tmp_path / "new.json", gov_uk_file(range(2027, 2028), scotland=move))
    update_bank_holidays(source)
    sc = load_calendar("scotland")
    assert sc.is_working_day(d("2027-08-02")) and not sc.is_working_day(d("2027-08-30"))


def test_later_update_keeps_years_from_an_earlier_update(data_dir, tmp_path):
    first = gov_uk_file(range(2028, 2029), england_and_wales=made_up_2028)
    update_bank_holidays(write_json(tmp_path / "one.json", first))
    second = gov_uk_file(range(2026, 2027))
    second["england-and-wales"]["events"][0]["title"] = "Renamed"
    update_bank_holidays(write_json(tmp_path / "two.json", second))
    cal = load_calendar("england-and-wales")
    assert not cal.is_working_day(d("2028-06-14"))


def test_update_dry_run_writes_nothing(data_dir, tmp_path):
    source = write_json(tmp_path / "new.json", gov_uk_file(range(2028, 2029), england_and_wales=made_up_2028))
    report = update_bank_holidays(source, dry_run=True)
    assert report.changed and not report.written
    assert not data_dir.exists()
    assert load_calendar("england-and-wales").is_working_day(d("2028-06-14"))


def test_update_with_no_changes_writes_nothing(data_dir, tmp_path):
    report = update_bank_holidays(write_json(tmp_path / "same.json", gov_uk_file(range(2019, 2029))))
    assert not report.changed and not report.written and not data_dir.exists()


def test_update_jersey_division_becomes_official(data_dir, tmp_path):
    events = [e for e in SHIPPED["england-and-wales"]["events"] if e["date"].startswith("2026")]
    events = [dict(e) for e in events] + [{"title": "Extra day", "date": "2026-05-11"}]
    events.sort(key=lambda e: e["date"])
    source = write_json(tmp_path / "je.json", {"jersey": {"division": "jersey", "events": events}})
    report = update_bank_holidays(source)
    assert [c.division for c in report.divisions] == ["jersey"]
    je = load_calendar("jersey")
    assert je.coverage == (2026, 2026)
    assert not je.is_working_day(d("2026-05-11"))
    assert not je.explain(d("2026-05-08"), 1).provisional
    assert je.explain(d("2027-05-07"), 1).provisional


def test_update_write_is_atomic(data_dir, tmp_path, monkeypatch):
    source = write_json(tmp_path / "new.json", gov_uk_file(range(2028, 2029), england_and_wales=made_up_2028))
    update_bank_holidays(source)
    before = user_list_path().read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_mod.os, "replace", broken_replace)  # the one writer
    second = gov_uk_file(range(2027, 2028))
    second["scotland"]["events"][0]["title"] = "Changed"
    with pytest.raises(CpptoolError, match="cannot write the bank holiday list"):
        update_bank_holidays(write_json(tmp_path / "two.json", second))
    assert user_list_path().read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["bank-holidays.json"]


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"england-and-wales": ', "is not valid JSON (line 1"),
        ("[]", "is not a bank holiday list"),
        ("{}", "is not a bank holiday list"),
        ('{"wales": {"events": [{"date": "2029-01-01", "title": "x"}]}}', "unknown division 'wales'"),
        ('{"scotland": {"events": "none"}}', "has no list of events"),
        ('{"scotland": {"events": []}}', "has no events"),
        ('{"scotland": {"division": "england-and-wales", "events": []}}', "says it is"),
        ('{"scotland": {"events": [{"title": "x"}]}}', "event 1 of scotland has no date"),
        ('{"scotland": {"events": [{"date": "2029-02-30", "title": "x"}]}}',
         "2029-02-30 is not a real date: February 2029 has 28 days"),
        ('{"scotland": {"events": [{"date": "2029-01-01"}]}}', "(2029-01-01) has no title"),
        ('{"scotland": {"events": [{"date": "2029-01-06", "title": "x"}]}}', "is a Saturday"),
        ('{"scotland": {"events": [{"date": "2029-01-01", "title": "x"}, {"date": "2029-01-01", "title": "y"}]}}',
         "appears twice"),
        ('{"scotland": {"events": ["2029-01-01"]}}', "is not an object"),
        # Forms date.fromisoformat would take, but a GOV.UK list never holds:
        ('{"scotland": {"events": [{"date": "20290101", "title": "x"}]}}', "event 1 of scotland: "),
        ('{"scotland": {"events": [{"date": "2029-W01-1", "title": "x"}]}}', "event 1 of scotland: "),
        ('{"scotland": {"events": [{"date": "2029-01-01", "title": "x"}, {"date": "2029-1-02", "title": "y"}]}}',
         "event 2 of scotland: "),
    ],
)
def test_update_refuses_malformed_files(data_dir, tmp_path, content, message):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CpptoolError) as err:
        update_bank_holidays(source)
    assert message in str(err.value)
    assert str(source) in str(err.value) and "\n" not in str(err.value)
    assert not data_dir.exists()


def test_update_missing_file(data_dir, tmp_path):
    with pytest.raises(CpptoolError, match="does not exist"):
        update_bank_holidays(tmp_path / "missing.json")


def test_damaged_user_list_is_a_clear_error(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "bank-holidays.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(CpptoolError) as err:
        load_calendar("england-and-wales")
    assert "delete that file" in str(err.value) and str(data_dir) in str(err.value)


def test_user_data_dir_order(monkeypatch, tmp_path):
    monkeypatch.delenv("CPPTOOL_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert cal_mod.user_data_dir() == tmp_path / "xdg" / "cpptool"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cal_mod.user_data_dir() == tmp_path / "home" / ".local" / "share" / "cpptool"
    monkeypatch.setenv("CPPTOOL_DATA_DIR", str(tmp_path / "mine"))
    assert cal_mod.user_data_dir() == tmp_path / "mine"
