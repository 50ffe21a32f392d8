"""`cpptool new PATH`: start a plan from the templates, with its statutory dates worked out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer


def new(
    path: Path = typer.Argument(..., metavar="PATH", help="The plan file to create, named by case number, "
                                                          "e.g. plans/cp-2026-0412.yaml."),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="NAME",
                                          help="The procedure profile (default: cpptool.yaml's, or england)."),
    stage: str = typer.Option("outline", "--stage", metavar="STAGE",
                              help="outline (at the conference) or detailed (core group)."),
    set_: List[str] = typer.Option([], "--set", metavar="KEY=VALUE",
                                   help="An answer (repeatable), e.g. --set categories=NEG; keys as in --answers."),
    answers_file: Optional[Path] = typer.Option(None, "--answers", metavar="FILE",
                                                help="A YAML file of answers (same keys as --set)."),
    interactive: Optional[bool] = typer.Option(None, "--interactive/--no-interactive",
                                               help="Ask for the essentials (default: only in a terminal)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", envvar="CPPTOOL_AS_OF", metavar="DATE",
                                        help="Take this date as today (default today)."),
    force: bool = typer.Option(False, "--force", help="Replace PATH if it exists."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan instead of writing it."),
) -> None:
    """Start a new plan: the essentials from prompts or answers, dates from the profile's calendar,
    and a guidance comment and TO DO placeholder for everything else.

    Without a terminal it asks nothing: whatever is not given becomes a TO DO placeholder that
    `cpptool check` reports. Missing folders are created.

    Examples:

      cpptool new plans/cp-2026-0412.yaml

      cpptool new plans/cp-2026-0412.yaml --set categories=NEG --set conference_date=23/11/2026
    """
    import datetime as dt

    from cpptool.core.errors import CpptoolError
    from cpptool.core.files import atomic_write_text, exists
    from cpptool.core.repository import schema_reference
    from cpptool.core.resolve import resolve
    from cpptool.core.scaffold import check_categories, render_new

    if exists(path) and not force and not dry_run:
        raise CpptoolError(f"{path} already exists; use --force to replace it, or choose another name")
    today = dt.date.today()
    if as_of is not None:
        from cpptool.core.calendar import parse_date

        today = parse_date(as_of, what="--as-of")
    answers = _answers(set_, answers_file)
    chosen = resolve(path, profile=profile, rules=False).profile
    check_categories(chosen, answers.categories)  # before any question, so no answer typed is lost
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        from cpptool.cli._prompts import ask_essentials

        ask_essentials(answers, chosen, today=today)
    schema_ref, schema_note = schema_reference(path)
    text, notes = render_new(chosen, stage, answers, today=today, schema_ref=schema_ref)
    if dry_run:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(path, text, force=force, make_parents=True)
        typer.echo(f"created {path} ({stage} plan, profile {chosen.id})")
    for note in notes + ([schema_note] if schema_note else []):
        typer.echo(f"cpptool: note: {note}", err=True)
    if not interactive:
        typer.echo("cpptool: note: not asked anything (no terminal); fill in the TO DO placeholders, "
                   "then run `cpptool check`", err=True)


def _answers(set_: List[str], answers_file: Optional[Path]):
    from cpptool.core.errors import CpptoolError
    from cpptool.core.scaffold import Answers, read_answers, set_answer

    answers = read_answers(answers_file) if answers_file else Answers()
    for item in set_:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CpptoolError(f"--set {item}: write it as key=value, e.g. --set categories=NEG")
        set_answer(answers, key.strip(), value.strip(), f"--set {key.strip()}")
    return answers
