"""Plan format 2's fields are documented in the schema: a description and an example each, and marked."""

from __future__ import annotations

import json

from conftest import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
# Models plan format 2 added whole: every field of each is documented.
NEW_MODELS = ("Sent", "MeetingDecision", "Rescheduled", "Objection", "ByLetter", "LegalPeriod", "Legal", "TransferIn",
              "TransferOut", "Countersignature", "Copy", "DateToAvoid")


def _properties():
    for name, definition in SCHEMA["$defs"].items():
        for field, spec in (definition.get("properties") or {}).items():
            yield name, field, spec
    for field, spec in SCHEMA["properties"].items():
        yield "Plan", field, spec


def test_every_format_2_field_has_a_description_and_an_example():
    marked = [(m, f, s) for m, f, s in _properties() if s.get("x-cpptool-format") == 2]
    assert len(marked) >= 30
    for model, field, spec in marked:
        assert spec.get("description", "").endswith("(plan format 2)"), (model, field)
        assert spec.get("examples"), (model, field)


def test_every_field_of_a_new_model_is_documented():
    for name in NEW_MODELS:
        assert name in SCHEMA["$defs"], name
        for field, spec in SCHEMA["$defs"][name]["properties"].items():
            assert spec.get("description") and spec.get("examples"), (name, field)


def test_the_plan_accepts_formats_1_and_2():
    assert SCHEMA["properties"]["format"]["enum"] == [1, 2]
