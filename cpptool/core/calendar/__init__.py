"""The working-day calendar: bank holidays, local closures and deadline arithmetic.

A wrong date here is a wrong statutory deadline for a child. The package is pure core: it
never prints and never exits; problems are CpptoolError. It stays cheap to import: `holidays`
and `ruamel.yaml` are imported only when needed.

* dates: strict date text, month arithmetic, unit words
* holiday_lists: the official GOV.UK list, the user's updated copy, the rules fallback
* closures: the local office closures file
* working: the Calendar and its working-day arithmetic, loading with a cache
"""

from __future__ import annotations

from cpptool.core.calendar.dates import UNITS, add_months, parse_date, units_text, years_text
from cpptool.core.calendar.holiday_lists import (
    CALENDARS,
    DivisionChanges,
    ListUpdate,
    rules_bank_holidays,
    update_bank_holidays,
    user_data_dir,
    user_list_path,
)
from cpptool.core.calendar.working import (
    COUNTINGS,
    ROLLS,
    Calendar,
    Explanation,
    NonWorkingDay,
    clear_cache,
    coverage_warning,
    load_calendar,
    load_closures,
)

__all__ = [
    "CALENDARS",
    "COUNTINGS",
    "ROLLS",
    "UNITS",
    "Calendar",
    "DivisionChanges",
    "Explanation",
    "ListUpdate",
    "NonWorkingDay",
    "clear_cache",
    "coverage_warning",
    "load_calendar",
    "load_closures",
    "parse_date",
    "rules_bank_holidays",
    "update_bank_holidays",
    "user_data_dir",
    "user_list_path",
    "add_months",
    "units_text",
    "years_text",
]
