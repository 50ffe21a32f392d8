"""`cpptool migrate`: rewrite a format 1 plan as plan format 2, in place, changing nothing else.

Format 2 only adds fields (the plan's whole life: meetings as held, what was sent to whom, visits,
legal status, moves, how the plan ended), so a format 1 plan is already a valid format 2 plan once
its version says so. The plan is read as a round trip (ruamel.yaml) to find the `format` key, and
only that value is changed in the text: every comment, key, quote, blank line and line ending
stays as it was, so findings keep their lines and a diff shows one line.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from cpptool.core.errors import CpptoolError
from cpptool.core.plan_format import FORMAT_VERSION
from cpptool.core.records import record

_FIRST_KEY = re.compile(r"^[A-Za-z_]", re.M)


@record(frozen=True)
class Migration:
    """One plan's migration: its new text (None when already current) and what changed."""

    old: str
    new: str | None
    notes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old

    def diff(self, name: str) -> str:
        """A unified diff of the change, as `git diff` shows it ('' when nothing changes)."""
        if not self.changed:
            return ""
        lines = difflib.unified_diff(self.old.splitlines(keepends=True), (self.new or "").splitlines(keepends=True),
                                     fromfile=f"a/{name}", tofile=f"b/{name}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def migrate_text(text: str, source: str) -> Migration:
    """The plan `text` as format 2. Raises CpptoolError for a file that is not YAML with a mapping
    at the top, or a version cpptool does not know; a plan already at format 2 comes back
    unchanged. Anything else wrong in the plan stays as it was, for `cpptool check` to report."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    node = _format_node(body, source)
    if node is not None and node.value == str(FORMAT_VERSION) and _plain(node):
        return Migration(text, None, (f"already plan format {FORMAT_VERSION}",))
    if node is not None and (node.value != "1" or not _plain(node)):
        raise CpptoolError(f"{source}: 'format' must be 1 to migrate (plan formats are 1 and {FORMAT_VERSION})")
    if node is not None:
        line, col = node.start_mark.line, node.start_mark.column
        new = _replace_scalar(body, line, col, str(FORMAT_VERSION))
        notes = (f"format: 1 -> {FORMAT_VERSION} (line {line + 1})",)
    else:
        new = _insert_format(body)
        notes = (f"added format: {FORMAT_VERSION} (the plan had no format line)",)
    _check_result(new, source)
    return Migration(text, ("\ufeff" if bom else "") + new, notes)


def _format_node(text: str, source: str) -> Any:
    """The YAML node of the top-level `format` value (None when there is none), read with the
    round-trip parser's composer: nothing is converted, so an impossible date elsewhere in the plan
    (for `cpptool check` to report) does not stop the migration."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from cpptool.core.yamlsafe import nesting_depth

    if nesting_depth(text, limit=64) > 64:
        raise CpptoolError(f"{source} is nested too deeply to be a plan; run `cpptool check {source}`")
    try:
        root = YAML().compose(text)
    except YAMLError:
        raise CpptoolError(f"{source} is not valid YAML; run `cpptool check {source}` and fix it before migrating") \
            from None
    if root is None or type(root).__name__ != "MappingNode":
        raise CpptoolError(f"{source} is not a plan (its top level is not a mapping of keys)")
    for key, value in root.value:
        if type(key).__name__ == "ScalarNode" and key.value == "format":
            if type(value).__name__ != "ScalarNode":
                raise CpptoolError(f"{source}: 'format' must be 1 to migrate (plan formats are 1 and {FORMAT_VERSION})")
            return value
    return None


def _plain(node: Any) -> bool:
    """A plain (unquoted, untagged) scalar: 1, not '1' or !!str 1."""
    return not node.style and str(node.tag) == "tag:yaml.org,2002:int"


def _replace_scalar(text: str, line: int, col: int, value: str) -> str:
    """`text` with the plain scalar that starts at (line, col) replaced by `value`."""
    lines = text.splitlines(keepends=True)
    target = lines[line]
    match = re.match(r"[^\s#,}\]]+", target[col:])
    if match is None:
        raise CpptoolError("the plan's format value could not be found in the text")
    lines[line] = target[:col] + value + target[col + match.end():]
    return "".join(lines)


def _insert_format(text: str) -> str:
    """`format: 2` as the first key, after the comments at the top of the file."""
    eol = "\r\n" if "\r\n" in text else "\n"
    match = _FIRST_KEY.search(text)
    at = match.start() if match else len(text)
    return text[:at] + f"format: {FORMAT_VERSION}{eol}" + text[at:]


def _check_result(text: str, source: str) -> None:
    """The migrated text must read back as a plan at the new format: the edit broke nothing."""
    from cpptool.core.loader import LoadedPlan, load_plan_bytes

    loaded = load_plan_bytes(text.encode("utf-8"), LoadedPlan(file=source))
    if not isinstance(loaded.data, dict) or loaded.data.get("format") != FORMAT_VERSION:
        raise CpptoolError(f"{source}: the format line could not be rewritten; set `format: {FORMAT_VERSION}` by hand")


def migrate_file(path: Any, *, dry_run: bool = False) -> Migration:
    """Migrate one plan file in place (written whole or not at all, through core/files); with
    `dry_run`, work out the change and write nothing. A byte-order mark and CRLF line endings are
    kept."""
    from pathlib import Path

    from cpptool.core.files import atomic_write_bytes, read_bytes

    path = Path(path)
    raw = read_bytes(path, what="plan file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CpptoolError(f"{path} is not UTF-8 text; run `cpptool check {path}`") from None
    migration = migrate_text(text, str(path))
    if migration.changed and not dry_run:
        atomic_write_bytes(path, (migration.new or "").encode("utf-8"))
    return migration
