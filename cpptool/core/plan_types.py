"""The building blocks of the plan format, shared by plan.py (the plan) and plan_record.py (its life).

Both modules build their models from these, so neither imports the other's internals. `since` marks
a field added in plan format 2: a format 1 plan that uses one is refused with a pointer to
`cpptool migrate` (see plan_objects.format_2_paths).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal, Optional, Union

# Plans hold children's personal data: no pydantic plugin installed beside cpptool (an
# observability one, say, that records what it validates) may see them. Read when a model is built.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints  # noqa: E402
from pydantic_core import PydanticCustomError  # noqa: E402

from cpptool.core.plan_format import PATTERNS, date_like  # noqa: E402

Id = Annotated[
    str,
    StringConstraints(pattern=PATTERNS["id"][0]),
    Field(description="A short identifier, e.g. m1, a3 or mum: a letter, then letters, digits, - or _."),
]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Date = Annotated[dt.date, Field(description="A date written as YYYY-MM-DD, e.g. 2026-11-23.")]


def _no_impossible_date(value: str) -> str:
    if date_like(value):
        raise PydanticCustomError("not_a_real_date", "this is not a real date (the month has no such day)")
    return value


# `cpptool new` leaves "TO DO: ..." where a yes/no answer is not known yet, rather than guessing
# one that would satisfy the rules; `cpptool check` reports it (CPP-Q008) until it is answered.
Placeholder = Annotated[str, StringConstraints(pattern=PATTERNS["placeholder"][0]),
                        Field(description="A placeholder ('TO DO: ...') until the answer is known.")]
YesNo = Union[bool, Placeholder]

# A due date, or a written timescale such as "every week"; rules judge vague ones ("ongoing").
DateOrText = Union[dt.date, Annotated[Text, AfterValidator(_no_impossible_date)]]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, coerce_numbers_to_str=True, defer_build=True)


def since2(description: str, example: Any, *, many: bool = False) -> Any:
    """A field added in plan format 2: optional (None, or an empty list when `many`), described,
    with an example for editors."""
    extra: dict[str, Any] = {"description": f"{description} (plan format 2)", "examples": [example],
                             "json_schema_extra": {"x-cpptool-format": 2}}
    return Field(default_factory=list, **extra) if many else Field(None, **extra)


def is_format_2(info: Any) -> bool:
    """Whether a model field was added in plan format 2 (made with `since2`)."""
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("x-cpptool-format") == 2


class Dissent(Model):
    """A recorded disagreement and its reasons."""

    by: Text = Field(description="A core group member id, or who disagreed.")
    about: Optional[Text] = None
    reasons: Optional[Text] = None


FormatVersion = Literal[1, 2]
