"""The nesting pre-check that keeps libyaml's composer from crashing on very deep YAML."""

from __future__ import annotations

import time

import pytest

from cpptool.core.errors import CpptoolError
from cpptool.core.yamlsafe import MAX_DEPTH, check_nesting, nesting_depth

PLAN_LIKE = """\
format: 1
child:
  name: Riley Smith
  dob: 2018-05-14
meetings:
  - date: 2026-11-23
    attendees: [mum, {name: social worker, role: lead}]
    notes: |
      A note with [brackets] and {braces} and a - dash: and a colon.
          Indented text inside a block scalar.
# a comment ]]]] [[[[
"""


def test_ordinary_yaml_is_shallow():
    assert nesting_depth(PLAN_LIKE) <= 5
    check_nesting(PLAN_LIKE, "plan x.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 30_000 + "]" * 30_000,
        "a: " + "{b: " * 200 + "}" * 200,
        "a: " + "[" * 30_000,  # unclosed: the composer recurses before it sees the end
        "# " + "]" * 30_000 + "\na: " + "[" * 30_000,  # stray closers must not hide what follows
        "".join(" " * i + f"k{i}:\n" for i in range(150)),
        "".join(" " * i + f"k{i}:\n#\n\n" for i in range(150)),  # comments and blanks open nothing
        "".join(" " * (2 * i) + f"- k{i}:\n" for i in range(150)),
        "- " * 30_000 + "x\n",
    ],
    ids=["flow", "braces", "unclosed", "hidden", "indented", "commented", "sequences", "dashes"],
)
def test_deep_yaml_is_refused_in_one_line(text):
    with pytest.raises(CpptoolError) as err:
        check_nesting(text, "closures file c.yaml")
    message = str(err.value)
    assert message.startswith("closures file c.yaml is nested more than 100 levels deep")
    assert "\n" not in message


def test_the_limit_is_inclusive():
    check_nesting("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "x")
    with pytest.raises(CpptoolError):
        check_nesting("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "x")
    check_nesting("a: [[[]]]", "x", limit=3)
    with pytest.raises(CpptoolError):
        check_nesting("a: [[[[]]]]", "x", limit=3)


@pytest.mark.parametrize(
    "text",
    [
        PLAN_LIKE * (4 * 1024 * 1024 // len(PLAN_LIKE)),
        "[]" * (2 * 1024 * 1024),
        ("[" * 99 + "]" * 99) * (4 * 1024 * 1024 // 198),
        " " * 101 + "x\n" + "- a\n" * (1024 * 1024),
    ],
    ids=["plans", "pairs", "just-under-the-limit", "deep-line-then-many"],
)
def test_fast_on_four_megabytes(text):
    start = time.process_time()  # CPU time, so a busy machine does not make it fail
    nesting_depth(text)
    assert time.process_time() - start < 3  # a guard against quadratic work; typically well under a second
