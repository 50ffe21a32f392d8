"""`cpptool render PLAN -o agreement.docx`: the written agreement as Word, Markdown or PDF.

python-docx and jinja2 are imported only when a document is rendered, never at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def render(
    plan: Path = typer.Argument(..., help="The plan file to render.", show_default=False),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="Write to this file (.docx, .md or .pdf). Without it, --to md prints to the screen."),
    to: Optional[str] = typer.Option(None, "--to",
                                     help="Output format: docx, md or pdf (default: from -o, else docx)."),
    audience: str = typer.Option("professional", "--audience",
                                 help="professional (default), family (plain words) or child (the child's copy)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    marking: str = typer.Option("OFFICIAL-SENSITIVE", "--marking",
                                help="Protective marking for the header and footer; '' for none."),
    reference_doc: Optional[Path] = typer.Option(
        None, "--reference-doc", help="A .docx whose styles, header, footer and logo the agreement uses."),
    strict: bool = typer.Option(False, "--strict", help="Refuse (exit 1) when the plan has error findings."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date for ages and the check (default today)."),
    profile: Optional[str] = typer.Option(None, "--profile", help="Use this profile (name or path)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this cpptool.yaml instead of searching."),
) -> None:
    """Render a plan as its written agreement (Word by default).

    Exit codes: 0 written; 1 --strict and the plan has error findings;
    2 an invalid plan, a missing file, an output that exists without --force, or a usage error.
    """
    import sys

    from cpptool.core.render import RenderOptions, render_file

    day = None
    if as_of is not None:
        from cpptool.core.calendar import parse_date

        day = parse_date(as_of, what="--as-of")

    def warn(message: str) -> None:
        print(f"cpptool: warning: {message}", file=sys.stderr)

    opts = RenderOptions(output=output, to=to, audience=audience, force=force, marking=marking,
                         reference_doc=reference_doc, strict=strict, as_of=day, profile=profile,
                         config_file=config)
    result = render_file(plan, opts, warn)
    if result.output is None:
        sys.stdout.write(result.data.decode("utf-8"))
        sys.stdout.flush()
    else:
        who = f", {result.signatories} signatories" if result.signatories else ""
        print(f"wrote {result.output} ({result.format}, {audience} copy{who})", file=sys.stderr)
    raise typer.Exit(0)
