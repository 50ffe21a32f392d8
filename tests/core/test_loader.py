"""The loader turns every kind of bad file into a located problem, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import COMPLETE, load_yaml, yaml_text
from cpptool.core.loader import MAX_NODES, load_plan


def codes(loaded):
    return [(p.code, p.line, p.col) for p in loaded.problems]


def test_complete_example_loads_with_positions():
    loaded = load_plan(COMPLETE)
    assert loaded.problems == []
    assert loaded.plan.child.date_of_birth == dt.date(2018, 5, 14)
    lines = COMPLETE.read_text().splitlines()
    line, col = loaded.positions.locate(("actions", 2, "owner"))
    assert lines[line - 1][col - 1:].startswith("teacher")
    key_line, key_col = loaded.positions.locate(("actions", 2, "owner"), key=True)
    assert lines[key_line - 1][key_col - 1:].startswith("owner:")


def test_locate_falls_back_to_nearest_ancestor():
    loaded = load_plan(COMPLETE)
    assert loaded.positions.locate(("actions", 2, "nothing", 4)) == loaded.positions.locate(("actions", 2))


def test_duplicate_key(write):
    loaded = load_plan(write("format: 1\nstage: outline\nstage: detailed\n"))
    assert ("CPP-E002", 3, 1) in codes(loaded)
    assert "first on line 2" in loaded.problems[0].message


def test_tab_indentation(write):
    loaded = load_plan(write("format: 1\nchild:\n\tname: X\n"))
    assert codes(loaded) == [("CPP-E003", 3, 1)]


def test_syntax_error_located(write):
    loaded = load_plan(write("format: 1\nchild:\n  name: [unclosed\n  id: 3\n"))
    (problem,) = loaded.problems
    assert problem.code == "CPP-E001"
    assert problem.line >= 3
    assert "YAML syntax error" in problem.message


def test_two_documents(write):
    loaded = load_plan(write("format: 1\n---\nformat: 1\n"))
    assert loaded.problems[0].code == "CPP-E001"
    assert "more than one YAML document" in loaded.problems[0].message


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n", "---\n"])
def test_empty_file(write, content):
    loaded = load_plan(write(content))
    assert [p.code for p in loaded.problems] == ["CPP-E005"]


def test_not_utf8_located(write):
    loaded = load_plan(write(b"format: 1\nchild:\n  name: Caf\xe9\n"))
    assert codes(loaded) == [("CPP-E004", 3, 12)]


def test_utf8_bom_is_accepted(write):
    text = COMPLETE.read_text(encoding="utf-8")
    loaded = load_plan(write(b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert loaded.problems == []


def test_nul_bytes(write):
    loaded = load_plan(write(b"format: 1\x00\n"))
    assert [p.code for p in loaded.problems] == ["CPP-E004"]


def test_file_too_large(write):
    path = write("a: " + "x" * 100 + "\n")
    loaded = load_plan(path, max_bytes=50)
    assert [p.code for p in loaded.problems] == ["CPP-E006"]


def test_alias_bomb_is_bounded(write):
    lines = ["a: &a [" + ", ".join(["x"] * 10) + "]"]
    for prev, name in zip("abcdef", "bcdefg"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    loaded = load_plan(write("\n".join(lines) + "\n"))  # 10**7 values if expanded
    assert [p.code for p in loaded.problems] == ["CPP-E007"]
    assert str(MAX_NODES) in loaded.problems[0].message


def test_small_aliases_are_fine(write):
    data = load_yaml(COMPLETE)
    text = yaml_text(data).replace("language: English\n", "language: &lang English\n", 1)
    text = text.replace("preferred_language: English", "preferred_language: *lang", 1)
    loaded = load_plan(write(text))
    assert loaded.problems == []


def test_deep_nesting_is_bounded(write):
    loaded = load_plan(write("a: " + "[" * 200 + "]" * 200 + "\n"))
    assert [p.code for p in loaded.problems] == ["CPP-E007"]


def test_top_level_must_be_mapping(write):
    loaded = load_plan(write("- a\n- b\n"))
    assert [p.code for p in loaded.problems] == ["CPP-E008"]


def test_unknown_key_did_you_mean(write):
    data = load_yaml(COMPLETE)
    data["child"]["date_of_brith"] = data["child"].pop("date_of_birth")
    loaded = load_plan(write(yaml_text(data)))
    (problem,) = loaded.problems
    assert problem.code == "CPP-S001"
    assert problem.path == ("child", "<key>")  # whatever was typed is never in machine outputs
    assert "did you mean 'date_of_birth'" in problem.message and "brith" not in problem.message
    assert "date_of_brith" in problem.detail  # the text report may say it


def test_unknown_key_that_looks_like_a_field_is_still_masked(write):
    data = load_yaml(COMPLETE)
    data["child"]["riley_smith"] = "x"
    (problem,) = load_plan(write(yaml_text(data))).problems
    assert problem.path == ("child", "<key>") and "riley" not in problem.message


def test_unknown_top_level_key_lists_nothing_private(write):
    data = load_yaml(COMPLETE)
    data["acions"] = []
    loaded = load_plan(write(yaml_text(data)))
    assert [p.code for p in loaded.problems] == ["CPP-S001"]
    assert "did you mean 'actions'" in loaded.problems[0].message


@pytest.mark.parametrize(
    "value, expected",
    [("next week", "expected a date"), ("2023-02-31", "not a real date"), ("[1, 2]", "expected a date")],
)
def test_wrong_date_types(write, value, expected):
    text = COMPLETE.read_text().replace("  date: 2026-11-02\n", f"  date: {value}\n", 1)
    loaded = load_plan(write(text))
    (problem,) = loaded.problems
    assert problem.code == "CPP-S003"
    assert problem.path == ("conference", "date")
    assert expected in problem.message
    assert value not in problem.message  # never quote plan values


def test_missing_required_field_points_at_parent(write):
    data = load_yaml(COMPLETE)
    del data["conference"]["date"]
    path = write(yaml_text(data))
    loaded = load_plan(path)
    (problem,) = loaded.problems
    assert problem.code == "CPP-S002"
    assert "'date' is required in conference" in problem.message
    assert path.read_text().splitlines()[problem.line - 1].strip().startswith("chair") or problem.line > 1


def test_numbers_are_accepted_as_text(write):
    data = load_yaml(COMPLETE)
    data["child"]["id"] = 123456
    loaded = load_plan(write(yaml_text(data)))
    assert loaded.problems == []
    assert loaded.plan.child.id == "123456"


def test_yes_no_accepted_for_booleans(write):
    text = COMPLETE.read_text().replace("interpreter_needed: false", "interpreter_needed: no", 1)
    loaded = load_plan(write(text))
    assert loaded.problems == []
    assert loaded.plan.child.interpreter_needed is False


def test_explicit_tags_refused(write):
    text = COMPLETE.read_text().replace("name: Riley Fictional", "name: !!python/object:os.system x", 1)
    loaded = load_plan(write(text))
    assert "CPP-E001" in [p.code for p in loaded.problems]


def test_str_tag_keeps_text(write):
    text = COMPLETE.read_text().replace("id: EX-000123", "id: !!str 000123", 1)
    loaded = load_plan(write(text))
    assert loaded.problems == []
    assert loaded.plan.child.id == "000123"


def test_bad_id_pattern(write):
    data = load_yaml(COMPLETE)
    data["actions"][0]["id"] = "a 1"
    loaded = load_plan(write(yaml_text(data)))
    assert [(p.code, p.path) for p in loaded.problems] == [("CPP-S003", ("actions", 0, "id"))]
    assert "not a valid id" in loaded.problems[0].message


def test_keys_that_may_be_plan_content_are_masked(write):
    data = load_yaml(COMPLETE)
    data["child"]["Jo Fictional"] = "mother"
    data["child"]["Date Of Birth"] = "x"
    loaded = load_plan(write(yaml_text(data)))
    found = [(p.code, p.path, p.message) for p in loaded.problems]
    assert all("Jo" not in str(f) and "Date Of" not in str(f) for f in found), found
    assert [p.path for p in loaded.problems] == [("child", "<key>"), ("child", "<key>")]
    lines = yaml_text(data).splitlines()
    assert [lines[p.line - 1].strip()[:3] for p in loaded.problems] == ["Jo ", "Dat"]  # located on the real keys


def test_duplicate_key_message_masks_unsafe_keys(write):
    loaded = load_plan(write("format: 1\nJo Fictional: 1\nJo Fictional: 2\n"))
    (problem,) = [p for p in loaded.problems if p.code == "CPP-E002"]
    assert "Jo" not in problem.message and problem.path == ("<key>",)
