"""`cpptool init [DIR]`: prepare a git repository of plans."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

# What init writes: target path (relative to DIR) -> template file in templates/init/.
FILES = {
    "cpptool.yaml": "cpptool.yaml.j2",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/cpptool.yml": "github-actions.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".gitignore": "gitignore",
    "README.md": "README.md.j2",
}


def init(
    directory: Path = typer.Argument(Path("."), help="The folder to prepare (default: here)."),
    profile: str = typer.Option("england", "--profile", help="The procedure profile the plans follow."),
) -> None:
    """Write cpptool.yaml, pre-commit and CI settings, a .gitignore and a README for a plan repository.

    Existing files are never overwritten: if any of them exists, nothing is written (exit 2)."""
    from cpptool.cli._io import atomic_write_text
    from cpptool.core.errors import CpptoolError
    from cpptool.core.profiles import load_profile
    from cpptool.core.scaffold import render_init_file

    chosen = load_profile(profile)
    existing = [name for name in FILES if (directory / name).exists()]
    if existing:
        raise CpptoolError(f"{directory / existing[0]} already exists; init writes nothing over existing files "
                           f"(also present: {', '.join(existing[1:]) or 'none'})")
    contents = {name: render_init_file(template, profile=profile, title=chosen.title)
                for name, template in FILES.items()}
    for name, text in contents.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text, force=False)
        typer.echo(f"wrote {target}")
    (directory / "plans").mkdir(exist_ok=True)
    typer.echo(f"ready: start a plan with `cpptool new {directory / 'plans' / 'CASE-ID.yaml'}`")
