"""`cpptool profiles`: the shipped procedure profiles."""

from __future__ import annotations

import typer

profiles_app = typer.Typer(help="List the shipped procedure profiles, or show one.", no_args_is_help=True)


@profiles_app.command("list")
def list_profiles() -> None:
    """List the shipped profiles with their title, calendar and source date.

    Example: cpptool profiles list
    """
    from cpptool.core.profiles import load_profile, shipped_profiles

    for name in shipped_profiles():
        p = load_profile(name)
        typer.echo(f"{name:<20} {p.calendar:<18} {str(p.values.get('source_date', '')):<8} {p.title}")


@profiles_app.command("show")
def show(
    name: str = typer.Argument(..., metavar="NAME", help="A shipped profile name, or a path to a profile file."),
    resolved: bool = typer.Option(False, "--resolved", help="Every effective value, after extends, and where it came from."),
) -> None:
    """Show a profile as written, or (--resolved) every effective value and its origin.

    Examples:

      cpptool profiles show jersey

      cpptool profiles show north-yorkshire --resolved
    """
    from pathlib import Path

    from cpptool.core.profiles import load_profile, profile_file

    if not resolved:
        from cpptool.core.files import read_text

        load_profile(name)  # only a readable, valid profile is shown
        typer.echo(read_text(profile_file(name), what="profile file"), nl=False)
        return
    from cpptool.core.profiles import flatten

    p = load_profile(name)
    typer.echo(f"# {p.id}: {p.title}")
    typer.echo(f"# resolved from {p.file}" + (f" (extends {', '.join(p.values.get('extends') or [])})"
                                                if p.values.get("extends") else ""))
    for key, value, origin in flatten(p.values, p.origins):
        if key == "extends":
            continue
        typer.echo(f"{key}: {_show(value)}    # from {Path(origin).name}")


def _show(value) -> str:
    import json

    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
