"""`cpptool init [DIR]`: prepare a git repository of plans."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def init(
    directory: Path = typer.Argument(Path("."), metavar="DIR", help="The folder to prepare (default: here)."),
    profile: str = typer.Option("england", "--profile", metavar="NAME",
                                help="The procedure profile the plans follow."),
    install: Optional[str] = typer.Option(
        None, "--install", metavar="SPEC",
        help="What CI installs: a git URL with a tag, a wheel, or a package name "
             "(default: where this cpptool was installed from)."),
) -> None:
    """Write cpptool.yaml, the plan schema, pre-commit and CI settings, a .gitignore and a README
    for a plan repository.

    Existing files are never overwritten: if any of them exists, nothing is written (exit 2).

    Examples:

      cpptool init plans-repo --profile north-yorkshire

      cpptool init --install "git+https://git.example.gov.uk/tools/cpptool@v0.1.0"
    """
    from cpptool.core.files import write_new_files
    from cpptool.core.profiles import load_profile
    from cpptool.core.repository import init_files, install_source

    chosen = load_profile(profile)
    how = None
    if install is None:
        install, how = install_source()
    contents = init_files(directory, profile=profile, title=chosen.title, install=install)
    write_new_files(contents, folders=[directory / "plans"])
    for target in contents:
        typer.echo(f"wrote {target}")
    if how is not None:
        typer.echo(f"cpptool: note: the CI files install cpptool with `pip install \"{install}\"` ({how}); "
                   "give --install SPEC to install another copy", err=True)
    typer.echo(f"ready: start a plan with `cpptool new {directory / 'plans' / 'CASE-NUMBER.yaml'}`")
