"""`cpptool render PLAN -o agreement.docx`: the written agreement as Word, Markdown or PDF.

python-docx and jinja2 are imported only when a document is rendered, never at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def render(
    plan: Path = typer.Argument(..., metavar="PLAN", help="The plan file to render.", show_default=False),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE",
        help="Write to this file (.docx, .md or .pdf); missing folders are made. Without it, --to md prints "
             "to the screen."),
    to: Optional[str] = typer.Option(None, "--to", metavar="FORMAT",
                                     help="Output format: docx, md or pdf (default: from -o, else docx)."),
    audience: str = typer.Option("professional", "--audience", metavar="AUDIENCE",
                                 help="professional (default), family (plain words) or child (the child's copy)."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    marking: str = typer.Option("OFFICIAL-SENSITIVE", "--marking", metavar="TEXT",
                                help="Protective marking for the header and footer; '' for none."),
    reference_doc: Optional[Path] = typer.Option(
        None, "--reference-doc", metavar="FILE",
        help="A .docx whose styles, header, footer and logo the agreement uses."),
    final: bool = typer.Option(False, "--final",
                               help="Refuse (exit 1) a plan with TO DO placeholders or error findings, "
                                    "instead of marking it DRAFT."),
    strict: bool = typer.Option(False, "--strict", help="Refuse (exit 1) when the plan has error findings."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DATE",
                                        help="Date for ages and the check (default today)."),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="NAME", help="Use this profile (name or path)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Use this cpptool.yaml instead of searching."),
) -> None:
    """Render a plan as its written agreement (Word by default).

    While the plan has TO DO placeholders or error findings, every page says DRAFT and the
    reasons go to stderr; --final refuses such a plan. Exit codes: 0 written; 1 --final or
    --strict and the plan is not ready; 2 an invalid plan, a missing file, an output that exists
    without --force, or a usage error.

    Examples:

      cpptool render plans/cp-2026-0412.yaml -o out/cp-2026-0412.docx

      cpptool render --final --audience family plans/cp-2026-0412.yaml -o out/cp-2026-0412-family.docx

      cpptool render --to md plans/cp-2026-0412.yaml
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
                         reference_doc=reference_doc, strict=strict, final=final, as_of=day, profile=profile,
                         config_file=config)
    result = render_file(plan, opts, warn)
    if result.output is None:
        sys.stdout.write(result.data.decode("utf-8"))
        sys.stdout.flush()
    else:
        who = f", {result.signatories} signatories" if result.signatories else ""
        print(f"wrote {result.output} ({result.format}, {audience} copy{who})", file=sys.stderr)
    raise typer.Exit(0)
