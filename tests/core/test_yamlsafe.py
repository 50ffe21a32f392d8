"""The nesting pre-check that keeps libyaml's composer from crashing on very deep YAML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpptool.core import yamlsafe
from cpptool.core.errors import CpptoolError
from cpptool.core.yamlevents import read_settings
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


# ---------------------------------------------------------------------------------------------
# The quick way to read settings files reads them as ruamel's safe loader does



def _typed(value):
    if isinstance(value, dict):
        return {(type(k).__name__, k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _careful(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


def _quick(text: str):
    return read_settings(text, yamlsafe._settings_scalar, max_nodes=yamlsafe.MAX_VALUES, max_depth=MAX_DEPTH)


def _settings_files() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("cpptool/**/*.yaml"), *root.glob("templates/**/*.yaml"), *root.glob("examples/**/*.y*ml"),
             *root.glob("tests/**/*.y*ml")]
    return sorted(p for p in files if ".venv" not in p.parts)


@pytest.mark.parametrize("file", _settings_files(), ids=lambda p: p.name)
def test_every_yaml_file_in_the_repository_is_read_alike(file):
    text = file.read_text(encoding="utf-8", errors="replace")
    try:
        careful = _careful(text)
    except Exception:  # noqa: BLE001 - the careful way refuses it: the quick way must give up too
        assert _quick(text) is None
        return
    quick = _quick(text)
    if quick is not None:
        assert _typed(quick) == _typed(careful)


def test_the_shipped_data_and_profiles_are_read_the_quick_way():
    root = Path(__file__).resolve().parents[2] / "cpptool"
    for file in [*root.glob("data/*.yaml"), *root.glob("profiles/*.yaml")]:
        assert _quick(file.read_text(encoding="utf-8")) is not None, file


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a repeated key
    "2019: x\n", "true: x\n", "null: x\n", "1.5: x\n",  # keys that are not text
    "%YAML 1.1\n---\na: yes\n",  # YAML 1.1 reads yes as true
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n",
    "a: 2026-02-30\n", "a: 1_000\n", "a: 0x1F\n", "a: 012\n", "a: 1.5\n", "a: .inf\n", "a: =\n",
    "a: 2026-11-23 10:00:00\n", "a: 1\n---\nb: 2\n", "",
])
def test_what_the_quick_way_leaves_to_the_careful_way(text):
    assert _quick(text) is None


PLAIN_WORDS = st.sampled_from(["true", "True", "TRUE", "false", "FALSE", "yes", "no", "on", "off", "null", "Null",
                               "~", "", "-", "-1", "+1", "0", "00", "012", "1_0", "0o7", "0x1f", "1e3", "1.", ".5",
                               "2026-11-23", "2026-1-5", "2026-11-23T10:00:00", "10 working days", "3 months",
                               "-foo", ".NET", "=", "<<", "12345678901234567890", "-0", "NaN", ".nan"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(PLAIN_WORDS, st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                                     max_size=12)))
def test_a_plain_scalar_is_read_as_ruamel_reads_it(value):
    text = f"a: {value}\n"
    try:
        careful = _careful(text)
    except Exception:  # noqa: BLE001 - not valid as written plain: nothing to compare
        return
    quick = _quick(text)
    if quick is not None:
        assert _typed(quick) == _typed(careful)


def test_load_yaml_reads_plain_settings_the_quick_way(monkeypatch):
    """The careful way (ruamel's composer) is not needed for a shipped profile."""
    from ruamel.yaml import YAML

    def careful(*_a, **_k):
        raise AssertionError("the careful way was taken")

    monkeypatch.setattr(YAML, "compose", careful)
    profile = Path(__file__).resolve().parents[2] / "cpptool" / "profiles" / "england.yaml"
    assert yamlsafe.load_yaml(profile.read_text(encoding="utf-8"), str(profile))["calendar"] == "england-and-wales"
    with pytest.raises(AssertionError, match="careful way"):
        yamlsafe.load_yaml("a: &x 1\nb: *x\n", "f.yaml")  # an alias: the careful way


def test_the_quick_way_counts_keys_as_the_careful_way_does():
    many = "".join(f"k{i}: {i}\n" for i in range(30_000))  # 60,001 values, counting the keys
    assert _quick(many) is None
    with pytest.raises(CpptoolError, match="more than 50000 values"):
        yamlsafe.load_yaml(many, "f.yaml")
    assert len(yamlsafe.load_yaml("".join(f"k{i}: {i}\n" for i in range(20_000)), "f.yaml")) == 20_000


@pytest.mark.parametrize("text, at, words", [
    ("a: 1\nb: Jo Notreal\na: 3\n", "f.yaml:3:1", "this key is given twice"),
    ("a: =\n", "f.yaml:1:4", "put text in quotes"),
])
def test_values_ruamel_cannot_build_are_refused_in_one_line(text, at, words):
    with pytest.raises(CpptoolError) as err:
        yamlsafe.load_yaml(text, "f.yaml")
    message = str(err.value)
    assert message.startswith(at) and words in message and "Notreal" not in message and "\n" not in message


def test_a_repeated_key_in_cpptool_yaml_is_one_line_with_exit_code_2(cli, tmp_path):
    (tmp_path / "cpptool.yaml").write_text("profile: england\nprofile: wales\n", encoding="utf-8")
    code, out, err = cli("check", "--config", tmp_path / "cpptool.yaml", Path(__file__).resolve().parents[2]
                         / "examples" / "plans" / "detailed-complete.yaml")
    assert code == 2 and out == ""
    assert "internal error" not in err and len(err.strip().splitlines()) == 1 and "given twice" in err
