"""`cpptool promote OUTLINE`: turn an outline plan into the detailed plan after the first core group."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def promote(
    outline: Path = typer.Argument(..., help="The outline plan."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to write the detailed plan."),
    in_place: bool = typer.Option(False, "--in-place", help="Replace the outline file itself."),
    profile: Optional[str] = typer.Option(None, "--profile", help="The profile for guidance (default: configured)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the detailed plan instead of writing it."),
) -> None:
    """Make the detailed plan from an outline plan, keeping every value and comment.

    Adds the detailed-plan sections (needs, parenting, views, the written agreement, the record)
    with guidance and TO DO placeholders, and sets the stage. The outline file is never changed
    unless --in-place is given; the default output is the outline's name with 'detailed'."""
    import datetime as dt

    from cpptool.cli._io import atomic_write_text
    from cpptool.core.config import effective_profile, find_config, load_config
    from cpptool.core.errors import CpptoolError
    from cpptool.core.scaffold import promote_text

    if in_place and output is not None:
        raise CpptoolError("give either --in-place or -o, not both")
    try:
        text = outline.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CpptoolError(f"no such file: {outline}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CpptoolError(f"cannot read {outline}: {type(err).__name__}; run `cpptool check {outline}`") from None
    target = outline if in_place else (output or _detailed_name(outline))
    if not dry_run and not in_place and target.exists() and not force:
        raise CpptoolError(f"{target} already exists; use --force to replace it, or -o another name")
    cfg = load_config(find_config(outline))
    plan_profile = _declared_profile(text)
    chosen = effective_profile(cfg, plan_profile, profile)
    detailed, notes = promote_text(text, chosen, today=dt.date.today(), source=str(outline))
    if dry_run:
        typer.echo(detailed, nl=False)
        return
    atomic_write_text(target, detailed, force=True)
    typer.echo(f"wrote the detailed plan to {target}")
    for note in notes:
        typer.echo(f"cpptool: note: {note}", err=True)


def _detailed_name(outline: Path) -> Path:
    stem = outline.stem
    name = stem.replace("outline", "detailed") if "outline" in stem else f"{stem}-detailed"
    return outline.with_name(name + outline.suffix)


def _declared_profile(text: str) -> Optional[str]:
    import re

    m = re.search(r"^profile:\s*[\"']?([A-Za-z0-9_./-]+)", text, re.M)
    return m.group(1) if m else None
