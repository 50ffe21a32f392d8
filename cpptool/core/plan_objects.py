"""The plan as the rules read it: light objects built from a plan's YAML without pydantic.

The pydantic models (plan.py, plan_record.py, plan_types.py) stay the one definition of the plan
format. `make schema` writes their shape, as pydantic itself validates it (its core schema), into
plan_shape.py; this module builds one class per model from that shape (same names, same fields,
the methods in plan_format.py) and reads a plan into them.

Building pydantic's validators costs about 150 ms at every start, most of a pre-commit check of
one edited plan, so `read` takes the plain path itself, but only where it is certain what pydantic
would make of every value: exact types (text, dates, true/false, lists, mappings with known keys),
whole numbers where text goes (made text, as pydantic does), constraints it can decide. Anything
else (a date written in quotes, "yes" for true, an unknown key, a missing field) is `Unsure`, and
the caller asks pydantic, whose answer (the plan, or the errors) is then the answer. So is every
plan while plan_shape.py is older than the models it was made from (a checkout where the models
were edited and `make schema` not run). tests/core/test_plan_objects.py holds the two readings equal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from cpptool.core.plan_format import (  # noqa: F401 - Unsure and StrictFail are this module's answers too
    AFTER, METHODS, PATTERNS, StrictFail, Unsure, model_digest,
)
from cpptool.core.plan_shape import FORMAT_2, FORMAT_2_VALUES, MODELS, MODEL_DIGEST, ROOT

# ---------------------------------------------------------------------------------------------
# The classes


class PlanObject:
    """A part of a plan: its fields as attributes, as on the pydantic model of the same name."""

    __slots__ = ()
    FIELDS: tuple[str, ...] = ()
    __hash__ = None  # as pydantic's models: equal by value, so not hashable

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.FIELDS)

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.FIELDS)
        return f"{type(self).__name__}({inner})"


def _make_class(name: str, fields: tuple) -> type:
    names = tuple(f[0] for f in fields)
    bases = (METHODS[name], PlanObject) if name in METHODS else (PlanObject,)
    # Instances keep their fields in __dict__, which the reader fills in one step.
    cls = type(name, bases, {"FIELDS": names, "__module__": __name__, "__qualname__": name,
                             "FORMAT_2_VALUES": FORMAT_2_VALUES.get(name, {})})
    return cls


CLASSES: dict[str, type] = {name: _make_class(name, fields) for name, fields in MODELS.items()}
assert not set(CLASSES) & set(globals()), "a model's name is taken in plan_objects"
globals().update(CLASSES)  # Plan, Child, Action ...: picklable by name, like any class


# ---------------------------------------------------------------------------------------------
# Reading raw data (the loader's dicts and lists) into the classes


# Types pydantic's strict reading never takes for each kind of value (so a union can rule it out).
_NOT_TEXT = (int, float, bool, dt.date, list, dict, type(None))
_NOT_DATE = (str, int, float, bool, list, dict, type(None))
_NOT_BOOL = (str, int, float, dt.date, list, dict, type(None))

Check = Callable[[Any, bool], Any]  # (value, strict) -> the value as the model holds it


def _compile(node: tuple) -> Check:
    kind = node[0]
    if kind == "str":
        return _text(node[1], node[2])
    if kind == "date":
        def date(v: Any, strict: bool) -> Any:
            if type(v) is dt.date:
                return v
            raise StrictFail if strict and type(v) in _NOT_DATE else Unsure
        return date
    if kind == "bool":
        def boolean(v: Any, strict: bool) -> Any:
            if type(v) is bool:
                return v
            raise StrictFail if strict and type(v) in _NOT_BOOL else Unsure
        return boolean
    if kind == "literal":
        return _literal(node[1])
    if kind == "nullable":
        inner = _compile(node[1])
        return lambda v, strict: None if v is None else inner(v, strict)
    if kind == "list":
        item = _compile(node[1])

        def items(v: Any, strict: bool) -> Any:
            if type(v) is not list:
                raise Unsure
            return [item(i, strict) for i in v]
        return items
    if kind == "union":
        return _union([_compile(c) for c in node[1]])
    if kind == "after":
        after, inner = AFTER[node[1]], _compile(node[2])
        return lambda v, strict: after(inner(v, strict))
    if kind == "model":
        name = node[1]
        return lambda v, strict: _READERS[name](v)
    raise ValueError(f"plan_shape: unknown kind {kind!r}")


def _text(max_length: int | None, pattern: str | None) -> Check:
    decide = PATTERNS[pattern][1] if pattern else None

    def text(v: Any, strict: bool) -> Any:
        t = type(v)
        if t is not str:
            if (t is int or t is float) and not strict:
                v = str(v)  # coerce_numbers_to_str, as pydantic's lax reading does
            else:
                raise StrictFail if strict and t in _NOT_TEXT else Unsure
        if max_length is not None and len(v) > max_length:
            raise StrictFail
        if (max_length is not None or decide is not None) and not v.isascii() and not _encodes(v):
            raise StrictFail  # a lone surrogate: pydantic cannot check the constraint, and refuses it
        if decide is not None:
            matched = decide(v)
            if matched is None:
                raise Unsure
            if not matched:
                raise StrictFail
        return v
    return text


def _literal(expected: tuple) -> Check:
    kinds = {type(e) for e in expected}
    one_kind = next(iter(kinds)) if len(kinds) == 1 else None

    def literal(v: Any, strict: bool) -> Any:
        if type(v) in kinds and v in expected:
            return v
        raise StrictFail if type(v) is one_kind else Unsure
    return literal


def _union(choices: list[Check]) -> Check:
    # pydantic's smart union takes a choice its strict reading accepts; where exactly one does and
    # every other certainly refuses, that is the answer. Anything less certain is pydantic's to say.
    def union(v: Any, strict: bool) -> Any:
        found = []
        for choice in choices:
            try:
                found.append(choice(v, True))
            except StrictFail:
                continue
        if len(found) != 1:
            raise Unsure
        return found[0]
    return union


def _reader(name: str, fields: tuple) -> Callable[[Any], Any]:
    cls = CLASSES[name]
    new = object.__new__
    keys = frozenset(f[1] for f in fields)
    required = frozenset(key for _, key, default, _ in fields if default == "required")
    fixed = {attr: default[1] for attr, _, default, _ in fields if isinstance(default, tuple)}
    lists = tuple(attr for attr, _, default, _ in fields if default == "list")
    checks = {key: (attr, _compile(node)) for attr, key, _, node in fields}

    def read_model(data: Any) -> Any:
        # Not a mapping, a key the model does not have (or a field named by its Python name), or
        # a field missing: pydantic's to report.
        if type(data) is not dict or not keys.issuperset(data) or not required.issubset(data):
            raise Unsure
        values = fixed.copy()
        for attr in lists:
            values[attr] = []
        for key, value in data.items():
            attr, check = checks[key]
            values[attr] = check(value, False)
        obj = new(cls)
        obj.__dict__ = values
        return obj
    return read_model


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_READERS: dict[str, Callable[[Any], Any]] = {name: _reader(name, fields) for name, fields in MODELS.items()}
_current: list[bool] = []


def read(data: Any) -> Any:
    """The plan in `data` (a plan file's YAML as dicts and lists), as pydantic would read it;
    raises Unsure where only pydantic can say."""
    if not _current:
        _current.append(model_digest() == MODEL_DIGEST)
    if not _current[0]:
        raise Unsure  # the shape is older than the models: only they can say
    return _READERS[ROOT](data)


def from_model(model: Any) -> Any:
    """The same plan as light objects, from pydantic's reading of it."""
    return _convert(model, ("model", ROOT))


def _convert(value: Any, node: tuple) -> Any:
    kind = node[0]
    if value is None:
        return None
    if kind == "nullable":
        return _convert(value, node[1])
    if kind == "list":
        return [_convert(v, node[1]) for v in value]
    if kind != "model":
        return value
    cls = CLASSES[node[1]]
    obj = cls.__new__(cls)
    for attr, _key, _default, inner in MODELS[node[1]]:
        setattr(obj, attr, _convert(getattr(value, attr), inner))
    return obj


# ---------------------------------------------------------------------------------------------
# Questions about the format, answered from the shape


def _model_of(node: tuple) -> str | None:
    kind = node[0]
    if kind == "model":
        return node[1]
    if kind in ("nullable", "list"):
        return _model_of(node[1])
    return None  # text, dates, true/false, fixed values and their unions hold no model


def _field(model: str, key: Any) -> tuple | None:
    for field in MODELS[model]:
        if key == field[1] or key == field[0]:  # the key, or the field's Python name (pydantic takes both)
            return field
    return None


def allowed_keys(parent: tuple) -> list[str]:
    """The keys allowed at `parent` (a YAML path into a plan), or [] when it is not a mapping."""
    model: str | None = ROOT
    for item in parent:
        if isinstance(item, int):
            continue
        field = _field(model, item) if model else None
        if field is None:
            return []
        model = _model_of(field[3])
        if model is None:
            return []
    return [f[1] for f in MODELS[model]]


def format_2_paths(data: Any) -> list[tuple]:
    """The YAML paths in `data` (a plan's raw mapping) that use a field or value added in plan
    format 2, for refusing them in a format 1 plan."""
    found: list[tuple] = []
    _walk(data, ROOT, (), found)
    return found


def _walk(data: Any, model: str, path: tuple, found: list) -> None:
    if not isinstance(data, dict):
        return
    values = FORMAT_2_VALUES.get(model, {})
    newer = FORMAT_2.get(model, ())
    for key, value in data.items():
        field = _field(model, key)
        if field is None:
            continue
        if field[0] in newer:
            found.append(path + (key,))
            continue
        if key in values and isinstance(value, str) and value in values[key]:
            found.append(path + (key,))
        inner = _model_of(field[3])
        if inner is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                _walk(item, inner, path + (key, i), found)
        else:
            _walk(value, inner, path + (key,), found)
