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

import importlib
from typing import TYPE_CHECKING, Any

# Each name loads its own module when first used, so reading --as-of (a cached check of one plan)
# does not load the holiday lists and the working-day arithmetic.
_HOME = {
    "dates": ("UNITS", "add_months", "parse_date", "units_text", "years_text"),
    "holiday_lists": ("CALENDARS", "DivisionChanges", "ListUpdate", "rules_bank_holidays",
                      "update_bank_holidays", "user_data_dir", "user_list_path"),
    "working": ("COUNTINGS", "ROLLS", "Calendar", "Explanation", "NonWorkingDay", "clear_cache",
                "coverage_warning", "load_calendar", "load_closures"),
}
_MODULE_OF = {name: module for module, names in _HOME.items() for name in names}

__all__ = sorted(_MODULE_OF)

if TYPE_CHECKING:
    from cpptool.core.calendar.dates import UNITS, add_months, parse_date, units_text, years_text  # noqa: F401
    from cpptool.core.calendar.holiday_lists import (  # noqa: F401
        CALENDARS, DivisionChanges, ListUpdate, rules_bank_holidays, update_bank_holidays, user_data_dir,
        user_list_path,
    )
    from cpptool.core.calendar.working import (  # noqa: F401
        COUNTINGS, ROLLS, Calendar, Explanation, NonWorkingDay, clear_cache, coverage_warning, load_calendar,
        load_closures,
    )


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
