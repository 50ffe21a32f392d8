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
    from cpptool.core.files import write_new_files
    from cpptool.core.profiles import load_profile
    from cpptool.core.scaffold import render_init_file

    chosen = load_profile(profile)
    contents = {directory / name: render_init_file(template, profile=profile, title=chosen.title)
                for name, template in FILES.items()}
    write_new_files(contents, folders=[directory / "plans"])
    for target in contents:
        typer.echo(f"wrote {target}")
    typer.echo(f"ready: start a plan with `cpptool new {directory / 'plans' / 'CASE-ID.yaml'}`")
