"""What the plan format says besides its fields' shape: its version, the checks its text values
get (identifiers, "TO DO" placeholders, text shaped like a date), what its parts do (the methods
the models and the plain reading share), and a digest of the models' source.

Both the pydantic models (plan.py, plan_record.py, plan_types.py) and the plain reading
(plan_objects.py) take these from here, and so does the generator of plan_shape.py
(schema.py), which therefore never needs the shape it is writing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

from cpptool.core.patterns import LazyPattern

FORMAT_VERSION = 2
FORMATS = (1, 2)

# A value shaped like a date that is not one ("2023-02-31") is refused where text is allowed too.
DATE_LIKE = LazyPattern(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")


def date_like(text: str) -> bool:
    """Whether text where a date or text may go is shaped like a date (so is refused as text).
    The models' validator (plan_types) and the plain reading both ask this."""
    return DATE_LIKE.match(text) is not None


class Unsure(Exception):
    """Only pydantic can say what this value becomes (or whether it is allowed)."""


class StrictFail(Unsure):
    """pydantic's strict reading certainly refuses this value (its lax reading might not)."""


# ---------------------------------------------------------------------------------------------
# What the models do besides holding fields: one definition, shared with the pydantic models.


class AssessmentMethods:
    __slots__ = ()

    # One answer for every rule and the caseload: format 1 marks a risk assessment with a flag,
    # format 2 with its kind; a completed date means done even where the status was not updated.
    @property
    def is_risk(self) -> bool:
        return self.risk_assessment or self.kind == "risk"

    @property
    def is_done(self) -> bool:
        return self.status == "done" or self.completed is not None


class PlanMethods:
    __slots__ = ()

    def member(self, member_id: str | None) -> Any:
        for m in self.core_group:
            if m.id == member_id:
                return m
        return None


class DateToAvoidMethods:
    __slots__ = ()

    def days(self) -> tuple[dt.date, dt.date] | None:
        if self.date is not None:
            return self.date, self.date
        if self.from_ is not None:
            return self.from_, self.to or self.from_
        return None


METHODS: dict[str, type] = {"Assessment": AssessmentMethods, "Plan": PlanMethods, "DateToAvoid": DateToAvoidMethods}


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    """Whole years between a date of birth and `day`; None for an unborn child."""
    if born is None or born > day:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# ---------------------------------------------------------------------------------------------
# The checks text values get, as pydantic makes them (plan_objects decides them itself)


def _placeholder(text: str) -> bool | None:
    """Whether `text` matches ^\\s*TO DO\\b as pydantic's (Rust) regex does: None where the two
    engines might disagree (Unicode spaces and word characters)."""
    rest = text.lstrip(" \t\r\n")
    if not rest.startswith("TO DO"):
        return None if rest[:1] and (not rest[0].isascii() or rest[0] in "\x0b\x0c") else False
    after = rest[5:6]
    if after == "":
        return True
    if not after.isascii():
        return None
    return not (after.isalnum() or after == "_")


_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"
_ID = re.compile(_ID_PATTERN[1:-1])  # ASCII only, so Python's fullmatch decides it as Rust's ^...$ does

# Each pattern the models use, and how to decide it: True, False, or None (ask pydantic).
PATTERNS: dict[str, tuple[str, Callable[[str], bool | None]]] = {
    "id": (_ID_PATTERN, lambda s: _ID.fullmatch(s) is not None),
    "placeholder": (r"^\s*TO DO\b", _placeholder),
}


def _not_a_real_date(text: str) -> str:
    if date_like(text):
        raise StrictFail
    return text


AFTER: dict[str, Callable[[str], str]] = {"not_a_real_date": _not_a_real_date}


MODEL_FILES = ("plan.py", "plan_record.py", "plan_types.py")


def model_digest() -> str:
    """A digest of the plan model's source (line ends aside), as plan_shape.MODEL_DIGEST records it;
    '' where the source cannot be read. It tells a stale plan_shape.py from a current one, no more,
    so a CRC will do: it costs a check no hashlib import (zlib is loaded already)."""
    import zlib

    crc = 0
    for name in MODEL_FILES:
        try:
            crc = zlib.crc32((Path(__file__).parent / name).read_bytes().replace(b"\r\n", b"\n"), crc)
        except OSError:
            return ""
    return f"crc32:{crc:08x}"
