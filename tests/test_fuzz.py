"""Property-based fuzz: structured mutations of the example plans never crash cpptool.

Each example is a plan that has been mutated: keys deleted, types swapped, odd Unicode and
control characters, extreme dates and numbers, deep nesting, duplicate and dangling ids, and, as
text, tags, merge keys, anchors, a BOM, CRLF line ends and flow style. Every mutated plan goes
through `check` in every format at once and through `render`. It must end with exit 0, 1 or 2,
never an internal error, and no machine output may quote a plan's free text (every sentence in
the plan carries a canary word).

`make test` runs a short fuzz; `make fuzz` runs 10,000 cases (CPPTOOL_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import COMPLETE, EXAMPLES, OUTLINE, load_yaml, yaml_text

EXAMPLES_USED = [COMPLETE, OUTLINE, EXAMPLES / "profiles" / "jersey-complete.yaml",
                 EXAMPLES / "profiles" / "stoke-on-trent-flawed.yaml"]
MACHINE_FORMATS = ["concise", "json", "github", "sarif", "junit", "gitlab"]
CANARY = "Zqcanary"
BASES = [load_yaml(p) for p in EXAMPLES_USED]


def _with_canaries(node, counter=[0]):  # noqa: B006 - a running number across calls is the point
    """Every sentence (a string with a space) gets a unique canary word; ids and codes stay."""
    if isinstance(node, dict):
        return {k: _with_canaries(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_canaries(v) for v in node]
    if isinstance(node, str) and " " in node.strip():
        counter[0] += 1
        return f"{CANARY}{counter[0]} {node}"
    return node


def _paths(node, here=()):
    yield here
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, here + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, here + (i,))


def _get(node, path):
    for p in path:
        node = node[p]
    return node


def _set(node, path, value):
    if not path:
        return value
    _get(node, path[:-1])[path[-1]] = value
    return node


ODD_TEXT = st.sampled_from([
    "", " ", "\u202eevil\u202c", "\x07bell", "a\x00b", "\ud7ff", "\U0001F600" * 50, "x" * 30_000,
    "TO DO", "{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "- - -", ": :",
])
ODD_VALUES = st.one_of(
    ODD_TEXT,
    st.sampled_from([None, True, False, 0, -1, 10 ** 40, 1.5e308, float("nan"), [], {}, [[[]]],
                     dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1979, 12, 31), dt.date(2101, 1, 1)]),
    st.integers(min_value=-(10 ** 6), max_value=10 ** 6),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)


@st.composite
def mutated_plan(draw) -> str:
    data = _with_canaries(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["delete", "replace", "nest", "duplicate-id", "dangling"]))
        parent = _get(data, path[:-1])
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "replace":
            data = _set(data, path, draw(ODD_VALUES))
        elif kind == "nest":
            deep = "x"
            for _ in range(draw(st.integers(min_value=10, max_value=200))):
                deep = [deep]
            data = _set(data, path, deep)
        elif kind == "duplicate-id" and isinstance(parent, dict) and "id" in parent:
            parent["id"] = "mum"
        elif kind == "dangling":
            data = _set(data, path, "no-such-id")
    return _as_text(draw, data)


def _as_text(draw, data) -> str:
    text = yaml_text(data)
    form = draw(st.sampled_from(["plain", "bom", "crlf", "flow", "tag", "merge", "anchor", "bomb"]))
    if form == "bom":
        return "\ufeff" + text
    if form == "crlf":
        return text.replace("\n", "\r\n")
    if form == "flow":
        import json

        return json.dumps(data, default=str)
    if form == "tag":
        return text.replace("stage:", "stage: !!python/object:os.system", 1)
    if form == "merge":
        return "base: &b {x: 1}\n" + text + "extra:\n  <<: *b\n"
    if form == "anchor":
        return re.sub(r"^child:", "child: &c", text, count=1, flags=re.M) + "copy: *c\n"
    if form == "bomb":
        return "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" \
               "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" + text
    return text


def _run(*args: str) -> tuple[int, str, str]:
    from cpptool.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=int(os.environ.get("CPPTOOL_FUZZ_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(text=mutated_plan())
def test_mutated_plans_never_crash_or_leak(tmp_path_factory, text):
    folder = Path(tmp_path_factory.mktemp("fuzz"))
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8", errors="replace", newline="")
    outputs = []
    args = ["check", "--as-of", "2026-11-23", "--no-color", str(plan)]
    for fmt in MACHINE_FORMATS:
        outputs.append(folder / f"out.{fmt}")
        args += ["--format", fmt, "--output", str(outputs[-1])]
    code, out, err = _run(*args)
    assert code in (0, 1, 2), (code, err)
    assert "internal error" not in err, err
    if code != 2:
        for file in outputs:
            assert CANARY not in file.read_text(encoding="utf-8", errors="replace"), file.name
    assert CANARY not in err
    code, _, err = _run("render", "--to", "md", "--as-of", "2026-11-23", "-o", str(folder / "plan.md"), str(plan))
    assert code in (0, 1, 2), (code, err)
    assert "internal error" not in err, err
    assert CANARY not in err
