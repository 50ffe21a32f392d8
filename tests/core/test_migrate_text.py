"""cpptool migrate's core: a format 1 plan becomes format 2 by its version line alone."""

from __future__ import annotations

import pytest

from conftest import COMPLETE
from cpptool.core.errors import CpptoolError
from cpptool.core.migrate import migrate_file, migrate_text


def test_only_the_format_line_changes_and_comments_stay():
    text = COMPLETE.read_text(encoding="utf-8")
    migration = migrate_text(text, "plan.yaml")
    assert migration.changed
    old, new = text.splitlines(), migration.new.splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert changed == [("format: 1", "format: 2")]
    assert migration.notes == ("format: 1 -> 2 (line 3)",)


def test_a_trailing_comment_and_crlf_and_a_byte_order_mark_are_kept():
    text = "\ufeff# top\r\nformat: 1   # the version\r\nstage: outline\r\n"
    migration = migrate_text(text, "p.yaml")
    assert migration.new == "\ufeff# top\r\nformat: 2   # the version\r\nstage: outline\r\n"


def test_the_diff_is_a_unified_diff_of_one_line():
    migration = migrate_text("# plan\nformat: 1\nstage: outline\n", "p.yaml")
    assert migration.diff("plans/p.yaml") == ("--- a/plans/p.yaml\n+++ b/plans/p.yaml\n@@ -1,3 +1,3 @@\n"
                                              " # plan\n-format: 1\n+format: 2\n stage: outline\n")


def test_a_plan_already_at_format_2_is_left_alone():
    migration = migrate_text("format: 2\nstage: outline\n", "p.yaml")
    assert not migration.changed and migration.diff("p.yaml") == ""
    assert migration.notes == ("already plan format 2",)


def test_a_plan_without_a_format_line_gets_one_after_the_top_comments():
    migration = migrate_text("# a plan\n# more\nstage: outline\n", "p.yaml")
    assert migration.new == "# a plan\n# more\nformat: 2\nstage: outline\n"


@pytest.mark.parametrize("text, words", [
    ("format: 7\nstage: outline\n", "'format' must be 1"),
    ("format: '1'\nstage: outline\n", "'format' must be 1"),
    ("- a\n- b\n", "not a plan"),
    ("format: 1\nstage: [outline\n", "not valid YAML"),
])
def test_what_cannot_be_migrated_is_refused_in_one_line(text, words):
    with pytest.raises(CpptoolError) as err:
        migrate_text(text, "p.yaml")
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_plan_with_other_faults_is_migrated_and_keeps_them_for_check():
    migration = migrate_text("format: 1\nstage: sometimes\nconference: {date: 2026-02-31}\n", "p.yaml")
    assert migration.new == "format: 2\nstage: sometimes\nconference: {date: 2026-02-31}\n"


def test_a_format_1_plan_using_format_2_fields_is_mended_by_migrating(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(COMPLETE.read_text(encoding="utf-8") + "legal:\n  lives_with_family: true\n", encoding="utf-8")
    migration = migrate_file(plan)
    assert migration.changed and plan.read_text(encoding="utf-8").count("format: 2") == 1


def test_dry_run_writes_nothing(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_bytes(b"format: 1\nstage: outline\n")
    assert migrate_file(plan, dry_run=True).changed
    assert plan.read_bytes() == b"format: 1\nstage: outline\n"
