"""The family copy spells out abbreviations once, from the shared glossary, and never nests brackets."""

from __future__ import annotations

import re

import pytest

from cpptool.core import glossary
from cpptool.core.render import Para, RenderedDocument, Table, expand_acronyms
from render_helpers import variant

AS_OF = "2026-11-23"


def expanded(*texts: str) -> list[str]:
    """Each text as a paragraph of one family copy, after expansion (first use counts across texts)."""
    doc = RenderedDocument(title="t", language="en-GB", marking="", audience="family",
                           blocks=[Para([(t, False)]) for t in texts])
    expand_acronyms(doc)
    return [block.text for block in doc.blocks]


def max_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


def test_already_spelled_out_stays_exactly_as_written():
    text = "Independent Reviewing Officer (IRO)"
    assert expanded(text) == [text]
    assert expanded("Morgan Sample, Independent Reviewing Officer (IRO), chairs.") == \
        ["Morgan Sample, Independent Reviewing Officer (IRO), chairs."]


def test_first_use_is_spelled_out_and_later_uses_are_not():
    assert expanded("The IRO will chair.", "Ask the IRO.") == \
        ["The Independent Reviewing Officer (IRO) will chair.", "Ask the IRO."]


def test_inside_brackets_a_comma_not_brackets_in_brackets():
    assert expanded("Pat Sample (HV)") == ["Pat Sample (Health Visitor, HV)"]
    assert expanded("(ask the IRO first)") == ["(ask the Independent Reviewing Officer, IRO first)"]


def test_lower_case_s47_uses_the_glossary_words():
    (text,) = expanded("The s47 is finished.")
    assert text == f"The {glossary.expansions()['S47']} (s47) is finished."


@pytest.mark.parametrize("abbreviation", sorted(glossary.expansions()))
@pytest.mark.parametrize("pattern", ["{a}", "({a})", "Sam Example ({a})", "{full} ({a})", "(see the {a} today)",
                                     "{full} ({a}) and the {a}"])
def test_no_abbreviation_ever_nests_brackets(abbreviation, pattern):
    full = glossary.expansions()[abbreviation]
    text = pattern.format(a=abbreviation, full=full)
    (out,) = expanded(text)
    assert max_depth(out) <= max(1, max_depth(text)), out
    if text.startswith(full):
        assert out == text  # already spelled out: unchanged
    assert out.count(full) == 1


def test_signature_table_is_left_alone():
    table = Table("Signatures", ["Name", "Role or agency"], [["Pat Sample", "HV"]], kind="signatures")
    doc = RenderedDocument(title="t", language="en-GB", marking="", audience="family", blocks=[table])
    expand_acronyms(doc)
    assert table.rows == [["Pat Sample", "HV"]]


def test_family_copy_of_a_role_in_brackets(cli, tmp_path):
    """who() writes 'name (role)'; a role that is an abbreviation must not nest brackets."""
    def change(d):
        d["core_group"][0]["role"] = "SW"

    code, out, err = cli("render", "--as-of", AS_OF, variant(tmp_path, change), "--audience", "family", "--to", "md")
    assert code == 0, err
    assert "Sam Example (Social Worker, SW)" in out
    assert not re.search(r"\([^()]*\(", out.replace("\\(", "").replace("\\)", "")), "nested brackets"
