"""Record classes behave as the dataclasses they replace (cpptool/core/records.py)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from cpptool.core.records import field, fields, record, replace


@record(frozen=True)
class Visit:
    who: str
    day: int
    notes: tuple[str, ...] = ()
    seen: bool = True
    tags: list = field(default_factory=list)
    why: str = field(default="", repr=False, compare=False)


@record(frozen=True)
class Place:
    name: str
    floor: int
    why: str = field(default="", compare=False)


@record
class Tally:
    count: int = 0
    names: dict = field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class VisitAsDataclass:
    who: str
    day: int
    notes: tuple[str, ...] = ()
    seen: bool = True
    tags: list = dataclasses.field(default_factory=list)
    why: str = dataclasses.field(default="", repr=False, compare=False)


def test_arguments_by_place_by_name_and_by_default():
    v = Visit("worker", 3, seen=False)
    assert (v.who, v.day, v.notes, v.seen, v.tags, v.why) == ("worker", 3, (), False, [], "")
    assert Visit("a", 1).tags is not Visit("a", 1).tags  # a factory makes a new value each time
    assert Visit.notes == () and not hasattr(Visit, "tags")  # as dataclasses leave the class
    assert fields(Visit) == fields(v) == ("who", "day", "notes", "seen", "tags", "why")


@pytest.mark.parametrize("args, kwargs", [((), {"who": "a"}), (("a", 1), {"day": 2}), (("a", 1), {"nope": 1}),
                                          (("a", 1, (), True, [], "", "extra"), {})])
def test_wrong_arguments_are_refused_as_dataclasses_refuse_them(args, kwargs):
    with pytest.raises(TypeError):
        Visit(*args, **kwargs)
    with pytest.raises(TypeError):
        VisitAsDataclass(*args, **kwargs)


def test_repr_and_equality_match_a_dataclass():
    mine, theirs = Visit("a", 1, ("x",), why="hidden"), VisitAsDataclass("a", 1, ("x",), why="hidden")
    assert repr(mine).replace("Visit(", "VisitAsDataclass(", 1) == repr(theirs)
    assert "hidden" not in repr(mine)
    assert mine == Visit("a", 1, ("x",), why="other")  # `why` is not compared
    assert mine != Visit("a", 2, ("x",)) and mine != theirs and (mine == 3) is False


def test_frozen_records_refuse_changes_and_hash_by_what_they_compare():
    v = Visit("a", 1)
    with pytest.raises(AttributeError):
        v.day = 2
    with pytest.raises(AttributeError):
        del v.who
    with pytest.raises(TypeError):
        hash(v)  # its list cannot be hashed, as with a dataclass
    p = Place("a", 1)
    assert hash(p) == hash(Place("a", 1, why="other")) and len({p, Place("a", 1), Place("b", 1)}) == 2


def test_changeable_records_change_and_are_no_dict_keys():
    t = Tally()
    t.count += 1
    t.names["x"] = 1
    assert t == Tally(1, {"x": 1}) and Tally().names == {}
    with pytest.raises(TypeError):
        hash(t)


def test_replace_makes_a_new_record():
    v = Visit("a", 1, tags=["t"])
    w = replace(v, day=5)
    assert (w.day, w.who, w.tags, v.day) == (5, "a", ["t"], 1) and type(w) is Visit
    with pytest.raises(TypeError):
        replace(v, nope=1)


def test_records_pickle_for_the_worker_processes():
    v = Visit("a", 1, ("n",), tags=[1], why="w")
    back = pickle.loads(pickle.dumps(v))
    assert back == v and back.why == "w" and type(back) is Visit


def test_post_init_and_a_class_own_methods_are_kept():
    seen = []

    @record
    class Checked:
        value: int

        def __post_init__(self) -> None:
            seen.append(self.value)

        def __repr__(self) -> str:
            return "mine"

    assert repr(Checked(4)) == "mine" and seen == [4]


def test_a_field_without_a_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError):
        @record
        class Bad:
            a: int = 0
            b: int
