"""The quick reader (libyaml's events) must load every file exactly as the careful one (nodes) does:
the same data, the same positions, the same problems; and give way to it for anything unusual."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpptool.core import loader, yamlevents
from tests.conftest import ROOT

EDGE_CASES = [
    "a: 1\nb: 2\na: 3\n",  # a repeated key
    "a:\n  b: [1, 2]\n  b: {c: 1}\n  b: x\n",  # one key three times, collections skipped
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: 1\na: *x\n",  # an undefined alias in a skipped value: the careful way reports it
    "a: !!str 3\n",  # tags
    "a: !custom 3\n",
    "a: ! 3\n",
    "<<: {a: 1}\n",  # a merge key
    "? [a, b]\n: 1\n",  # a complex key
    "[1, 2]\n",  # not a mapping
    "just text\n",
    "---\n",  # an empty document
    "---\na: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # syntax errors
    "a: b: c\n",
    "a:\n\t- 1\n",
    "'quoted': \"text\"\nplain: 2026-11-23\nbad: 2023-02-31\nnum: 1e3\nf: .5\nn: ~\nt: True\ni: +12\nh: 0x1F\n",
    "long: 1234567890123456789012345678901234567890\n",
    "block: |\n  line one\n  line two\nfolded: >-\n  a\n  b\n",
    "{format: 1, stage: outline, child: {name: A}}\n",
    "a:\n  - b: 1\n    b: 2\n  - - 1\n    - [2, {c: d}]\n",
    "'': empty key\n\"\": again\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n...\n",
    "a:\n" + "".join(f"  k{i}: {i}\n" for i in range(50)),
]


def _typed(value):
    """Data with its types, so that 1, 1.0 and True never compare equal."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _load(text: str, quick: bool, monkeypatch) -> tuple:
    if not quick:
        monkeypatch.setattr(yamlevents, "read_simple", lambda *a, **k: None)
    loaded = loader.load_plan_bytes(text.encode("utf-8"), loader.LoadedPlan(file="p.yaml"))
    monkeypatch.undo()
    return (_typed(loaded.data), loaded.positions.values, loaded.positions.keys, loaded.problems,
            loaded.plan)


def _corpus() -> list[Path]:
    files = sorted(p for p in ROOT.glob("examples/**/*.y*ml")) + sorted(ROOT.glob("tests/**/*.y*ml"))
    return [p for p in files if ".venv" not in p.parts]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_load_alike(text, monkeypatch):
    assert _load(text, True, monkeypatch) == _load(text, False, monkeypatch)


@pytest.mark.parametrize("file", _corpus(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_loads_alike(file, monkeypatch):
    text = file.read_bytes().decode("utf-8", "replace")
    assert _load(text, True, monkeypatch) == _load(text, False, monkeypatch)


def test_generated_plans_load_alike(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    for file in generate.generate(tmp_path, n=12, seed=3):
        text = file.read_text(encoding="utf-8")
        assert yamlevents.read_simple(text, loader._plain, max_nodes=loader.MAX_NODES,
                                      max_depth=loader.MAX_DEPTH) is not None, "plans take the quick way"
        assert _load(text, True, monkeypatch) == _load(text, False, monkeypatch)


def test_the_quick_way_gives_up_on_unusual_yaml():
    for text in ("a: &x 1\nb: *x\n", "a: !!str 3\n", "<<: {a: 1}\n", "? [a]\n: 1\n", "a: [1\n",
                 "---\na: 1\n---\nb: 2\n", "a: 1\na: *x\n"):
        assert yamlevents.read_simple(text, loader._plain, max_nodes=100, max_depth=10) is None, text
    assert yamlevents.read_simple("a: [1, 2, 3]\n", loader._plain, max_nodes=3, max_depth=10) is None
    assert yamlevents.read_simple("a: [[[1]]]\n", loader._plain, max_nodes=100, max_depth=2) is None
    data = yamlevents.read_simple("a: 2026-11-23\n", loader._plain, max_nodes=100, max_depth=10)[0]
    assert data == {"a": dt.date(2026, 11, 23)}


# Random YAML-like text: every text either loads alike or the quick way gives way.
LINE = st.tuples(st.sampled_from(["", "  ", "    ", "- ", "  - "]),
                 st.sampled_from(["a", "b", "c", "'a'", "\"b\"", "1", "<<", "? x", "", "&k a", "*k"]),
                 st.sampled_from([":", ": ", ""]),
                 st.sampled_from(["", "1", "x", "[1, 2]", "{a: 1}", "'q'", "!!str 2", "~", "2026-01-02",
                                  "|", "&k v", "*k", "# c", "- y", "[", "}"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8))
def test_random_yaml_loads_alike(lines):
    import contextlib

    text = "".join(f"{indent}{key}{colon}{value}\n" for indent, key, colon, value in lines)
    with pytest.MonkeyPatch.context() as mp, contextlib.suppress(RecursionError):
        assert _load(text, True, mp) == _load(text, False, mp)


BASES = [p.read_text(encoding="utf-8") for p in (ROOT / "examples" / "plans").glob("*.yaml")]
SNIPPETS = ["", "  ", "- ", ": x", " &a", " *a", " !!str", "'", "\"", "[", "{", "#", "\t", "? ", "<<: ", "~",
            "2026-02-31", "true", "- [1, 2]", "x: &b {c: 1}"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(len(BASES))),
       st.lists(st.tuples(st.sampled_from(["delete", "copy", "start", "end", "cut"]), st.integers(0, 10_000),
                          st.sampled_from(SNIPPETS)), min_size=1, max_size=4))
def test_mutated_example_plans_load_alike(base, edits):
    lines = BASES[base].splitlines(keepends=True)
    for kind, at, snippet in edits:
        i = at % len(lines)
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "copy":
            lines.insert(i, lines[i])
        elif kind == "start":
            lines[i] = snippet + lines[i]
        elif kind == "end":
            lines[i] = lines[i].rstrip("\n") + snippet + "\n"
        else:
            lines = lines[: i + 1]
    with pytest.MonkeyPatch.context() as mp:
        text = "".join(lines)
        assert _load(text, True, mp) == _load(text, False, mp)
