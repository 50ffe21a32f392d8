"""`cpptool migrate PLAN…`: rewrite format 1 plans as plan format 2, in place."""

from __future__ import annotations

from pathlib import Path

import typer


def migrate(
    paths: list[Path] = typer.Argument(..., metavar="PLAN", help="Plan files, or folders of plans."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what would change (a unified diff); write nothing."),
) -> None:
    """Rewrite format 1 plans as plan format 2, in place.

    Format 2 records the plan's whole life (meetings as held, what was sent to whom, visits, legal
    status, moves, how the plan ended); it only adds fields, so migrating changes the `format:`
    line and nothing else: comments, key order, quotes and line endings are kept. Each file is
    written whole or not at all. A plan already at format 2 is left alone. Folders are searched
    for plans, as `cpptool check` does.

    Examples:

      cpptool migrate plans/cp-2026-0412.yaml

      cpptool migrate --dry-run plans/
    """
    from cpptool.core.engine import discover
    from cpptool.core.migrate import migrate_file

    files = discover(paths)  # a file named directly is migrated or refused, never passed over
    changed = 0
    for file, shown in files:
        migration = migrate_file(file, dry_run=dry_run)
        if dry_run:
            typer.echo(migration.diff(shown), nl=False)
        changed += migration.changed
        for note in migration.notes:
            typer.echo(f"cpptool: {shown}: {note}", err=True)
    done = "would migrate" if dry_run else "migrated"
    typer.echo(f"cpptool: {done} {changed} of {len(files)} plan{'s' if len(files) != 1 else ''} to plan format 2",
               err=True)
