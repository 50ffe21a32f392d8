"""Generate schemas/plan.schema.json from the plan model: `python -m cpptool.core.schema`."""

from __future__ import annotations

import json

SCHEMA_ID = "https://cpptool.invalid/schemas/plan.schema.json"


def plan_schema() -> dict:
    from cpptool.core.plan import Plan

    schema = Plan.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
