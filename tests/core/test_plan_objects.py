"""The plain reading of a plan (plan_objects) says what pydantic says, or says it is unsure.

plan_objects reads plans without building pydantic's validators. It may only answer where it is
certain: every plan it reads must be one pydantic accepts, read into the same values of the same
types. Where it is unsure, pydantic's own reading is used. These tests hold the two readings
equal: on every plan in the repository, on single tricky values in every kind of field, and on
randomly mutated plans.
"""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import COMPLETE, OUTLINE, ROOT, load_yaml
from cpptool.core import plan_format, plan_objects, plan_shape, schema
from cpptool.core.loader import load_plan
from cpptool.core.plan import Plan


def _typed(value):
    """A value with the type of every part spelled out (True and 1, a date and its text, differ)."""
    fields = getattr(type(value), "FIELDS", None) or getattr(type(value), "model_fields", None)
    if fields is not None:
        return (type(value).__name__, {f: _typed(getattr(value, f)) for f in fields})
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _pydantic(data):
    """pydantic's reading: the model, or None when it refuses the data."""
    from pydantic import ValidationError

    try:
        return Plan.model_validate(data)
    except ValidationError:
        return None


def _agrees(data) -> bool:
    """Assert the plain reading agrees with pydantic's; return whether it was sure."""
    try:
        plain = plan_objects.read(data)
    except plan_objects.Unsure:
        return False
    model = _pydantic(data)
    assert model is not None, "the plain reading accepted a plan pydantic refuses"
    assert _typed(plain) == _typed(model)
    assert _typed(plan_objects.from_model(model)) == _typed(plain)
    return True


def test_the_shape_file_matches_the_model():
    assert Path(plan_shape.__file__).read_text(encoding="utf-8") == schema.shape_text(), \
        "cpptool/core/plan_shape.py is stale: run `make schema`"


def _corpus() -> list[Path]:
    files = sorted(ROOT.glob("examples/**/*.y*ml")) + sorted(ROOT.glob("tests/**/*.y*ml"))
    return [p for p in files if ".venv" not in p.parts]


@pytest.mark.parametrize("file", _corpus(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_is_read_alike(file):
    loaded = load_plan(file)
    if isinstance(loaded.data, dict):
        _agrees(loaded.data)


@pytest.mark.parametrize("file", [COMPLETE, OUTLINE])
def test_the_examples_are_read_without_pydantic(file):
    """The plain reading is sure of a plan written as people write them (else it saves nothing)."""
    assert _agrees(load_plan(file).data)


def test_what_pydantic_reads_becomes_the_same_objects():
    """A plan only pydantic can read (a date in quotes) still reaches the rules as plan objects."""
    data = load_yaml(COMPLETE)
    data["child"]["date_of_birth"] = "2018-05-14"
    with pytest.raises(plan_objects.Unsure):
        plan_objects.read(data)
    loaded = load_plan_bytes_of(data)
    assert type(loaded.plan) is plan_objects.Plan and not loaded.problems
    assert loaded.plan.child.date_of_birth == dt.date(2018, 5, 14)

    def classes(value):
        if isinstance(value, plan_objects.PlanObject):
            yield type(value)
            for f in value.FIELDS:
                yield from classes(getattr(value, f))
        elif isinstance(value, list):
            for v in value:
                yield from classes(v)
    assert {c.__module__ for c in classes(loaded.plan)} == {"cpptool.core.plan_objects"}


def load_plan_bytes_of(data):
    from cpptool.core.loader import LoadedPlan, load_plan_bytes
    from tests.conftest import yaml_text

    return load_plan_bytes(yaml_text(data).encode("utf-8"), LoadedPlan(file="p.yaml"))


def test_a_shape_older_than_the_models_leaves_every_plan_to_pydantic(monkeypatch):
    """Where the models were edited and `make schema` not run, the plain reading answers nothing."""
    assert plan_format.model_digest() == plan_shape.MODEL_DIGEST
    data = load_plan(COMPLETE).data
    monkeypatch.setattr(plan_objects, "_current", [False])
    with pytest.raises(plan_objects.Unsure):
        plan_objects.read(data)
    loaded = load_plan(COMPLETE)
    assert type(loaded.plan) is plan_objects.Plan and loaded.plan == plan_objects.from_model(Plan.model_validate(data))


def test_a_changed_model_file_changes_the_digest(tmp_path, monkeypatch):
    for name in plan_format.MODEL_FILES:
        (tmp_path / name).write_bytes((Path(plan_format.__file__).parent / name).read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(plan_format, "__file__", str(tmp_path / "plan_format.py"))
    assert plan_format.model_digest() == plan_shape.MODEL_DIGEST  # line ends aside
    with (tmp_path / "plan.py").open("ab") as f:
        f.write(b"# an edit\n")
    assert plan_format.model_digest() not in ("", plan_shape.MODEL_DIGEST)
    (tmp_path / "plan.py").unlink()
    assert plan_format.model_digest() == ""


def test_plan_objects_compare_copy_and_pickle_by_value():
    plan = plan_objects.read(load_plan(COMPLETE).data)
    again = plan_objects.read(load_plan(COMPLETE).data)
    assert plan == again and plan is not again
    assert pickle.loads(pickle.dumps(plan)) == plan
    again.child.name = "Someone Else"
    assert plan != again
    with pytest.raises(TypeError):
        hash(plan)
    lead = plan.member(plan.lead_social_worker)
    assert lead.id == plan.lead_social_worker and any(m is lead for m in plan.core_group)
    assert plan.member("nobody") is None
    assert repr(plan.child).startswith("Child(id=")


# ---------------------------------------------------------------------------------------------
# One value at a time, in every kind of field

FIELDS = {
    "yes/no or TO DO": ("conference", "decision", "threshold_met"),
    "date or text": ("actions", 0, "due"),
    "short/long or TO DO": ("outcomes", 0, "term"),
    "text": ("child", "id"),
    "id": ("core_group", 0, "id"),
    "date": ("conference", "date"),
    "true/false": ("conference", "pre_birth"),
    "fixed values": ("actions", 0, "status"),
    "format": ("format",),
    "list of text": ("strengths",),
    "optional date": ("child", "date_of_birth"),
}
TRICKY = [
    True, False, 0, 1, 2, -3, 10 ** 40, 1.5, 1e16, float("nan"), float("inf"), -0.0, None, "", " ",
    "yes", "no", "on", "off", "true", "1", "0", "t", "TO DO", "TO DO: ask", "  TO DO x", "\tTO DO", "\nTO DO",
    "TO DOx", "TO DO_", "TO DO9", "TO DO\u00e9", "\u00a0TO DO", "\u2003TO DO", "\x0bTO DO", "\x0cTO DO",
    "\x1cTO DO", "\x85TO DO", "TO DO\u00a0", "TO DO\u0301", "to do", "TO  DO",
    "2026-11-23", "2026-02-30", " 2026-1-5 ", "2026-11-23T10:00", "23/11/2026", "weekly", "every 2 weeks",
    "m1", "m1\n", "1m", "a" * 64, "a" * 65, "Ab_-9", "m\u00e91", "m 1", "x" * 20_000, "x" * 20_001,
    "short", "long", "Short", "done", "in-progress", "outline", "detailed",
    dt.date(2026, 11, 23), dt.datetime(2026, 11, 23), dt.datetime(2026, 11, 23, 10, 30), dt.date(1, 1, 1),
    [], ["a"], [1], [None], ["x", 2], {}, {"a": 1},
    "\ud800", "x\udfff", "TO DO \ud800", "\ud83d\ude00",  # lone surrogates: pydantic refuses them where it checks
]


def _with(path: tuple, value):
    data = load_yaml(COMPLETE)
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize("kind", list(FIELDS))
def test_tricky_values_are_read_as_pydantic_reads_them(kind):
    sure = 0
    for value in TRICKY:
        data = _with(FIELDS[kind], value)
        try:
            sure += _agrees(data)
        except AssertionError as err:
            raise AssertionError(f"{kind}: {value!r}: {err}") from None
    assert sure > 0  # the comparison above was made, not skipped


def test_keys_the_plain_reading_leaves_to_pydantic():
    """Unknown keys, a field's Python name for its key, and a missing field are pydantic's to judge."""
    data = load_yaml(COMPLETE)
    data["needs"] = [{"need": "Speech therapy", "for_": "child"}]  # populate_by_name: pydantic takes it
    with pytest.raises(plan_objects.Unsure):
        plan_objects.read(data)
    assert _pydantic(data).needs[0].for_ == "child"
    data["needs"] = [{"need": "Speech therapy", "for": "child"}]
    assert plan_objects.read(data).needs[0].for_ == "child"
    for broken in ({**data, "colour": "blue"}, {k: v for k, v in data.items() if k != "child"}, [], None, "plan"):
        with pytest.raises(plan_objects.Unsure):
            plan_objects.read(broken)


def test_allowed_keys_and_format_2_fields_come_from_the_shape():
    assert "owner" in plan_objects.allowed_keys(("actions", 3))
    assert "for" in plan_objects.allowed_keys(("needs", 0))
    assert plan_objects.allowed_keys(("child", "name")) == []
    assert plan_objects.allowed_keys(("nonsense",)) == []
    data = {"format": 1, "legal": {}, "core_group": [{"id": "a", "kind": "advocate"}, {"id": "b", "kind": "parent"}],
            "record": {"meetings": [{"type": "core-group", "sent": []}]}, "needs": [{"for": "x"}]}
    assert plan_objects.format_2_paths(data) == [("legal",), ("core_group", 0, "kind"),
                                                 ("record", "meetings", 0, "sent")]


# ---------------------------------------------------------------------------------------------
# Randomly mutated plans

BASES = [load_yaml(COMPLETE), load_yaml(OUTLINE)]
VALUES = st.one_of(st.sampled_from(TRICKY), st.integers(), st.floats(), st.text(max_size=12),
                   st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.booleans(),
                   st.lists(st.sampled_from(TRICKY[:20]), max_size=3))


def _places(node, here=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield here + (k,)
            yield from _places(v, here + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield here + (i,)
            yield from _places(v, here + (i,))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(range(len(BASES))), picks=st.lists(st.tuples(st.integers(0, 10 ** 6), VALUES,
                                                                          st.sampled_from(["set", "drop", "add"])),
                                                                max_size=4))
def test_mutated_plans_are_read_as_pydantic_reads_them(base, picks):
    import copy

    data = copy.deepcopy(BASES[base])
    for n, value, how in picks:
        places = list(_places(data))
        path = places[n % len(places)]
        parent = data
        for p in path[:-1]:
            parent = parent[p]
        if how == "set":
            parent[path[-1]] = value
        elif how == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[f"{path[-1]}_x" if isinstance(path[-1], str) else "x"] = value
    _agrees(data)


def _tiny(**annotations):
    from cpptool.core.plan_types import Model

    return type("Tiny", (Model,), {"__annotations__": annotations, "__module__": __name__})


@pytest.mark.parametrize("annotation, words", [
    ("Annotated[str, StringConstraints(min_length=2)]", "min_length"),
    ("Annotated[str, StringConstraints(pattern='^x$')]", "pattern"),
    ("Union[int, str]", "'int'"),
    ("Optional[Union[dt.date, list[str]]]", "union"),
    ("Annotated[str, AfterValidator(str.strip)]", "validator"),
    ("dict[str, str]", "'dict'"),
    ("Annotated[dt.date, AfterValidator(_no_impossible_date)]", "on 'date'"),
])
def test_the_shape_refuses_what_the_plain_reading_does_not_know(annotation, words):
    """A model change the plain reading cannot decide stops `make schema` (and the drift test)."""
    from typing import Annotated, Optional, Union  # noqa: F401 - read by eval

    from pydantic import AfterValidator, StringConstraints  # noqa: F401 - read by eval

    from cpptool.core.plan_types import _no_impossible_date  # noqa: F401 - read by eval

    model = _tiny(x=eval(annotation))
    model.model_rebuild()
    with pytest.raises(schema.ShapeError, match=words):
        schema._Shape(model.__pydantic_core_schema__).read()


def test_the_shape_is_made_without_the_shape_it_replaces():
    """`make schema` must work where plan_shape.py is missing or broken (an edit gone wrong)."""
    import subprocess
    import sys

    probe = ("import sys; sys.modules['cpptool.core.plan_shape'] = None\n"  # importing it now fails
             "from cpptool.core import schema; sys.stdout.write(schema.shape_text())")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == Path(plan_shape.__file__).read_text(encoding="utf-8")
