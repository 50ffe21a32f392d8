"""`cpptool new PATH`: start a plan from the templates, with its statutory dates worked out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer


def new(
    path: Path = typer.Argument(..., help="The plan file to create, e.g. plans/riley.yaml."),
    profile: Optional[str] = typer.Option(None, "--profile", help="The procedure profile (default: cpptool.yaml's, or england)."),
    stage: str = typer.Option("outline", "--stage", help="outline (at the conference) or detailed (core group)."),
    set_: List[str] = typer.Option([], "--set", help="An answer as key=value (repeatable), e.g. child_name='Riley Fictional'."),
    answers_file: Optional[Path] = typer.Option(None, "--answers", help="A YAML file of answers (same keys as --set)."),
    interactive: Optional[bool] = typer.Option(None, "--interactive/--no-interactive",
                                               help="Ask for the essentials (default: only in a terminal)."),
    force: bool = typer.Option(False, "--force", help="Replace PATH if it exists."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan instead of writing it."),
) -> None:
    """Start a new plan: the essentials from prompts or answers, dates from the profile's calendar,
    and a guidance comment and TO DO placeholder for everything else."""
    import datetime as dt

    from cpptool.core.files import atomic_write_text
    from cpptool.core.errors import CpptoolError
    from cpptool.core.files import exists
    from cpptool.core.resolve import resolve
    from cpptool.core.scaffold import Answers, read_answers, render_new, set_answer

    if exists(path) and not force and not dry_run:
        raise CpptoolError(f"{path} already exists; use --force to replace it, or choose another name")
    answers = read_answers(answers_file) if answers_file else Answers()
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CpptoolError(f"--set {item}: write it as key=value, e.g. --set child_name='Riley Fictional'")
        set_answer(answers, key.strip(), value.strip(), f"--set {key.strip()}")
    chosen = resolve(path, profile=profile).profile
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        from cpptool.cli._prompts import ask_essentials

        ask_essentials(answers, chosen)
    text, notes = render_new(chosen, stage, answers, today=dt.date.today())
    if dry_run:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(path, text, force=force)
        typer.echo(f"created {path} ({stage} plan, profile {chosen.id})")
    for note in notes:
        typer.echo(f"cpptool: note: {note}", err=True)
    if not interactive:
        typer.echo("cpptool: note: not asked anything (no terminal); fill in the TO DO placeholders, "
                   "then run `cpptool check`", err=True)
