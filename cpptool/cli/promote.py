"""`cpptool promote OUTLINE`: turn an outline plan into the detailed plan after the first core group."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer


def promote(
    outline: Path = typer.Argument(..., metavar="OUTLINE", help="The outline plan."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE",
                                          help="Where to write the detailed plan."),
    in_place: bool = typer.Option(False, "--in-place", help="Replace the outline file itself."),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="NAME",
                                          help="The profile for guidance (default: configured)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", envvar="CPPTOOL_AS_OF", metavar="DATE",
                                        help="Take this date as today (default today)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the detailed plan instead of writing it."),
) -> None:
    """Make the detailed plan from an outline plan, keeping every value, comment and line ending.

    Adds the detailed-plan sections (needs, parenting, views, the written agreement, the record,
    the child's own version) with guidance and TO DO placeholders, and sets the stage. The first
    core group is recorded once its date has come. The outline file is never changed unless
    --in-place is given; the default output is the outline's name with 'detailed'.

    Examples:

      cpptool promote plans/cp-2026-0412-outline.yaml

      cpptool promote plans/cp-2026-0412.yaml --in-place
    """
    import datetime as dt

    from cpptool.core.errors import CpptoolError
    from cpptool.core.files import atomic_write_text, exists, read_text
    from cpptool.core.promote import promote_text
    from cpptool.core.resolve import resolve

    if in_place and output is not None:
        raise CpptoolError("give either --in-place or -o, not both")
    if not exists(outline):
        raise CpptoolError(f"no such file: {outline}")
    text = read_text(outline, what="outline plan")
    target = outline if in_place else (output or _detailed_name(outline))
    if not in_place and _same_file(target, outline):
        raise CpptoolError(f"-o {target} is the outline itself; use --in-place to replace the outline, "
                           "or -o another name")
    if not dry_run and not in_place and exists(target) and not force:
        raise CpptoolError(f"{target} already exists; use --force to replace it, or -o another name")
    today = dt.date.today()
    if as_of is not None:
        from cpptool.core.calendar import parse_date

        today = parse_date(as_of, what="--as-of")
    chosen = resolve(outline, profile=profile, plan_profile=_declared_profile(text, outline), rules=False).profile
    detailed, notes = promote_text(text, chosen, today=today, source=str(outline),
                                   schema_ref=_schema_for(target, outline))
    if dry_run:
        typer.echo(detailed, nl=False)
        return
    atomic_write_text(target, detailed, force=True, make_parents=True)
    typer.echo(f"wrote the detailed plan to {target}")
    for note in notes:
        typer.echo(f"cpptool: note: {note}", err=True)


def _schema_for(target: Path, outline: Path) -> Optional[str]:
    """A detailed plan written to another folder needs its editor schema line worked out again."""
    if Path(os.path.realpath(target)).parent == Path(os.path.realpath(outline)).parent:
        return None
    from cpptool.core.repository import schema_reference

    return schema_reference(target)[0]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (a.exists() and a.samefile(b))
    except OSError:
        return False


def _detailed_name(outline: Path) -> Path:
    stem = outline.stem
    name = stem.replace("outline", "detailed") if "outline" in stem else f"{stem}-detailed"
    return outline.with_name(name + outline.suffix)


def _declared_profile(text: str, outline: Path) -> Optional[str]:
    """The plan's own `profile:` value, read as YAML (it may be quoted, or absent)."""
    from cpptool.core.loader import LoadedPlan, load_plan_bytes

    data = load_plan_bytes(text.encode("utf-8"), LoadedPlan(file=str(outline))).data
    value = data.get("profile") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
