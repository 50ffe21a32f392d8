"""`cpptool rules` and `cpptool rule CODE`: the rule catalogue and each rule's documentation."""

from __future__ import annotations

from typing import Optional

import typer


def rules(
    coverage: Optional[str] = typer.Option(None, "--coverage", metavar="PROFILE",
                                           help="For each requirement of PROFILE: the rules that enforce it, why none can, or the field it needs."),
) -> None:
    """List every rule: code, name, default level, requirement IDs and sources.

    Examples:

      cpptool rules

      cpptool rules --coverage stoke-on-trent
    """
    from cpptool.core.registry import load_rules

    if coverage:
        _coverage(coverage)
        return
    for code, r in sorted(load_rules().items()):
        reqs = ", ".join(r.requirements) or "-"
        typer.echo(f"{code}  {r.name:<36} {r.level:<8} {reqs:<22} {'; '.join(dict.fromkeys(r.short_sources))}")


def _coverage(name: str) -> None:
    from cpptool.core.catalogue import coverage
    from cpptool.core.profiles import load_profile

    profile = load_profile(name)
    rows = coverage(profile)
    typer.echo(f"# {profile.id}: {profile.title}")
    for row in rows:
        typer.echo(f"{row.id:<4} {row.level:<7} {row.text}")
        typer.echo(f"     why: {row.cite}")
        typer.echo(f"     {row.status}")
        if row.outdated:
            typer.echo(f"     outdated: {row.outdated}")
    missing = [r.id for r in rows if not r.covered]
    checked = sum(1 for r in rows if r.rules)
    fields = sum(1 for r in rows if r.needs_field)
    typer.echo(f"{len(rows)} requirements: {checked} enforced by rules, "
               f"{len(rows) - checked - fields - len(missing)} not checkable, {fields} waiting for a field the "
               f"plan format does not have yet, {len(missing)} not covered")
    if missing:
        raise typer.Exit(1)


def rule(code: str = typer.Argument(..., metavar="CODE", help="A rule code (CPP-Q001) or name (action-owner).")) -> None:
    """Show one rule's documentation, with a passing and a failing example.

    Example: cpptool rule CPP-Q001
    """
    from cpptool.core.errors import CpptoolError
    from cpptool.core.registry import find_rule

    r = find_rule(code)
    if r is None:
        raise CpptoolError(f"unknown rule '{code}'; run `cpptool rules` for the catalogue")
    typer.echo(f"{r.code} {r.name}")
    typer.echo(f"  {r.summary}")
    typer.echo(f"  default level: {r.level} (profiles set it from the requirement's must/should)")
    typer.echo(f"  requirements: {', '.join(r.requirements) or '-'}")
    typer.echo(f"  sources: {'; '.join(r.sources)}")
    typer.echo(f"  stages: {', '.join(r.stages) if r.needs_plan else 'any file'}")
    if r.options:
        typer.echo("  options (set in cpptool.yaml under rules:):")
        for key, value in r.options.items():
            typer.echo(f"    {key}: {value!r}")
    typer.echo("")
    typer.echo(r.docs)
    typer.echo("")
    typer.echo(f"What to do: {r.fix}")
    for title, example in (("Passing example", r.passing), ("Failing example", r.failing)):
        typer.echo("")
        typer.echo(f"{title}:" if example else f"{title}: a complete plan")
        for line in example.splitlines():
            typer.echo(f"    {line}")
