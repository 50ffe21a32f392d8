"""`cpptool schema`: print the plan file's JSON Schema (for editors, and for checking plans elsewhere)."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print the JSON Schema of the plan file format.

    `cpptool init` puts a copy in schemas/plan.schema.json, and `cpptool new` points each plan at
    it, so editors with a YAML language server (VS Code's YAML extension, for one) complete keys
    and flag mistakes as you type.

    Example: cpptool schema > schemas/plan.schema.json
    """
    from cpptool.core.schema import schema_text

    typer.echo(schema_text(), nl=False)
