"""Generate the files `make schema` writes:

- schemas/plan.schema.json, the JSON schema editors and check-jsonschema use
  (`python -m cpptool.core.schema`);
- cpptool/core/plan_shape.py, the model's shape as pydantic validates it (its core schema), from
  which cpptool/core/plan_objects.py reads plans without building pydantic's validators
  (`python -m cpptool.core.schema --shape`). Making it never imports the shape it replaces;
- cpptool/data/shipped.json, the shipped YAML data as JSON, which reads ten times quicker
  (`python -m cpptool.core.schema --shipped`; see cpptool/core/shipped.py);
- cpptool/core/compiled/*.py, the report's templates compiled by Jinja2
  (`python -m cpptool.core.schema --template NAME`; see cpptool/core/compiled).

All are checked in; tests fail when any drifts from its source.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://cpptool.invalid/schemas/plan.schema.json"


def plan_schema() -> dict:
    from cpptool.core.plan import Plan

    schema = Plan.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# The shape: every model, field and constraint pydantic validates, in the few kinds
# plan_objects knows. Anything else stops the generator, so a model change that the plain
# reading does not understand cannot pass unnoticed.

_CONFIG = {"extra_fields_behavior": "forbid", "coerce_numbers_to_str": True, "validate_by_alias": True,
           "validate_by_name": True}
_SCALARS = ("str", "date", "bool", "literal")


class ShapeError(Exception):
    pass


def plan_shape() -> dict[str, Any]:
    from cpptool.core.plan import Plan

    Plan.model_rebuild()
    return _Shape(Plan.__pydantic_core_schema__).read()


class _Shape:
    """Reads pydantic's core schema of the plan into plan_shape's few kinds."""

    def __init__(self, core: dict) -> None:
        from cpptool.core.plan_format import AFTER, PATTERNS
        from cpptool.core.plan_types import _no_impossible_date

        self.refs: dict[str, dict] = {}
        if core["type"] == "definitions":
            self.refs = {d["ref"]: d for d in core["definitions"]}
            core = core["schema"]
        self.core = core
        self.patterns = {text: name for name, (text, _) in PATTERNS.items()}
        # Each validator the models run, and the check in plan_format.AFTER that decides as it does.
        self.afters = {_no_impossible_date: "not_a_real_date"}
        assert set(self.afters.values()) <= set(AFTER)
        self.models: dict[str, tuple] = {}
        self.format_2: dict[str, tuple] = {}
        self.format_2_values: dict[str, dict] = {}
        self.classes: dict[str, type] = {}

    def read(self) -> dict[str, Any]:
        root = self.kind(self.core, "Plan")
        return {"ROOT": root[1], "MODELS": self.models, "FORMAT_2": self.format_2,
                "FORMAT_2_VALUES": self.format_2_values}

    def model(self, node: dict) -> str:
        from cpptool.core.plan_types import is_format_2

        cls = node["cls"]
        name = cls.__name__
        if self.classes.setdefault(name, cls) is not cls:
            raise ShapeError(f"two models are called {name}")
        if name in self.models:
            return name
        self.models[name] = ()  # a place kept while its fields are read (models nest)
        config = {k: v for k, v in node["config"].items() if k != "title"}
        if config != _CONFIG or node.get("custom_init") or node.get("root_model"):
            raise ShapeError(f"{name}: model settings the plain reading does not know: {node['config']}")
        inner = node["schema"]
        if inner["type"] != "model-fields" or inner.get("computed_fields"):
            raise ShapeError(f"{name}: not plain fields")
        _only(inner, {"type", "fields", "model_name", "computed_fields"}, name)
        self.models[name] = tuple(self.field(f"{name}.{attr}", attr, spec) for attr, spec in inner["fields"].items())
        newer = tuple(a for a, info in cls.model_fields.items() if is_format_2(info))
        if newer:
            self.format_2[name] = newer
        values = getattr(cls, "FORMAT_2_VALUES", None)
        if values:
            self.format_2_values[name] = {k: tuple(sorted(v)) for k, v in values.items()}
        return name

    def field(self, where: str, attr: str, spec: dict) -> tuple:
        _only(spec, {"type", "schema", "metadata", "validation_alias", "serialization_alias"}, where)
        key = spec.get("validation_alias", attr)
        if not isinstance(key, str):
            raise ShapeError(f"{where}: an alias path")
        schema = spec["schema"]
        default: Any = "required"
        if schema["type"] == "default":
            _only(schema, {"type", "schema", "default", "default_factory", "default_factory_takes_data"}, where)
            if "default_factory" in schema:
                if schema["default_factory"] is not list or schema.get("default_factory_takes_data"):
                    raise ShapeError(f"{where}: a default made by {schema['default_factory']}")
                default = "list"
            else:
                value = schema["default"]
                if value is not None and type(value) not in (str, bool, int):
                    raise ShapeError(f"{where}: a default that is not a plain value")
                default = ("=", value)
            schema = schema["schema"]
        return (attr, key, default, self.kind(schema, where))

    def kind(self, node: dict, where: str, in_union: bool = False) -> tuple:
        t = node["type"]
        if t == "definition-ref":
            return self.kind(self.refs[node["schema_ref"]], where, in_union)
        if t == "model" and not in_union:
            _only(node, {"type", "cls", "config", "custom_init", "metadata", "ref", "root_model", "schema"}, where)
            return ("model", self.model(node))
        if t in ("str", "date", "bool", "literal"):
            return self.scalar(node, where)
        if t in ("nullable", "list") and not in_union:
            _only(node, {"type", "schema", "items_schema", "metadata"}, where)
            return (t, self.kind(node["schema" if t == "nullable" else "items_schema"], where))
        if t == "union" and not in_union:
            _only(node, {"type", "choices", "metadata"}, where)
            choices = tuple(self.kind(c, where, in_union=True) for c in node["choices"])
            if not all(c[0] in _SCALARS or c[0] == "after" for c in choices):
                raise ShapeError(f"{where}: a union of other than text, dates, true/false and fixed values")
            return ("union", choices)
        if t == "function-after":
            _only(node, {"type", "function", "schema", "metadata"}, where)
            function = node["function"]
            if function.get("type") != "no-info" or function.get("function") not in self.afters:
                raise ShapeError(f"{where}: a validator the plain reading does not know: {function}")
            inner = self.kind(node["schema"], where, in_union)
            if inner[0] != "str":
                raise ShapeError(f"{where}: a validator on {inner[0]!r}; the plain reading runs them on text only")
            return ("after", self.afters[function["function"]], inner)
        raise ShapeError(f"{where}: {t!r} is not a kind the plain reading knows" + (" in a union" if in_union else ""))

    def scalar(self, node: dict, where: str) -> tuple:
        t = node["type"]
        if t == "str":
            _only(node, {"type", "max_length", "pattern", "metadata"}, where)
            pattern = node.get("pattern")
            if pattern is not None and pattern not in self.patterns:
                raise ShapeError(f"{where}: pattern {pattern!r} is not in plan_format.PATTERNS")
            return ("str", node.get("max_length"), self.patterns.get(pattern) if pattern else None)
        if t == "literal":
            _only(node, {"type", "expected", "metadata"}, where)
            expected = tuple(node["expected"])
            if not expected or not all(type(e) in (str, int) for e in expected):
                raise ShapeError(f"{where}: literal values other than text and whole numbers")
            return ("literal", expected)
        _only(node, {"type", "metadata"}, where)
        return (t,)


def _only(node: dict, allowed: set, where: str) -> None:
    extra = set(node) - allowed
    if extra:
        raise ShapeError(f"{where}: settings the plain reading does not know: {sorted(extra)}")


def shape_text() -> str:
    from cpptool.core.plan_format import model_digest

    shape = plan_shape()
    out = ['"""The plan model\'s shape, as pydantic validates it: GENERATED by `make schema` from',
           "cpptool/core/plan.py (cpptool/core/schema.py). Do not edit; tests fail when it drifts.",
           "",
           "MODELS: each model's fields as (attribute, key in the YAML, default, kind); default is",
           "'required', 'list' (an empty list) or ('=', value). Kinds: ('str', max length, pattern name),",
           "('date',), ('bool',), ('literal', values), ('nullable', kind), ('list', kind),",
           "('union', kinds), ('after', check name, kind), ('model', name).",
           '"""',
           "",
           f"ROOT = {shape['ROOT']!r}",
           "",
           "MODELS = {"]
    for name, fields in shape["MODELS"].items():
        out.append(f"    {name!r}: (")
        out += [f"        {field!r}," for field in fields]
        out.append("    ),")
    out += ["}", "", "FORMAT_2 = {  # the fields plan format 2 added, by model"]
    out += [f"    {name!r}: {fields!r}," for name, fields in shape["FORMAT_2"].items()]
    out += ["}", "", "FORMAT_2_VALUES = {  # the values plan format 2 added, by model and field"]
    out += [f"    {name!r}: {values!r}," for name, values in shape["FORMAT_2_VALUES"].items()]
    out += ["}", "", "# The models' source this was made from (plan_objects reads every plan by pydantic when it differs).",
            f"MODEL_DIGEST = {model_digest()!r}", ""]
    return "\n".join(out)


def shipped_text() -> str:
    """cpptool/data/shipped.json (see cpptool/core/shipped.py): the data of every shipped YAML
    file, as read from the YAML itself."""
    import zlib

    from cpptool.core import shipped
    from cpptool.core.yamlsafe import load_yaml

    files: dict[str, dict] = {}
    for folder in shipped.FOLDERS:
        for file in sorted((shipped.PACKAGE / folder).glob("*.yaml")):
            raw = file.read_bytes()
            with shipped.set_aside():  # from the YAML, never from an older bundle
                data = load_yaml(raw.decode("utf-8"), str(file))
            text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
            if not _same(json.loads(text), data):
                raise SystemExit(f"{file.name}: holds values JSON cannot keep (dates?); leave it out of shipped.FOLDERS")
            files[f"{folder}/{file.name}"] = {"size": len(raw), "crc32": zlib.crc32(raw), "json": text}
    # The bank holiday list is JSON already: its entry only says that it passed every check.
    from cpptool.core.calendar.holiday_lists import parse_list, shipped_list_path

    raw = shipped_list_path().read_bytes()
    parse_list(raw.decode("utf-8"), str(shipped_list_path()), fix="correct the list")  # refuses a bad one
    files["data/uk-bank-holidays.json"] = {"size": len(raw), "crc32": zlib.crc32(raw), "checked": True}
    return json.dumps({"made_by": "python -m cpptool.core.schema --shipped (make schema)", "files": files},
                      ensure_ascii=False, indent=1) + "\n"


def _same(a: Any, b: Any) -> bool:
    """Equal in value and type all the way down (1 == True is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def compiled_template_text(name: str) -> str:
    """cpptool/core/compiled/<module>.py: the report template `name` compiled to Python by the
    report's own sandbox, so a report run need not compile it (see cpptool/core/compiled)."""
    import zlib

    import jinja2

    from cpptool.core import team_page

    source = team_page.template_source(name)
    code = team_page.environment().compile(source.decode("utf-8"), name, raw=True, defer_init=True)
    return "\n".join([
        f'"""templates/report/{name}, compiled by Jinja2 {jinja2.__version__}: GENERATED by `make schema`',
        '(cpptool/core/schema.py). Do not edit; tests fail when it drifts from the template."""',
        "", code.rstrip("\n"), "",
        "# What it was made from: team_page uses it only while all three are the same.",
        f"SOURCE_CRC32 = {zlib.crc32(source)}",
        f"JINJA_VERSION = {jinja2.__version__!r}",
        f"SANDBOX = {team_page.sandbox_settings()!r}", ""])


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--template"]:
        sys.stdout.write(compiled_template_text(sys.argv[2]))
        raise SystemExit(0)
    making = {"--shape": shape_text, "--shipped": shipped_text}.get(sys.argv[1] if sys.argv[1:] else "", schema_text)
    sys.stdout.write(making())
