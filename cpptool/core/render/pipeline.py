"""The render pipeline: check the request, load and check the plan, build, write.

`render_file` is the whole run behind `cpptool render`. It refuses (CpptoolError) anything it
cannot do before it writes a byte, and writes the output whole or not at all. Nothing here
prints; warnings go to the `warn` callback, and they never quote plan values. python-docx and
jinja2 are imported only when a document is built or written.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable, Optional

from cpptool.core.errors import CpptoolError
from cpptool.core.records import record
from cpptool.core.render.build import build_document, check_child_copy
from cpptool.core.render.document import AUDIENCES, DEFAULT_MARKING, RenderedDocument, Table
from cpptool.core.render.pdf import docx_to_pdf

FORMATS = ("docx", "md", "pdf")

# Characters that XML 1.0 (so Word) cannot store. Tab, newline and carriage return are allowed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@record
class RenderOptions:
    output: Optional[Path] = None  # None (or "-") writes Markdown to stdout
    to: Optional[str] = None
    audience: str = "professional"
    force: bool = False
    marking: str = DEFAULT_MARKING
    reference_doc: Optional[Path] = None
    strict: bool = False
    final: bool = False  # refuse a plan that would be marked DRAFT (placeholders or error findings)
    as_of: Optional[dt.date] = None
    profile: Optional[str] = None
    config_file: Optional[Path] = None


class RefusedToRender(CpptoolError):
    """--strict or --final and the plan is not ready: exit 1, like a failed check."""

    exit_code = 1


@record
class RenderResult:
    format: str
    output: Optional[Path]  # None when written to stdout
    data: bytes
    signatories: int = 0


Warn = Callable[[str], None]


def output_format(opts: RenderOptions) -> str:
    """--to wins; otherwise the output file's suffix; otherwise (no suffix) docx."""
    from cpptool.core.files import yaml_name, yaml_target

    # Windows drops trailing dots and spaces from a name: "plan.yaml." is plan.yaml there.
    name = opts.output.name.rstrip(". ") if opts.output and str(opts.output) != "-" else ""
    suffix = Path(name).suffix.lower().lstrip(".") if name else ""
    if name and (yaml_name(name) or yaml_target(opts.output)):
        raise CpptoolError(f"-o {opts.output} is named like a plan (.yaml or .yml) or leads to a YAML file: "
                           "cpptool never writes a document over one; name it .docx, .md or .pdf")
    if opts.to is None and suffix and suffix not in FORMATS:
        # A Word document saved as agreement.odt would not open in the program the name promises.
        raise CpptoolError(f"-o {opts.output}: cpptool writes .docx, .md or .pdf, not .{suffix}; "
                           "name the file .docx, .md or .pdf, or say which with --to")
    if opts.to is not None:
        to = opts.to.lower()
        if to not in FORMATS:
            raise CpptoolError(f"unknown output format '{opts.to}'; choose one of: {', '.join(FORMATS)}")
        if suffix in FORMATS and suffix != to:
            raise CpptoolError(f"--to {to} does not match the output file's .{suffix} ending; "
                               f"name the file .{to} or drop --to")
        return to
    return suffix if suffix in FORMATS else "docx"


def render_file(plan_file: Path, opts: RenderOptions, warn: Warn) -> RenderResult:
    """Check, build and write one plan's document. Raises CpptoolError for anything refused."""
    if opts.audience not in AUDIENCES:
        raise CpptoolError(f"unknown audience '{opts.audience}'; choose one of: {', '.join(AUDIENCES)}")
    fmt = output_format(opts)
    to_stdout = opts.output is None or str(opts.output) == "-"
    if to_stdout and fmt != "md":
        raise CpptoolError(f"say where to write the {fmt} file with -o FILE (for example -o agreement.{fmt}); "
                           "only --to md can be written to the screen")
    marking = _check_marking(opts.marking)
    shown = str(plan_file)
    _check_files(plan_file, shown, opts, to_stdout)

    from cpptool.core.engine import CheckOptions, check_plan

    # One read and one check: the findings decide DRAFT and --strict, the plan fills the document.
    checked = check_plan(plan_file, shown, CheckOptions(config_file=opts.config_file, profile=opts.profile,
                                                        as_of=opts.as_of))
    plan, profile = _plan_of(checked, shown, warn), checked.setup.profile
    if opts.audience == "child":
        check_child_copy(plan)
    draft = _check_findings(checked.result, shown, opts, warn)
    as_of = opts.as_of or dt.date.today()
    document = build_document(plan, profile, audience=opts.audience, as_of=as_of, marking=marking)
    document.draft = draft
    if document.language == "cy-GB":
        warn("the agreement language is Welsh: the document is marked as Welsh (cy-GB), but cpptool's own "
             "headings and notices are in English (it has no reviewed Welsh wording yet); "
             "have them translated before the agreement is shared")
    data = _encode(document, fmt, opts.reference_doc)
    if not to_stdout:
        from cpptool.core.files import atomic_write_bytes

        atomic_write_bytes(opts.output, data, force=opts.force, make_parents=True)
    signatories = next((len(b.rows) for b in document.blocks if isinstance(b, Table) and b.kind == "signatures"), 0)
    return RenderResult(format=fmt, output=None if to_stdout else opts.output, data=data, signatories=signatories)


def _check_files(plan_file: Path, shown: str, opts: RenderOptions, to_stdout: bool) -> None:
    """Every file the run reads or writes, checked before anything is loaded or written."""
    if not plan_file.exists():
        raise CpptoolError(f"no such file: {shown}")
    if plan_file.is_dir():
        raise CpptoolError(f"expected a plan file but found a folder: {shown}")
    if not to_stdout:
        _check_output(opts.output, plan_file, opts.force)
    if opts.reference_doc is not None and not opts.reference_doc.is_file():
        raise CpptoolError(f"reference document not found: {opts.reference_doc}")
    if opts.config_file is not None and not opts.config_file.is_file():
        raise CpptoolError(f"configuration file not found: {opts.config_file}")


def _encode(document: RenderedDocument, fmt: str, reference_doc: Optional[Path]) -> bytes:
    # The writers are imported here, and looked up at call time, so only a render pays for them.
    if fmt == "md":
        from cpptool.core.render.markdown import to_markdown

        return to_markdown(document).encode("utf-8")
    from cpptool.core.render.docx import to_docx

    data = to_docx(document, reference_doc)
    return docx_to_pdf(data) if fmt == "pdf" else data


def _check_marking(marking: str) -> str:
    marking = (marking or "").strip()
    if _XML_ILLEGAL.search(marking) or "\n" in marking or "\r" in marking:
        raise CpptoolError("--marking must be one line of plain text, e.g. OFFICIAL-SENSITIVE")
    if len(marking) > 120:
        raise CpptoolError("--marking is too long; keep it to a short line such as OFFICIAL-SENSITIVE")
    return marking


def _check_output(output: Path, plan_file: Path, force: bool) -> None:
    if output.exists() and output.resolve() == plan_file.resolve():
        raise CpptoolError(f"-o {output} is the plan itself; choose another file")
    if output.is_dir():
        raise CpptoolError(f"-o {output} is a folder; give a file name such as {output}/agreement.docx")
    if output.exists() and not force:
        raise CpptoolError(f"{output} already exists; use --force to replace it")
    for parent in output.parents:  # missing folders are made when the file is written
        if parent.exists() and not parent.is_dir():
            raise CpptoolError(f"cannot write {output}: {parent} is a file, not a folder")


def _plan_of(checked: Any, shown: str, warn: Warn) -> Any:
    """The checked plan, with characters Word cannot store removed (and said so)."""
    loaded = checked.loaded
    if loaded.plan is None or loaded.problems:
        n = len(loaded.problems) or 1
        raise CpptoolError(f"{shown} is not a valid plan ({n} structure problem{'s' if n != 1 else ''}); "
                           f"run `cpptool check {shown}` to see what to fix, then render again")
    plan = loaded.plan
    cleaned, removed = clean_data(loaded.data)
    if removed:
        from cpptool.core.loader import plan_from_data
        from cpptool.core.yamlpath import format_path

        total = sum(n for _, n in removed)
        paths = [format_path(p) for p, _ in removed]
        listed = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        warn(f"removed {total} control character{'s' if total != 1 else ''} that Word cannot store, "
             f"from {listed}; fix the plan so the copies match")
        plan = plan_from_data(cleaned)
        if plan is None:
            raise CpptoolError(f"{shown} is not valid once control characters are removed; "
                               f"run `cpptool check {shown}`")
    return plan


def _check_findings(result: Any, shown: str, opts: RenderOptions, warn: Warn) -> bool:
    """Whether the document is a DRAFT (placeholders or error findings left), said on stderr;
    refused instead with --final, or with --strict when there are errors."""
    active = result.active()
    placeholders = [f for f in active if f.code == PLACEHOLDER_RULE]
    errors = [f for f in active if f.level == "error" and f.code != PLACEHOLDER_RULE]
    if opts.strict and (errors or any(f.level == "error" for f in placeholders)):
        every = [f for f in active if f.level == "error"]
        raise RefusedToRender(f"refusing to render: {_noun(len(every), 'error finding')} ({_codes(every)}) "
                              f"(run cpptool check {shown})")
    if not placeholders and not errors:
        return False
    parts = []
    if errors:
        parts.append(f"{_noun(len(errors), 'error finding')} ({_codes(errors)})")
    if placeholders:
        parts.append(f"{_noun(len(placeholders), 'TO DO placeholder')} ({PLACEHOLDER_RULE})")
    why = " and ".join(parts)
    if opts.final:
        raise RefusedToRender(f"refusing to render a final copy: the plan has {why}; "
                              f"run `cpptool check {shown}`, fix them, and render again")
    warn(f"marked DRAFT on every page, because the plan has {why}. Run `cpptool check {shown}` "
         "and fix them before the agreement is shared or signed")
    return True


PLACEHOLDER_RULE = "CPP-Q008"


def _noun(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _codes(findings: list) -> str:
    codes = sorted({f.code for f in findings})
    return ", ".join(codes[:8]) + (", ..." if len(codes) > 8 else "")


def clean_data(data: Any, path: tuple = ()) -> tuple[Any, list[tuple[tuple, int]]]:
    """Remove characters Word cannot store; return the cleaned data and (path, count) for each value."""
    removed: list[tuple[tuple, int]] = []

    def walk(node: Any, here: tuple) -> Any:
        if isinstance(node, str):
            cleaned, n = _XML_ILLEGAL.subn("", node)
            if n:
                removed.append((here, n))
            return cleaned
        if isinstance(node, dict):
            return {k: walk(v, here + (k,)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, here + (i,)) for i, v in enumerate(node)]
        return node

    return walk(data, path), removed
